// The Campaigns table's model: pages append without repeats, live updates
// change only their row and never go back in time, counts add up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendPage, applyUpdate, countRows, upsertRow } from '../../web/src/logic/campaign-table.ts';
import { CAMPAIGN_STATUSES, type CampaignRow } from '../../web/src/logic/types.ts';

const row = (id: string, over: Partial<CampaignRow> = {}): CampaignRow => ({
  campaignId: id, name: id, type: 'WEBINAR', tier: 2, status: 'REQUESTED', launchDate: '2027-06-01', endDate: '2027-07-31', updatedAt: '2026-12-01T10:00:00.000Z', createdAt: '2026-12-01T10:00:00.000Z', ...over,
});

describe('the Campaigns table', () => {
  it('GIVEN a live update, THEN only its row changes, and an older update than the row changes nothing', () => {
    const rows = [row('a'), row('b')];
    const moved = applyUpdate(rows, { tenantId: 't', campaignId: 'a', status: 'PLANNING', revision: 0, updatedAt: '2026-12-01T10:00:01.000Z' });
    expect(moved.map((r) => r.status)).toEqual(['PLANNING', 'REQUESTED']);
    const stale = applyUpdate(moved, { tenantId: 't', campaignId: 'a', status: 'REQUESTED', revision: 0, updatedAt: '2026-12-01T09:59:59.000Z' });
    expect(stale.map((r) => r.status)).toEqual(['PLANNING', 'REQUESTED']);
  });

  it('GIVEN a fresh read of a campaign, THEN it replaces its row, or comes first when new, unless it is older', () => {
    const rows = [row('a'), row('b')];
    expect(upsertRow(rows, row('c')).map((r) => r.campaignId)).toEqual(['c', 'a', 'b']);
    expect(upsertRow(rows, row('b', { status: 'SYNCED', workfrontUrl: 'https://wf/x', updatedAt: '2026-12-02T00:00:00.000Z' }))[1]?.workfrontUrl).toBe('https://wf/x');
    expect(upsertRow(rows, row('b', { status: 'FAILED', updatedAt: '2026-11-30T00:00:00.000Z' }))[1]?.status).toBe('REQUESTED');
  });

  it('PROPERTY: appending pages never repeats a campaign, and the counts by status and by tier each add up to the rows', () => {
    const arbRow = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), status: fc.constantFrom(...CAMPAIGN_STATUSES), tier: fc.constantFrom(1, 2, 3) }).map((r) => row(r.id, { status: r.status, tier: r.tier }));
    fc.assert(
      fc.property(fc.array(fc.array(arbRow, { maxLength: 6 }), { maxLength: 5 }), (pages) => {
        const rows = pages.reduce<CampaignRow[]>((acc, page) => appendPage(acc, page), []);
        expect(new Set(rows.map((r) => r.campaignId)).size).toBe(rows.length);
        const counts = countRows(rows);
        expect(counts.total).toBe(rows.length);
        expect(counts.byStatus.reduce((s, c) => s + c.count, 0)).toBe(rows.length);
        expect(counts.byTier.reduce((s, c) => s + c.count, 0)).toBe(rows.length);
        expect(counts.byStatus.map((c) => c.status)).toEqual(CAMPAIGN_STATUSES.filter((s) => rows.some((r) => r.status === s)));
      }),
    );
  });
});
