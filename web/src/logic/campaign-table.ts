// The Campaigns table's rules: rows merged from pages and live updates (a
// status never goes back to an older one: updates are ordered by updatedAt),
// and the counts shown above the table.
import { CAMPAIGN_STATUSES, type CampaignRow, type CampaignStatus, type CampaignUpdate } from './types.ts';

/** Appends a page, keeping the first copy of a campaign (pages never repeat, live rows may). */
export function appendPage(rows: readonly CampaignRow[], page: readonly CampaignRow[]): CampaignRow[] {
  const seen = new Set(rows.map((r) => r.campaignId));
  const added: CampaignRow[] = [];
  for (const r of page) {
    if (seen.has(r.campaignId)) continue;
    seen.add(r.campaignId);
    added.push(r);
  }
  return [...rows, ...added];
}

/** Applies a live update to the row it names; an update older than the row changes nothing. */
export function applyUpdate(rows: readonly CampaignRow[], update: CampaignUpdate): CampaignRow[] {
  return rows.map((row) => {
    if (row.campaignId !== update.campaignId || update.updatedAt < row.updatedAt) return row;
    return { ...row, status: update.status, updatedAt: update.updatedAt, workfrontProjectId: update.workfrontProjectId ?? row.workfrontProjectId ?? null };
  });
}

/** Replaces a row with a fresher read of it, or puts a new campaign first. */
export function upsertRow(rows: readonly CampaignRow[], fresh: CampaignRow): CampaignRow[] {
  const index = rows.findIndex((r) => r.campaignId === fresh.campaignId);
  if (index < 0) return [fresh, ...rows];
  const current = rows[index];
  if (current && fresh.updatedAt < current.updatedAt) return [...rows];
  return rows.map((r, i) => (i === index ? fresh : r));
}

export interface Counts {
  readonly byStatus: readonly { readonly status: CampaignStatus; readonly count: number }[];
  readonly byTier: readonly { readonly tier: number; readonly count: number }[];
  readonly total: number;
}

export function countRows(rows: readonly CampaignRow[]): Counts {
  const status = new Map<CampaignStatus, number>();
  const tier = new Map<number, number>();
  for (const r of rows) {
    status.set(r.status, (status.get(r.status) ?? 0) + 1);
    tier.set(r.tier, (tier.get(r.tier) ?? 0) + 1);
  }
  return {
    byStatus: CAMPAIGN_STATUSES.filter((s) => status.has(s)).map((s) => ({ status: s, count: status.get(s) ?? 0 })),
    byTier: [...tier.entries()].sort(([a], [b]) => a - b).map(([t, count]) => ({ tier: t, count })),
    total: rows.length,
  };
}
