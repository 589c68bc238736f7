// MarkExpired: the RequestApproval wait timed out. The revision's approval
// becomes EXPIRED (PENDING → EXPIRED; or, if a decision was recorded but could
// not reach the timed-out workflow, DECIDED → EXPIRED), the campaign
// AWAITING_APPROVAL → EXPIRED, and the requester hears that the window
// passed. Every step tolerates having been done already, so retries converge.
import type { ApprovalRepository } from '../data/approval-repository.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { Campaign } from '../domain/campaign.ts';
import { ApprovalClosedError, InvalidTransitionError } from '../domain/errors.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { ReminderSchedules } from '../ports/reminder-schedules.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';
import { approvalIdFor } from '../approval/approval-id.ts';
import { summarizeCampaign } from '../approval/approval-view.ts';
import { renderExpiryEmail } from '../approval/expiry-email.ts';
import { clearApprovalReminders } from './approval-reminders.ts';
import { expireUndelivered } from './decide-approval.ts';

export interface ExpireApprovalDeps {
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
  readonly updates: CampaignUpdates;
  readonly mailer: Mailer;
  readonly now: () => Date;
  /** Cleared on the way out of the wait (issue 17). */
  readonly reminders?: ReminderSchedules;
}

export interface ExpireApprovalInput {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly revision: number;
  /** The stage that was waiting; the first when absent. */
  readonly stage?: number;
}

export interface ExpireApprovalResult {
  readonly campaignStatus: Campaign['status'];
  readonly approvalStatus?: string;
  readonly requesterNotified: boolean;
}

const REASON = 'No decision within the approval window';

export async function expireApproval(deps: ExpireApprovalDeps, input: ExpireApprovalInput): Promise<ExpireApprovalResult> {
  const { tenantId, campaignId } = input;
  const approvalId = approvalIdFor(input.revision, input.stage ?? 0);
  let approval = await deps.approvals.get(tenantId, campaignId, approvalId);
  let campaign: Campaign | undefined;

  if (approval?.status === 'PENDING') {
    try {
      approval = await deps.approvals.expire(tenantId, campaignId, approvalId);
    } catch (error) {
      // Decided in the meantime: handled just below, as a decision that came too late.
      if (!(error instanceof ApprovalClosedError)) throw error;
      approval = error.approval;
    }
  }
  if (approval?.status === 'DECIDED') {
    // The task timed out, so Step Functions refuses this decision: it never took effect.
    ({ approval, campaign } = await expireUndelivered(deps, approval));
  }

  campaign ??= await deps.campaigns.require(tenantId, campaignId);
  if (campaign.status === 'AWAITING_APPROVAL') {
    try {
      campaign = await deps.updates.transition(deps.campaigns, tenantId, campaignId, {
        from: 'AWAITING_APPROVAL',
        to: 'EXPIRED',
        reason: REASON,
        now: deps.now(),
      });
    } catch (error) {
      if (!(error instanceof InvalidTransitionError) || error.from !== 'EXPIRED') throw error;
      campaign = await deps.campaigns.require(tenantId, campaignId);
    }
  }
  if (campaign.status !== 'EXPIRED') {
    throw new InvalidTransitionError(campaign.status, 'EXPIRED', 'the campaign is no longer awaiting approval');
  }

  if (deps.reminders) await clearApprovalReminders(deps.reminders, { tenantId, campaignId, approvalId });
  const email = renderExpiryEmail(summarizeCampaign(campaign), approval?.expiresAt ?? deps.now().toISOString());
  await deps.mailer.send({
    to: [campaign.brief.requestedBy],
    ...email,
    tags: { campaignId, tenantId, kind: 'approval-expired' },
  });
  return { campaignStatus: campaign.status, ...(approval ? { approvalStatus: approval.status } : {}), requesterNotified: true };
}
