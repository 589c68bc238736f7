// `GET /_local/token`: development ID tokens, signed with a key pair kept in
// the data directory; `GET /_local/.well-known/jwks.json` publishes its public
// half. The token itself is the one local/graphql/dev-tokens.ts signs and
// verifies (Cognito's ID-token claims: sub, custom:tenantId, cognito:groups,
// email).
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeJwt } from 'jose';
import { devTokenKeys, signDevToken, type DevTokenKeys } from '../graphql/dev-tokens.ts';

/** The key pair in `file` (PKCS#8 PEM), created on first use; without a file, a fresh pair. */
export function loadOrCreateKey(file: string | undefined): DevTokenKeys {
  let pem: string;
  if (file && existsSync(file)) pem = readFileSync(file, 'utf8');
  else {
    pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, pem, { mode: 0o600 });
    }
  }
  const privateKey = createPrivateKey(pem);
  // A stable kid per key, so a JWKS consumer's cache stays valid across restarts.
  const kid = createHash('sha256').update(privateKey.export({ type: 'pkcs8', format: 'der' })).digest('base64url').slice(0, 16);
  return devTokenKeys(privateKey, kid);
}

export interface DevTokenRequest {
  readonly tenant: string;
  readonly sub: string;
  readonly groups: readonly string[];
  readonly email?: string;
}

export async function issueDevToken(keys: DevTokenKeys, request: DevTokenRequest, lifetimeSeconds = 12 * 3600): Promise<{ token: string; claims: Record<string, unknown> }> {
  const token = await signDevToken(keys, {
    sub: request.sub,
    tenantId: request.tenant,
    groups: request.groups,
    email: request.email ?? `${request.sub}@example.com`,
    ttlSeconds: lifetimeSeconds,
  });
  return { token, claims: decodeJwt(token) };
}
