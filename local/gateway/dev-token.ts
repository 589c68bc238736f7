// `GET /_local/token`: development ID tokens for the local GraphQL endpoint,
// signed with a key kept in the data directory. The token itself is the one
// local/graphql/dev-tokens.ts signs and verifies (Cognito's ID-token claims:
// sub, custom:tenantId, cognito:groups, email).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeJwt } from 'jose';
import { signDevToken } from '../graphql/dev-tokens.ts';

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
  const token = await signDevToken(key, {
    sub: request.sub,
    tenantId: request.tenant,
    groups: request.groups,
    email: request.email ?? `${request.sub}@example.com`,
    ttlSeconds: lifetimeSeconds,
  });
  return { token, claims: decodeJwt(token) };
}
