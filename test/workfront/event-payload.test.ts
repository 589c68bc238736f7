// Normalizing Workfront event payloads, the webhook token and the retry policy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/domain/errors.ts';
import { fromEventTime, parseWorkfrontEvent, timestampOf } from '../../functions/workfront/event-payload.ts';
import { backoffDelay, parseRetryAfter } from '../../functions/workfront/retry-policy.ts';
import { bearerToken, tenantWebhookToken, tokensMatch } from '../../functions/workfront/webhook-token.ts';
import { DOCUMENTED_BASE64_UPDATE, DOCUMENTED_CREATE, DOCUMENTED_LEGACY_CREATE, DOCUMENTED_UPDATE } from './fixtures/documented-payloads.ts';

describe('parseWorkfrontEvent', () => {
  it('reads every documented variant to the same normalized fields', () => {
    expect(parseWorkfrontEvent(DOCUMENTED_UPDATE)).toMatchObject({
      eventType: 'UPDATE',
      objCode: 'PROJ',
      objId: '59d7ddf7000002322d791eb08bafddfb',
      status: 'CUR',
      eventAt: '2017-10-06T19:48:56.998000000Z',
      format: 'current',
    });
    expect(parseWorkfrontEvent(DOCUMENTED_CREATE)).toMatchObject({ eventType: 'CREATE', objId: '59caa946000000e07b0afc3383230c67', format: 'current' });
    expect(parseWorkfrontEvent(DOCUMENTED_LEGACY_CREATE)).toMatchObject({ eventType: 'CREATE', eventAt: '2017-10-06T19:36:28.785000000Z', format: 'legacy' });
    const b64 = parseWorkfrontEvent(DOCUMENTED_BASE64_UPDATE);
    expect(b64).toMatchObject({ objId: '59d7ddf7000002322d791eb08bafddfb', status: 'CUR', format: 'base64' });
    // The same event, encoded or not, de-duplicates to one key.
    expect(b64.dedupKey).toBe(parseWorkfrontEvent(DOCUMENTED_UPDATE).dedupKey);
  });

  it('GIVEN two status changes from one subscription with neither eventTime nor lastUpdateDate THEN they de-duplicate apart; a redelivery still matches (issue 21)', () => {
    const change = (status: string) => ({ eventType: 'UPDATE', subscriptionId: 'sub-1', newState: { ID: 'proj-1', objCode: 'PROJ', status }, oldState: {} });
    const onHold = parseWorkfrontEvent(change('ONH'));
    const dead = parseWorkfrontEvent(change('DED'));
    expect(dead.dedupKey).not.toBe(onHold.dedupKey);
    expect(parseWorkfrontEvent(JSON.parse(JSON.stringify(change('DED')))).dedupKey).toBe(dead.dedupKey);
    // Key order in the delivered JSON does not matter.
    expect(parseWorkfrontEvent({ ...change('DED'), newState: { status: 'DED', objCode: 'PROJ', ID: 'proj-1' } }).dedupKey).toBe(dead.dedupKey);
    // Property: states that differ in any field never share a key.
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('status', 'name', 'percentComplete'), fc.string({ maxLength: 5 })), fc.dictionary(fc.constantFrom('status', 'name', 'percentComplete'), fc.string({ maxLength: 5 })), (a, b) => {
        const key = (extra: Record<string, string>) => parseWorkfrontEvent({ eventType: 'UPDATE', subscriptionId: 's', newState: { ID: 'p', objCode: 'PROJ', ...extra } }).dedupKey;
        const same = JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
        return same === (key(a) === key(b));
      }),
    );
  });

  it('refuses payloads that are none of the documented shapes', () => {
    for (const bad of [null, 42, {}, { eventType: 'UPDATE', subscriptionId: 's' }, { ...DOCUMENTED_UPDATE, newState: { name: 'no ID' } }]) {
      expect(() => parseWorkfrontEvent(bad)).toThrow(ValidationError);
    }
  });

  it('event times sort as strings in the order they happened', () => {
    const time = fc.record({ epochSecond: fc.integer({ min: 0, max: 4_000_000_000 }), nano: fc.integer({ min: 0, max: 999_999_999 }) });
    fc.assert(
      fc.property(time, time, (a, b) => {
        const order = a.epochSecond - b.epochSecond || a.nano - b.nano;
        const [x, y] = [fromEventTime(a), fromEventTime(b)];
        return Math.sign(order) === (x < y ? -1 : x > y ? 1 : 0);
      }),
    );
    expect(timestampOf('2017-10-06T13:48:56.980-0600')).toBe('2017-10-06T19:48:56.980000000Z');
  });
});

describe('webhook token', () => {
  it('is different per tenant and per secret, and compares only equal tokens as equal', () => {
    const a = tenantWebhookToken('s', 'acme');
    expect(tokensMatch(a, tenantWebhookToken('s', 'acme'))).toBe(true);
    expect(tokensMatch(a, tenantWebhookToken('s', 'globex'))).toBe(false);
    expect(tokensMatch(a, tenantWebhookToken('t', 'acme'))).toBe(false);
    expect(tokensMatch('', a)).toBe(false);
    expect(bearerToken(`Bearer ${a}`)).toBe(a);
    expect(bearerToken(`Basic ${a}`)).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('retry policy', () => {
  it('backs off within [0, min(max, base·2^(n-1)))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 3000 };
        const delay = backoffDelay(policy, attempt, () => r);
        return delay >= 0 && delay < Math.min(3000, 100 * 2 ** (attempt - 1));
      }),
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
