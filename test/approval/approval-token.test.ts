import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  ApprovalLinkExpiredError,
  CLOCK_TOLERANCE_SECONDS,
  InvalidApprovalLinkError,
  MAX_TOKEN_LENGTH,
  signApprovalToken,
  verifyApprovalToken,
} from '../../functions/approval/approval-token.ts';
import { keyOf, StaticKeys } from '../support/approval.ts';
import { NOW } from '../support/fixtures.ts';

const keys = new StaticKeys(keyOf('v2'), keyOf('v1'));
const EXPIRES = new Date(NOW.getTime() + 72 * 3600 * 1000);
const request = { approvalId: 'rev-0', tenantId: 'acme', campaignId: 'cmp-1', approver: 'maria.lopez@example.com', expiresAt: EXPIRES, now: NOW };
const genuine = await signApprovalToken(keys, request);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const [header, payload, signature] = genuine.split('.') as [string, string, string];
const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** A 32-byte HMAC is 43 characters whose last two bits are unused: flipping the lowest bit spells the same bytes. */
function respell(segment: string): string {
  const last = BASE64URL.indexOf(segment.slice(-1));
  const other = `${segment.slice(0, -1)}${BASE64URL[last ^ 1] ?? ''}`;
  expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from(segment, 'base64url'));
  return other;
}

async function refusal(token: string, now = NOW): Promise<unknown> {
  return verifyApprovalToken(keys, token, now).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('approval tokens', () => {
  it('GIVEN a freshly signed token THEN it verifies to the approval, tenant, campaign and approver, with kid = the key version', async () => {
    const claims = await verifyApprovalToken(keys, genuine, NOW);
    expect(claims).toMatchObject({ iss: 'mcc', aud: 'mcc-approval', sub: 'rev-0', tenant: 'acme', campaign: 'cmp-1', approver: 'maria.lopez@example.com' });
    expect(claims.exp).toBe(EXPIRES.getTime() / 1000);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'v2' });
    expect(genuine.length).toBeLessThan(1024);
  });

  it('GIVEN two tokens for the same approval THEN their jti differ', async () => {
    const other = await signApprovalToken(keys, request);
    expect((await verifyApprovalToken(keys, other, NOW)).jti).not.toBe((await verifyApprovalToken(keys, genuine, NOW)).jti);
  });

  it('GIVEN a rotation THEN tokens signed with the previous key keep verifying, and a retired key does not', async () => {
    const rotated = new StaticKeys(keyOf('v3'), keyOf('v2'));
    await expect(verifyApprovalToken(rotated, genuine, NOW)).resolves.toMatchObject({ sub: 'rev-0' });
    const retired = new StaticKeys(keyOf('v4'), keyOf('v3'));
    await expect(verifyApprovalToken(retired, genuine, NOW)).rejects.toMatchObject({ refusal: 'untrusted' });
  });

  it(`GIVEN the end of the window THEN the token verifies within ${CLOCK_TOLERANCE_SECONDS} s of skew and is expired after`, async () => {
    await expect(verifyApprovalToken(keys, genuine, new Date(EXPIRES.getTime() + 20_000))).resolves.toBeDefined();
    expect(await refusal(genuine, new Date(EXPIRES.getTime() + (CLOCK_TOLERANCE_SECONDS + 1) * 1000))).toBeInstanceOf(ApprovalLinkExpiredError);
  });

  it.each([
    ['empty', ''],
    ['not a JWS', 'hello'],
    ['oversized', `${header}.${'A'.repeat(MAX_TOKEN_LENGTH)}.${signature}`],
    ['four segments', `${genuine}.x`],
    ['header not JSON', `${Buffer.from('{nope').toString('base64url')}.${payload}.${signature}`],
    ['alg none without signature', `${b64({ alg: 'none', typ: 'JWT', kid: 'v2' })}.${payload}.`],
    ['non-canonical base64url (same bytes, other spelling)', `${header}.${payload}.${respell(signature)}`],
  ])('GIVEN a malformed token (%s) THEN it is refused as malformed', async (_, token) => {
    const error = await refusal(token);
    expect(error).toBeInstanceOf(InvalidApprovalLinkError);
    expect((error as InvalidApprovalLinkError).refusal).toBe('malformed');
  });

  it.each([
    ['alg none with signature', `${b64({ alg: 'none', typ: 'JWT', kid: 'v2' })}.${payload}.${signature}`],
    ['alg RS256', `${b64({ alg: 'RS256', typ: 'JWT', kid: 'v2' })}.${payload}.${signature}`],
    ['unknown kid', `${b64({ alg: 'HS256', typ: 'JWT', kid: 'v0' })}.${payload}.${signature}`],
    ['no kid', `${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.${signature}`],
    ['another tenant', `${header}.${b64({ ...decoded, tenant: 'globex' })}.${signature}`],
    ['another approval', `${header}.${b64({ ...decoded, sub: 'rev-1' })}.${signature}`],
    ['a later expiry', `${header}.${b64({ ...decoded, exp: Number(decoded.exp) + 86_400 })}.${signature}`],
  ])('GIVEN a tampered token (%s) THEN it is refused as untrusted', async (_, token) => {
    const error = await refusal(token);
    expect(error).toBeInstanceOf(InvalidApprovalLinkError);
    expect((error as InvalidApprovalLinkError).refusal).toBe('untrusted');
  });

  it.each([
    ['another key under the same kid', { kid: 'v2', key: 'an-attacker-chosen-secret-of-32-bytes!!' }, {}],
    ['HS512 with the real key', { kid: 'v2', alg: 'HS512' }, {}],
    ['the wrong issuer', { kid: 'v2' }, { iss: 'someone-else' }],
    ['the wrong audience', { kid: 'v2' }, { aud: 'mcc-other' }],
    ['no approver', { kid: 'v2' }, { approver: undefined }],
    ['an implausible lifetime', { kid: 'v2' }, { exp: Number(decoded.iat) + 365 * 86_400 }],
    ['an issue time in the future', { kid: 'v2' }, { iat: Number(decoded.iat) + 3600 }],
  ])('GIVEN a token re-signed with %s THEN it is refused', async (_, signer: { kid: string; key?: string; alg?: string }, claims: Record<string, unknown>) => {
    const secret = signer.key ? new TextEncoder().encode(signer.key) : keyOf('v2').secret;
    const token = await new SignJWT({ ...decoded, ...claims })
      .setProtectedHeader({ alg: signer.alg ?? 'HS256', typ: 'JWT', kid: signer.kid })
      .sign(secret);
    expect(await refusal(token)).toBeInstanceOf(InvalidApprovalLinkError);
  });

  it('GIVEN any string THEN it never verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 600 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,80}\.[A-Za-z0-9_-]{1,300}\.[A-Za-z0-9_-]{0,60}$/)), async (token) => {
        const error = await refusal(token);
        expect(error).toBeInstanceOf(InvalidApprovalLinkError);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN a genuine token with any one character changed THEN it never verifies', async () => {
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ %'];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: genuine.length - 1 }), fc.constantFrom(...alphabet), async (at, replacement) => {
        fc.pre(genuine[at] !== replacement);
        const mutated = `${genuine.slice(0, at)}${replacement}${genuine.slice(at + 1)}`;
        expect(await refusal(mutated)).toBeInstanceOf(InvalidApprovalLinkError);
      }),
      { numRuns: 400 },
    );
  });
});
