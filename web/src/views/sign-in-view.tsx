// Sign-in. Locally: the identity picker — any tenant, user and groups — backed
// by the runtime's development tokens. Deployed: Cognito's hosted UI.
import { useState, type FormEvent } from 'react';
import { signInLocally } from '../auth/local-identity.ts';
import type { Session } from '../auth/session.ts';
import type { ConsoleConfig } from '../config.ts';

export function SignInView({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn: (s: Session) => void }) {
  const [tenant, setTenant] = useState('acme');
  const [sub, setSub] = useState('sam');
  const [groups, setGroups] = useState<string[]>(['marketers']);
  const [error, setError] = useState<string>();
  const auth = config.auth;
  const toggle = (group: string) => setGroups((g) => (g.includes(group) ? g.filter((x) => x !== group) : [...g, group]));

  if (auth.kind === 'cognito') {
    return (
      <main className="page narrow">
        <h1>Marketing Command Center</h1>
        <p>Sign in with your company account.</p>
        <button type="button" onClick={() => void import('../auth/cognito.ts').then((c) => c.cognitoSignIn(auth))}>Sign in</button>
      </main>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      onSignedIn(await signInLocally(auth.tokenUrl, { tenant: tenant.trim(), sub: sub.trim(), groups }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <main className="page narrow">
      <h1>Marketing Command Center</h1>
      <p>Local runtime: choose who you are. Your e-mail will be <strong>{sub.trim() || '…'}@example.com</strong>.</p>
      <form onSubmit={(e) => void submit(e)} className="form">
        <label>Tenant<input name="tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} required /></label>
        <label>User<input name="sub" value={sub} onChange={(e) => setSub(e.target.value)} required /></label>
        <fieldset>
          <legend>Groups</legend>
          {['marketers', 'approvers'].map((g) => (
            <label key={g} className="inline"><input type="checkbox" name="groups" value={g} checked={groups.includes(g)} onChange={() => toggle(g)} />{g}</label>
          ))}
        </fieldset>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
