// A page of the caller's tenant's campaigns, newest first, optionally in one
// status. Reads a GSI (never a Scan); the cursor is opaque and bound to the
// tenant and query that minted it.
import type { CampaignStatus } from '../domain/campaign-status.ts';
import { withDetails, type CampaignDetails, type CampaignReaders, type Include } from './get-campaign.ts';

export interface ListCampaignsRequest {
  readonly tenantId: string;
  readonly limit?: number;
  readonly nextToken?: string;
  readonly status?: CampaignStatus;
}

export interface CampaignPage {
  readonly items: readonly CampaignDetails[];
  readonly nextToken?: string;
}

export async function listCampaigns(readers: CampaignReaders, request: ListCampaignsRequest, include: Include = {}): Promise<CampaignPage> {
  const page = await readers.campaigns.list(request.tenantId, {
    ...(request.limit !== undefined ? { limit: request.limit } : {}),
    ...(request.nextToken ? { cursor: request.nextToken } : {}),
    ...(request.status ? { status: request.status } : {}),
  });
  const items = await Promise.all(page.items.map((campaign) => withDetails(readers, campaign, include)));
  return page.cursor ? { items, nextToken: page.cursor } : { items };
}
