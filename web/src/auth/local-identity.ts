// Local sign-in: the runtime's development tokens (/_local/token), for any
// tenant, user and groups, kept in sessionStorage so a reload stays signed in.
import { sessionFromIdToken, type Session } from './session.ts';

const KEY = 'mcc.local.token';

export function storedLocalSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  if (!token) return undefined;
  try {
    const session = sessionFromIdToken(token);
    const exp = (JSON.parse(atob(token.split('.')[1] ?? '')) as { exp?: number }).exp;
    if (exp && exp * 1000 < Date.now()) throw new Error('expired');
    return session;
  } catch {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
}

export async function signInLocally(tokenUrl: string, who: { tenant: string; sub: string; groups: readonly string[] }): Promise<Session> {
  const url = new URL(tokenUrl);
  url.searchParams.set('tenant', who.tenant);
  url.searchParams.set('sub', who.sub);
  url.searchParams.set('groups', who.groups.join(','));
  const response = await fetch(url);
  const body = (await response.json()) as { token?: string; message?: string };
  if (!response.ok || !body.token) throw new Error(body.message ?? `HTTP ${response.status}`);
  sessionStorage.setItem(KEY, body.token);
  return sessionFromIdToken(body.token);
}

export function signOutLocally(): void {
  sessionStorage.removeItem(KEY);
}
