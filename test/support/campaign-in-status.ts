// Walks a freshly created campaign along the status table to the status a test needs.
import type { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import type { CampaignStatus } from '../../functions/domain/campaign-status.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import { aCampaign, NOW } from './fixtures.ts';

const PATH: CampaignStatus[] = ['PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'APPROVED', 'SYNCING', 'SYNCED'];

export async function campaignIn(repo: CampaignRepository, status: CampaignStatus, ids: { tenantId: string; campaignId: string }): Promise<Campaign> {
  let campaign = aCampaign(ids);
  await repo.create(campaign);
  for (const to of PATH.slice(0, PATH.indexOf(status) + 1)) {
    campaign = await repo.transition(ids.tenantId, ids.campaignId, { to, now: NOW });
  }
  return campaign;
}
