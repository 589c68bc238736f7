import { beforeAll, describe, expect, it } from 'vitest';
import { DeduplicationStore } from '../../functions/data/deduplication-store.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { NOW } from '../support/fixtures.ts';

let store: DeduplicationStore;
beforeAll(async () => {
  const table = await createTestTable();
  store = new DeduplicationStore(table.doc, table.tableName);
});

const claim = (key: string, tenantId = 'acme') => ({ tenantId, scope: 'workfront-event', key, ttlSeconds: 48 * 3600 });

describe('DeduplicationStore.claim', () => {
  it('is true for the first delivery and false for every redelivery', async () => {
    expect(await store.claim(claim('evt-1'), NOW)).toBe(true);
    expect(await store.claim(claim('evt-1'), NOW)).toBe(false);
    expect(await store.claim(claim('evt-1'), new Date(NOW.getTime() + 3600_000))).toBe(false);
  });

  it('treats a record past its TTL as gone even before DynamoDB deletes it', async () => {
    expect(await store.claim(claim('evt-2'), NOW)).toBe(true);
    expect(await store.claim(claim('evt-2'), new Date(NOW.getTime() + 49 * 3600_000))).toBe(true);
  });

  it('keeps tenants and scopes apart', async () => {
    expect(await store.claim(claim('evt-3', 'acme'), NOW)).toBe(true);
    expect(await store.claim(claim('evt-3', 'globex'), NOW)).toBe(true);
    expect(await store.claim({ ...claim('evt-3'), scope: 'build-event' }, NOW)).toBe(true);
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => store.claim(claim('evt-race'), NOW)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a malformed claim', async () => {
    await expect(store.claim({ ...claim('evt-4'), scope: 'Bad Scope' }, NOW)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.claim({ ...claim(''), tenantId: 'acme' }, NOW)).rejects.toBeInstanceOf(ValidationError);
  });
});
