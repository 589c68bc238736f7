// The shell: sign-in, then the navigation and the six views, each at its own
// path (CloudFront and the local gateway answer every path with index.html).
import { useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { Link, Route, Switch, useLocation } from 'wouter';
import { signOutLocally, storedLocalSession } from './auth/local-identity.ts';
import { isApprover, isMarketer, type Session } from './auth/session.ts';
import type { ConsoleConfig } from './config.ts';
import { CampaignStoreProvider } from './graphql/campaign-store.tsx';
import { createConsoleClient } from './graphql/client.ts';
import { ApprovalsView } from './views/approvals-view.tsx';
import { AssistantView } from './views/assistant-view.tsx';
import { CalendarView } from './views/calendar-view.tsx';
import { CampaignView } from './views/campaign-view.tsx';
import { CampaignsView } from './views/campaigns-view.tsx';
import { NewCampaignView } from './views/new-campaign-view.tsx';
import { SignInView } from './views/sign-in-view.tsx';

export function App({ config }: { config: ConsoleConfig }) {
  const [session, setSession] = useState<Session | undefined>(() => (config.auth.kind === 'local' ? storedLocalSession() : undefined));
  const [checking, setChecking] = useState(config.auth.kind === 'cognito');
  useEffect(() => {
    const auth = config.auth;
    if (auth.kind !== 'cognito') return;
    import('./auth/cognito.ts')
      .then((cognito) => cognito.cognitoSession(auth))
      .then(setSession, () => setSession(undefined))
      .finally(() => setChecking(false));
  }, [config]);

  if (checking) return <main className="page"><p>Signing in…</p></main>;
  if (!session) return <SignInView config={config} onSignedIn={setSession} />;
  const signOut = async () => {
    if (config.auth.kind === 'cognito') {
      const auth = config.auth;
      await import('./auth/cognito.ts').then((c) => c.cognitoSignOut(auth));
      return;
    }
    signOutLocally();
    setSession(undefined);
  };
  return <SignedIn key={session.token} config={config} session={session} onSignOut={() => void signOut()} />;
}

function NavLink({ href, children }: { href: string; children: string }) {
  const [location] = useLocation();
  const current = href === '/' ? location === '/' || location.startsWith('/campaigns') : location.startsWith(href);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function SignedIn({ config, session, onSignOut }: { config: ConsoleConfig; session: Session; onSignOut: () => void }) {
  const { client, close } = useMemo(() => createConsoleClient(config, session), [config, session]);
  useEffect(() => close, [close]);
  return (
    <Provider value={client}>
      <CampaignStoreProvider config={config} session={session}>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Marketing Command Center</span>
        <nav aria-label="Main">
          <NavLink href="/">Campaigns</NavLink>
          {isMarketer(session) && <NavLink href="/new">New campaign</NavLink>}
          <NavLink href="/assistant">Assistant</NavLink>
          {isApprover(session) && <NavLink href="/approvals">Approvals</NavLink>}
          <NavLink href="/calendar">Calendar</NavLink>
        </nav>
        <span className="who">
          <span data-testid="who">{session.email} · {session.tenantId}</span>
          <button type="button" className="link" onClick={onSignOut}>Sign out</button>
        </span>
      </header>
      <main id="main" className="page">
        <Switch>
          <Route path="/"><CampaignsView session={session} /></Route>
          <Route path="/campaigns/:id">{(params) => <CampaignView config={config} session={session} campaignId={params.id} />}</Route>
          <Route path="/new"><NewCampaignView session={session} /></Route>
          <Route path="/assistant"><AssistantView session={session} /></Route>
          <Route path="/approvals"><ApprovalsView session={session} /></Route>
          <Route path="/calendar"><CalendarView /></Route>
          <Route><h1>Not found</h1><p><Link href="/">Back to the campaigns</Link></p></Route>
        </Switch>
      </main>
      </CampaignStoreProvider>
    </Provider>
  );
}
