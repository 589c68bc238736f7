// Deployed sign-in: Cognito's hosted UI with the authorization code flow and
// PKCE, through oidc-client-ts (loaded only when config.json says cognito).
// Cognito's discovery document has no end_session_endpoint; its /logout is
// given as metadata.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AuthConfig } from '../config.ts';
import { sessionFromIdToken, type Session } from './session.ts';

type CognitoConfig = Extract<AuthConfig, { kind: 'cognito' }>;

function manager(config: CognitoConfig): UserManager {
  const logout = new URL('/logout', config.domain);
  logout.searchParams.set('client_id', config.clientId);
  logout.searchParams.set('logout_uri', config.signOutUri);
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    post_logout_redirect_uri: config.signOutUri,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    metadataSeed: { end_session_endpoint: logout.toString() },
  });
}

/** The signed-in session, finishing a redirect back from the hosted UI; undefined when no one is signed in. */
export async function cognitoSession(config: CognitoConfig): Promise<Session | undefined> {
  const users = manager(config);
  const url = new URL(window.location.href);
  if (url.searchParams.has('code') && url.searchParams.has('state')) {
    const user = await users.signinRedirectCallback();
    window.history.replaceState({}, '', '/');
    return user.id_token ? sessionFromIdToken(user.id_token) : undefined;
  }
  const user = await users.getUser();
  if (!user || user.expired || !user.id_token) return undefined;
  return sessionFromIdToken(user.id_token);
}

export async function cognitoSignIn(config: CognitoConfig): Promise<void> {
  await manager(config).signinRedirect();
}

export async function cognitoSignOut(config: CognitoConfig): Promise<void> {
  await manager(config).signoutRedirect({ extraQueryParams: { client_id: config.clientId, logout_uri: config.signOutUri } });
}
