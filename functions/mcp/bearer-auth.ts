// Who is calling the MCP server: a person with a user-pool ID token, verified
// against the pool's JWKS (signature, RS256, issuer, audience, expiry,
// token_use = id). Locally the template's AUTH_* settings point at the
// gateway's development-token JWKS, so this same code verifies `/_local/token`
// tokens. The claims become the caller the GraphQL resolver also uses: tenant
// from `custom:tenantId`, groups from `cognito:groups` — never from arguments.
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { callerOf, type PersonCaller } from '../graphql/identity.ts';

export interface BearerAuthSettings {
  readonly jwksUrl: string;
  readonly issuer: string;
  /** Cognito puts the app client ID in an ID token's `aud`. */
  readonly audience: string;
}

export type BearerVerifier = (authorization: string | undefined) => Promise<PersonCaller | undefined>;

/** Undefined for a missing, malformed, expired or foreign token: the caller gets a 401. */
export function bearerVerifier(settings: BearerAuthSettings, keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(settings.jwksUrl))): BearerVerifier {
  return async (authorization) => {
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) return undefined;
    try {
      const { payload } = await jwtVerify(match[1], keys, { algorithms: ['RS256'], issuer: settings.issuer, audience: settings.audience });
      if (payload.token_use !== 'id' || typeof payload.sub !== 'string') return undefined;
      const caller = callerOf({
        sub: payload.sub,
        issuer: payload.iss,
        ...(typeof payload['cognito:username'] === 'string' ? { username: payload['cognito:username'] } : {}),
        claims: payload,
      });
      return caller.kind === 'person' ? caller : undefined;
    } catch {
      return undefined;
    }
  };
}
