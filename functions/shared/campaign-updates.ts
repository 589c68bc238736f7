// Campaign status changes: one conditional write (the repository checks the
// transition table) followed by a `Campaign Updated` event on the `mcc` bus,
// which drives the GraphQL subscription. The stored status is the truth; the
// event is a notification, so a failed publish is logged and counted, not
// thrown, and never undoes or repeats the write.
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { CampaignRepository, TransitionRequest } from '../data/campaign-repository.ts';
import type { Campaign } from '../domain/campaign.ts';
import { CAMPAIGN_UPDATED } from '../workflow/contracts.ts';
import { Notifier } from './notifications.ts';

export interface CampaignUpdatedDetail {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly status: Campaign['status'];
  readonly statusReason?: string;
  readonly revision: number;
  readonly workfrontProjectId?: string;
  readonly updatedAt: string;
}

export function updatedDetail(c: Campaign): CampaignUpdatedDetail {
  return {
    tenantId: c.tenantId,
    campaignId: c.campaignId,
    status: c.status,
    ...(c.statusReason ? { statusReason: c.statusReason } : {}),
    revision: c.revision,
    ...(c.workfrontProjectId ? { workfrontProjectId: c.workfrontProjectId } : {}),
    updatedAt: c.updatedAt,
  };
}

export class CampaignUpdates {
  readonly #notifier: Notifier;

  constructor(events: EventBridgeClient, busName: string) {
    this.#notifier = new Notifier(events, busName);
  }

  async published(campaign: Campaign): Promise<void> {
    await this.#notifier.notify(CAMPAIGN_UPDATED, updatedDetail(campaign), 'CampaignUpdatePublishFailed', { campaignId: campaign.campaignId });
  }

  /** Transition, then announce it. Returns the campaign as stored after the change. */
  async transition(repo: CampaignRepository, tenantId: string, campaignId: string, request: TransitionRequest): Promise<Campaign> {
    const campaign = await repo.transition(tenantId, campaignId, request);
    await this.published(campaign);
    return campaign;
  }
}
