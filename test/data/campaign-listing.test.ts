import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { aCampaign, NOW } from '../support/fixtures.ts';

let repo: CampaignRepository;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

beforeAll(async () => {
  const table = await createTestTable();
  repo = new CampaignRepository(table.doc, table.tableName);
  for (let i = 0; i < 7; i++) await repo.create(aCampaign({ tenantId: 'acme', campaignId: `c${i}`, now: at(i) }));
  for (let i = 0; i < 3; i++) await repo.create(aCampaign({ tenantId: 'globex', campaignId: `g${i}`, now: at(i) }));
  for (const id of ['c1', 'c4', 'c6']) await repo.transition('acme', id, { to: 'PLANNING', now: at(10) });
});

describe('CampaignRepository.list', () => {
  it("pages through all of a tenant's campaigns, newest first, with opaque cursors", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await repo.list('acme', { limit: 3, cursor });
      seen.push(...page.items.map((c) => c.campaignId));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('filters by status through the status index', async () => {
    const planning = await repo.list('acme', { status: 'PLANNING' });
    expect(planning.items.map((c) => c.campaignId)).toEqual(['c6', 'c4', 'c1']);
    const requested = await repo.list('acme', { status: 'REQUESTED' });
    expect(requested.items.map((c) => c.campaignId).sort()).toEqual(['c0', 'c2', 'c3', 'c5']);
  });

  it("never lists another tenant's campaigns", async () => {
    const page = await repo.list('globex', { limit: 100 });
    expect(page.items.map((c) => c.tenantId)).toEqual(['globex', 'globex', 'globex']);
  });

  it("refuses a cursor minted for another tenant or another query", async () => {
    const acmePage = await repo.list('acme', { limit: 2 });
    expect(acmePage.cursor).toBeDefined();
    await expect(repo.list('globex', { limit: 2, cursor: acmePage.cursor })).rejects.toBeInstanceOf(ValidationError);
    await expect(repo.list('acme', { status: 'PLANNING', cursor: acmePage.cursor })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a limit outside 1–100 and a garbage cursor', async () => {
    await expect(repo.list('acme', { limit: 0 })).rejects.toThrow(/limit/);
    await expect(repo.list('acme', { limit: 101 })).rejects.toThrow(/limit/);
    await expect(repo.list('acme', { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
  });
});
