// Who is signed in, from the ID token's claims (Cognito's names: the tenant in
// custom:tenantId, groups in cognito:groups). The console shows and hides by
// these; the API decides by them again, from the token, on every call.
export interface Session {
  readonly token: string;
  readonly tenantId: string;
  readonly sub: string;
  readonly email: string;
  readonly groups: readonly string[];
}

export interface SignIn {
  readonly session: Session | undefined;
  signOut(): Promise<void>;
}

/** The claims of a JWT's payload (not verified here: the API verifies every call). */
export function sessionFromIdToken(token: string): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  const groups = claims['cognito:groups'];
  return {
    token,
    tenantId: String(claims['custom:tenantId'] ?? ''),
    sub: String(claims.sub ?? ''),
    email: String(claims.email ?? ''),
    groups: Array.isArray(groups) ? groups.map(String) : [],
  };
}

export const isMarketer = (s: Session) => s.groups.includes('marketers');
export const isApprover = (s: Session) => s.groups.includes('approvers');
