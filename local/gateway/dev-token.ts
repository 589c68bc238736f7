// Development ID tokens for the local GraphQL endpoint: HS256 JWTs signed
// with a key kept in the data directory, carrying the tenant and groups the
// way a Cognito ID token does (`custom:tenantId`, `cognito:groups`).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT } from 'jose';

export const DEV_TOKEN_ISSUER = 'mcc-local';
export const DEV_TOKEN_AUDIENCE = 'mcc-local';

export function loadOrCreateKey(file: string | undefined): Uint8Array {
  if (file && existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  }
  return key;
}

export interface DevTokenRequest {
  readonly tenant: string;
  readonly sub: string;
  readonly groups: readonly string[];
  readonly email?: string;
}

export async function issueDevToken(key: Uint8Array, request: DevTokenRequest, lifetimeSeconds = 12 * 3600): Promise<{ token: string; claims: Record<string, unknown> }> {
  const claims = {
    'custom:tenantId': request.tenant,
    tenantId: request.tenant,
    'cognito:groups': [...request.groups],
    email: request.email ?? `${request.sub}@example.com`,
    token_use: 'id',
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(DEV_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeSeconds}s`)
    .sign(key);
  return { token, claims: { ...claims, sub: request.sub, iss: DEV_TOKEN_ISSUER, aud: DEV_TOKEN_AUDIENCE } };
}
