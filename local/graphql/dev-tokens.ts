// Development ID tokens for the local GraphQL endpoint: HS256 JWTs carrying
// the same claims a Cognito ID token does (sub, custom:tenantId,
// cognito:groups, email), signed and verified with a local key. Never used in
// AWS, where AppSync verifies real Cognito tokens.
import { jwtVerify, SignJWT } from 'jose';

export const DEV_ISSUER = 'mcc-local';

export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

export function devTokenVerifier(key: Uint8Array): TokenVerifier {
  return async (token) => {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: DEV_ISSUER });
    return payload as Record<string, unknown>;
  };
}

export interface DevUser {
  readonly sub: string;
  readonly tenantId: string;
  readonly groups?: readonly string[];
  readonly email?: string;
  /** Seconds; default one hour. */
  readonly ttlSeconds?: number;
}

export async function signDevToken(key: Uint8Array, user: DevUser): Promise<string> {
  return new SignJWT({
    'custom:tenantId': user.tenantId,
    'cognito:groups': [...(user.groups ?? [])],
    'cognito:username': user.sub,
    ...(user.email ? { email: user.email } : {}),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.sub)
    .setIssuer(DEV_ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${user.ttlSeconds ?? 3600}s`)
    .sign(key);
}
