// sendApprovalReminder: a reminder schedule fired. If the approval is still
// waiting (PENDING, campaign AWAITING_APPROVAL, window open), each undecided
// approver gets one reminder e-mail with fresh personal links. Anything else —
// decided, expired, cancelled, gone — is a late firing: nothing is sent and
// the approval's leftover schedules are cleared. Scheduler delivers at least
// once, so each (approval, reminder, approver) is claimed before sending and
// given back if the send fails, which is what Scheduler's retry then redoes.
import type { ApprovalRepository } from '../data/approval-repository.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { DeduplicationStore } from '../data/deduplication-store.ts';
import type { Approval } from '../domain/approval.ts';
import type { ApprovalRef, ApprovalReminderEvent } from '../domain/approval-reminders.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { ReminderSchedules } from '../ports/reminder-schedules.ts';
import type { SigningKeys } from '../ports/signing-keys.ts';
import { approvalLinks } from '../approval/approval-email.ts';
import { summarizeCampaign } from '../approval/approval-view.ts';
import { signApprovalToken } from '../approval/approval-token.ts';
import { renderReminderEmail } from '../approval/reminder-email.ts';
import { clearApprovalReminders } from './approval-reminders.ts';

export interface SendApprovalReminderDeps {
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
  readonly schedules: ReminderSchedules;
  readonly sent: DeduplicationStore;
  readonly mailer: Mailer;
  readonly keys: SigningKeys;
  readonly approvalBaseUrl: string;
  readonly now: () => Date;
}

export type ReminderResult =
  | { readonly kind: 'reminded'; readonly approvers: readonly string[] }
  /** A late firing: the approval no longer waits, so nobody is reminded. */
  | { readonly kind: 'ignored'; readonly why: string };

export const REMINDER_SCOPE = 'approval-reminder';

/** The approval and its campaign if the approval still waits for a decision; otherwise why not. */
export async function stillWaiting(
  deps: Pick<SendApprovalReminderDeps, 'approvals' | 'campaigns'>,
  { tenantId, campaignId, approvalId }: ApprovalRef,
  now: Date,
): Promise<{ readonly approval: Approval; readonly campaign: Campaign } | { readonly why: string }> {
  const approval = await deps.approvals.get(tenantId, campaignId, approvalId);
  const campaign = approval ? await deps.campaigns.get(tenantId, campaignId) : undefined;
  const why = !approval
    ? 'the approval no longer exists'
    : approval.status !== 'PENDING'
      ? `the approval is ${approval.status}`
      : campaign?.status !== 'AWAITING_APPROVAL'
        ? `the campaign is ${campaign?.status ?? 'gone'}`
        : Date.parse(approval.expiresAt) <= now.getTime()
          ? 'the approval window has closed'
          : undefined;
  return why || !approval || !campaign ? { why: why ?? 'the approval no longer waits' } : { approval, campaign };
}

export async function sendApprovalReminder(deps: SendApprovalReminderDeps, event: ApprovalReminderEvent): Promise<ReminderResult> {
  const { tenantId, campaignId, approvalId, kind } = event;
  const now = deps.now();
  const waiting = await stillWaiting(deps, event, now);
  if ('why' in waiting) {
    await clearApprovalReminders(deps.schedules, event);
    return { kind: 'ignored', why: waiting.why };
  }
  const { approval, campaign } = waiting;

  const summary = summarizeCampaign(campaign);
  const expiresAt = new Date(approval.expiresAt);
  const ttlSeconds = Math.max(60, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000) + 86_400);
  const reminded: string[] = [];
  // One approval is decided by whoever answers first, so while it is PENDING every approver is undecided.
  for (const approver of approval.approvers) {
    const key = `${campaignId}/${approvalId}/${kind}/${approver.toLowerCase()}`;
    if (!(await deps.sent.claim({ tenantId, scope: REMINDER_SCOPE, key, ttlSeconds }, now))) continue;
    try {
      const token = await signApprovalToken(deps.keys, { approvalId, tenantId, campaignId, approver, expiresAt, now });
      const email = renderReminderEmail({ summary, links: approvalLinks(deps.approvalBaseUrl, token), expiresAt: approval.expiresAt });
      await deps.mailer.send({ to: [approver], ...email, tags: { campaignId, tenantId, kind: 'approval-reminder', reminder: kind } });
    } catch (error) {
      await deps.sent.release(tenantId, REMINDER_SCOPE, key);
      throw error;
    }
    reminded.push(approver);
  }
  return { kind: 'reminded', approvers: reminded };
}
