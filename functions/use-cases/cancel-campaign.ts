// cancelCampaign: a marketer stops a campaign that is still in flight. The
// status machine has no separate cancelled state; a cancellation is the
// in-flight → FAILED transition with a reason naming who cancelled, written
// conditionally, so the workflow's next status write for this campaign is
// refused and the execution ends on its failure path instead of carrying on.
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { ReminderSchedules } from '../ports/reminder-schedules.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';
import { approvalIdFor } from '../approval/approval-id.ts';
import { clearApprovalReminders } from './approval-reminders.ts';

export interface CancelCampaignRequest {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly cancelledBy: string;
  readonly reason?: string;
  readonly now: Date;
}

export const CANCELLED_PREFIX = 'Cancelled by';

export async function cancelCampaign(
  campaigns: CampaignRepository,
  updates: CampaignUpdates,
  request: CancelCampaignRequest,
  /** The current revision's reminders go with the wait (issue 17); clearing an approval that has none is a no-op. */
  reminders?: ReminderSchedules,
): Promise<Campaign> {
  const why = request.reason?.trim();
  const campaign = await updates.transition(campaigns, request.tenantId, request.campaignId, {
    to: 'FAILED',
    reason: `${CANCELLED_PREFIX} ${request.cancelledBy}${why ? `: ${why.slice(0, 1500)}` : ''}`,
    now: request.now,
  });
  if (reminders) await clearApprovalReminders(reminders, { tenantId: campaign.tenantId, campaignId: campaign.campaignId, approvalId: approvalIdFor(campaign.revision) });
  return campaign;
}
