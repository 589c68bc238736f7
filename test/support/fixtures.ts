// Builders for valid domain objects, so each test states only what it varies.
import type { CampaignBrief } from '../../functions/domain/campaign-brief.ts';
import { newCampaign, type Campaign } from '../../functions/domain/campaign.ts';

export const NOW = new Date('2027-01-04T09:00:00.000Z');

export function aBrief(overrides: Partial<CampaignBrief> = {}): CampaignBrief {
  return {
    name: 'Spring analytics webinar series',
    type: 'WEBINAR',
    objective: 'Generate 400 qualified registrations from mid-market finance teams',
    audience: 'Finance leaders at companies with 200-2,000 employees',
    budget: { amount: 18_000, currency: 'USD' },
    channels: ['EMAIL'],
    launchDate: '2027-02-15',
    endDate: '2027-03-31',
    approvers: ['maria.lopez@example.com'],
    requestedBy: 'sam.taylor@example.com',
    ...overrides,
  };
}

export function aCampaign(overrides: { tenantId?: string; campaignId?: string; brief?: Partial<CampaignBrief>; now?: Date } = {}): Campaign {
  return newCampaign({
    tenantId: overrides.tenantId ?? 'acme',
    campaignId: overrides.campaignId ?? 'cmp-1',
    brief: aBrief(overrides.brief),
    now: overrides.now ?? NOW,
  });
}
