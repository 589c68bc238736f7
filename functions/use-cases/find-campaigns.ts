// findCampaigns: a tenant's campaigns by name and/or status, newest first.
// Reads the status index (GSI1) or the tenant's all-campaigns index (GSI3) a
// page at a time and matches names in memory — a Query, never a Scan — and
// stops after a bounded number of pages so one request costs a known amount.
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { CampaignStatus } from '../domain/campaign-status.ts';
import { ValidationError } from '../domain/errors.ts';

export const MAX_FIND_LIMIT = 50;
/** At most this many campaigns are read per request (4 pages of 100). */
const MAX_PAGES = 4;

export interface FindCampaignsRequest {
  readonly tenantId: string;
  /** Matched case-insensitively against campaign names: every word must appear. */
  readonly name?: string;
  readonly status?: CampaignStatus;
  readonly limit?: number;
}

export async function findCampaigns(campaigns: CampaignRepository, request: FindCampaignsRequest): Promise<Campaign[]> {
  const limit = request.limit ?? 10;
  const name = request.name?.trim();
  const issues = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FIND_LIMIT) issues.push({ field: 'limit', message: `must be a whole number from 1 to ${MAX_FIND_LIMIT}` });
  if (name !== undefined && (name.length === 0 || name.length > 200)) issues.push({ field: 'name', message: 'must be 1-200 characters' });
  if (issues.length > 0) throw new ValidationError('campaign search', issues);

  const words = name ? wordsOf(name) : [];
  const found: Campaign[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES && found.length < limit; page++) {
    const result = await campaigns.list(request.tenantId, {
      ...(request.status ? { status: request.status } : {}),
      limit: words.length > 0 ? 100 : limit,
      ...(cursor ? { cursor } : {}),
    });
    found.push(...result.items.filter((c) => matches(c.brief.name, words)));
    cursor = result.cursor;
    if (!cursor) break;
  }
  return found.slice(0, limit);
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
}

function matches(campaignName: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const have = new Set(wordsOf(campaignName));
  return words.every((w) => have.has(w));
}
