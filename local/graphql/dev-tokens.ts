// Development ID tokens for the local runtime: RS256 JWTs carrying the same
// claims a Cognito ID token does (sub, custom:tenantId, cognito:groups, email,
// token_use), signed with a local key pair whose public half the gateway
// publishes as a JWKS — as Cognito publishes its pool's. So every verifier
// checks them the way it checks Cognito's: the local GraphQL endpoint with the
// public key, the MCP function against the JWKS URL its configuration names.
// Never used in AWS.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export const DEV_ISSUER = 'mcc-local';
/** The `aud` of development ID tokens (Cognito puts the app client ID there). */
export const DEV_AUDIENCE = 'mcc-local-web';

export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

export interface DevTokenKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Key ID in every token's header and in the JWKS. */
  readonly kid: string;
}

export function devTokenKeys(privateKey: KeyObject, kid: string): DevTokenKeys {
  return { privateKey, publicKey: createPublicKey(privateKey), kid };
}

/** The public key as a JSON Web Key Set, the shape of Cognito's `/.well-known/jwks.json`. */
export function devJwks(keys: DevTokenKeys): { keys: Record<string, unknown>[] } {
  return { keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: keys.kid, alg: 'RS256', use: 'sig' }] };
}

export function devTokenVerifier(keys: Pick<DevTokenKeys, 'publicKey'>): TokenVerifier {
  return async (token) => {
    const { payload } = await jwtVerify(token, keys.publicKey, { algorithms: ['RS256'], issuer: DEV_ISSUER });
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

export async function signDevToken(keys: Pick<DevTokenKeys, 'privateKey' | 'kid'>, user: DevUser): Promise<string> {
  return new SignJWT({
    'custom:tenantId': user.tenantId,
    'cognito:groups': [...(user.groups ?? [])],
    'cognito:username': user.sub,
    ...(user.email ? { email: user.email } : {}),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
    .setSubject(user.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${user.ttlSeconds ?? 3600}s`)
    .sign(keys.privateKey);
}
