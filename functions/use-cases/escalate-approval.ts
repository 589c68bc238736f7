// escalateApproval: the escalation schedule fired. An approval still waiting
// passes from its approvers to the next level's (configured per tenant), who
// get the approval e-mail with fresh links; the previous approvers' links then
// refuse, saying it was escalated (decide-approval's authorize). Nothing
// happens — visibly, in the result and the logs — when the approval no longer
// waits, the level is the top of the path, or the tenant configured nobody for
// the next level. At-least-once delivery: the hand-over is one conditional
// write, and each new approver's e-mail is claimed before it is sent.
import type { ApprovalEscalations, EscalationContacts } from '../data/approval-escalations.ts';
import type { ApprovalReminderEvent } from '../domain/approval-reminders.ts';
import { nextApprovalLevel, tierApprovalLevel } from '../domain/escalation.ts';
import { approvalLinks, renderApprovalEmail } from '../approval/approval-email.ts';
import { previewPosts, summarizeCampaign } from '../approval/approval-view.ts';
import { signApprovalToken } from '../approval/approval-token.ts';
import { clearApprovalReminders } from './approval-reminders.ts';
import { summarizeGeneration } from './generation-summary.ts';
import { stillWaiting, type SendApprovalReminderDeps } from './send-approval-reminder.ts';

export interface EscalateApprovalDeps extends SendApprovalReminderDeps {
  readonly contacts: EscalationContacts;
  readonly escalations: ApprovalEscalations;
}

export type EscalationResult =
  | { readonly kind: 'escalated'; readonly level: string; readonly approvers: readonly string[] }
  | { readonly kind: 'ignored'; readonly why: string };

export const ESCALATION_SCOPE = 'approval-escalation';

export async function escalateApproval(deps: EscalateApprovalDeps, event: ApprovalReminderEvent): Promise<EscalationResult> {
  const { tenantId, campaignId, approvalId } = event;
  const now = deps.now();
  const waiting = await stillWaiting(deps, event, now);
  if ('why' in waiting) {
    await clearApprovalReminders(deps.schedules, event);
    return { kind: 'ignored', why: waiting.why };
  }
  let { approval } = waiting;
  const { campaign } = waiting;
  // One escalation point per approval: a redelivery after the hand-over finds it done and only finishes the e-mails.
  const handedOver = approval.escalatedAt !== undefined && approval.approvalLevel !== undefined;
  const current = approval.approvalLevel ?? tierApprovalLevel(campaign.tier);
  const next = handedOver ? current : nextApprovalLevel(current);
  if (!next) return { kind: 'ignored', why: `${current} is the top of the approval path` };
  if (!handedOver) {
    const contacts = await deps.contacts.get(tenantId, next);
    if (!contacts) return { kind: 'ignored', why: `no ${next} approvers are configured for tenant ${tenantId}` };
    const escalated = await deps.escalations.escalate(tenantId, campaignId, approvalId, { from: approval.approvers, to: contacts.approvers, level: next, at: now });
    if (!escalated) return { kind: 'ignored', why: 'the approval changed while escalating (decided or escalated already)' };
    approval = escalated;
  }

  const summary = summarizeCampaign(campaign);
  const { posts } = await summarizeGeneration(deps.campaigns, tenantId, campaignId, approval.revision);
  const previews = previewPosts(posts);
  const expiresAt = new Date(approval.expiresAt);
  const ttlSeconds = Math.max(60, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000) + 86_400);
  const notified: string[] = [];
  for (const approver of approval.approvers) {
    const key = `${campaignId}/${approvalId}/${next}/${approver.toLowerCase()}`;
    if (!(await deps.sent.claim({ tenantId, scope: ESCALATION_SCOPE, key, ttlSeconds }, now))) continue;
    try {
      const token = await signApprovalToken(deps.keys, { approvalId, tenantId, campaignId, approver, expiresAt, now });
      const email = renderApprovalEmail({ summary, posts: previews, links: approvalLinks(deps.approvalBaseUrl, token), expiresAt: approval.expiresAt });
      await deps.mailer.send({
        to: [approver],
        ...email,
        subject: `Escalated to you (${next}): ${email.subject}`.slice(0, 200),
        tags: { campaignId, tenantId, kind: 'approval-escalated', level: next },
      });
    } catch (error) {
      await deps.sent.release(tenantId, ESCALATION_SCOPE, key);
      throw error;
    }
    notified.push(approver);
  }
  return { kind: 'escalated', level: next, approvers: notified };
}
