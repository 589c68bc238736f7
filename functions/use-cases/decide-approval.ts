// The approver's side of an approval link. `openApproval` (GET) verifies the
// link and returns what the confirmation page shows, changing nothing: mail
// scanners fetch links. `decideApproval` (POST) verifies again, records the
// decision with a conditional PENDING → DECIDED write (single use), moves the
// campaign AWAITING_APPROVAL → APPROVED | REJECTED before the workflow can
// act on it, then resumes the workflow with SendTaskSuccess. If the workflow
// had already stopped waiting, nothing takes effect: approval and campaign
// become EXPIRED.
import type { ApprovalRepository } from '../data/approval-repository.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { Approval, Decision } from '../domain/approval.ts';
import type { Campaign } from '../domain/campaign.ts';
import { ApprovalClosedError, InvalidTransitionError, NotFoundError } from '../domain/errors.ts';
import type { Post } from '../domain/post.ts';
import type { ReminderSchedules } from '../ports/reminder-schedules.ts';
import type { SigningKeys } from '../ports/signing-keys.ts';
import type { TaskCallbacks } from '../ports/task-callbacks.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';
import { logger, recordApprovalLatency } from '../shared/observability.ts';
import { InvalidApprovalLinkError, verifyApprovalToken, type ApprovalClaims } from '../approval/approval-token.ts';
import { ApprovalEscalatedError } from '../domain/escalation.ts';
import type { ApprovalOutcome } from '../workflow/contracts.ts';
import { deliverDecision, outcomeOf } from './deliver-decision.ts';
import { clearApprovalReminders } from './approval-reminders.ts';
import { summarizeGeneration } from './generation-summary.ts';

export interface DecideApprovalDeps {
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
  readonly updates: CampaignUpdates;
  readonly keys: SigningKeys;
  readonly tasks: TaskCallbacks;
  readonly now: () => Date;
  /** Backoff between SendTaskSuccess attempts; DELIVERY_BACKOFF_MS unless a test shortens it. */
  readonly deliveryBackoffMs?: readonly number[];
  /** Cleared once the decision is recorded (issue 17): the wait is over whatever happens next. */
  readonly reminders?: ReminderSchedules;
}

export interface OpenedApproval {
  readonly claims: ApprovalClaims;
  readonly approval: Approval;
  readonly campaign: Campaign;
  readonly posts: Post[];
}

export interface DecisionRequest {
  readonly token: string;
  readonly decision: Decision;
  readonly comment?: string;
  /** User agent and source IP, for the audit trail. */
  readonly client?: string;
}

export type DecisionResult =
  | { readonly kind: 'decided'; readonly approval: Approval; readonly campaign: Campaign; readonly outcome: ApprovalOutcome }
  /** The link was used already or the request had expired: the recorded outcome, unchanged. */
  | { readonly kind: 'closed'; readonly approval: Approval; readonly campaign: Campaign }
  /** The decision arrived after the workflow stopped waiting: nothing applied, both now EXPIRED. */
  | { readonly kind: 'expired'; readonly approval: Approval; readonly campaign: Campaign }
  /** Recorded, but Step Functions could not be reached: kept DECIDED and undelivered until the next attempt delivers it. */
  | { readonly kind: 'recorded'; readonly approval: Approval; readonly campaign: Campaign };

/**
 * Verifies the token and loads the approval it names. The keys come from the
 * token's own tenant, campaign and approval claims, and the stored record must
 * agree with them and list the token's approver, so a token can only ever
 * reach the one approval it was minted for.
 */
async function authorize(deps: DecideApprovalDeps, token: string): Promise<{ claims: ApprovalClaims; approval: Approval }> {
  const claims = await verifyApprovalToken(deps.keys, token, deps.now());
  const approval = await deps.approvals.get(claims.tenant, claims.campaign, claims.sub);
  // notifications (issue 17): a link of an approver the approval was escalated away from says so.
  const approver = claims.approver.toLowerCase();
  if (approval?.escalatedFrom?.some((a) => a.toLowerCase() === approver) && !approval.approvers.some((a) => a.toLowerCase() === approver)) {
    throw new ApprovalEscalatedError(approval.approvalLevel);
  }
  if (
    !approval ||
    approval.tenantId !== claims.tenant ||
    approval.campaignId !== claims.campaign ||
    !approval.approvers.some((a) => a.toLowerCase() === claims.approver.toLowerCase())
  ) {
    throw new InvalidApprovalLinkError('untrusted', 'token names no approval this approver may decide');
  }
  return { claims, approval };
}

export async function openApproval(deps: DecideApprovalDeps, token: string): Promise<OpenedApproval> {
  const { claims, approval } = await authorize(deps, token);
  const campaign = await deps.campaigns.require(approval.tenantId, approval.campaignId);
  const { posts } = await summarizeGeneration(deps.campaigns, approval.tenantId, approval.campaignId, approval.revision);
  return { claims, approval, campaign, posts };
}

export async function decideApproval(deps: DecideApprovalDeps, request: DecisionRequest): Promise<DecisionResult> {
  const { claims, approval } = await authorize(deps, request.token);
  return applyDecision(deps, approval, {
    decision: request.decision,
    decidedBy: claims.approver,
    ...(request.comment ? { comment: request.comment } : {}),
    ...(request.client ? { client: request.client } : {}),
  });
}

export interface ApproverDecision {
  readonly decision: Decision;
  /** The approver, already authenticated by the caller (a verified link, a signed-in user). */
  readonly decidedBy: string;
  readonly comment?: string;
  readonly client?: string;
}

/**
 * The decision itself, whoever authenticated the approver (the e-mailed link
 * or GraphQL's decideApproval): single-use write, campaign status, then the
 * workflow resumed — or, when it stopped waiting, both EXPIRED.
 */
export async function applyDecision(
  deps: Omit<DecideApprovalDeps, 'keys'>,
  approval: Approval,
  request: ApproverDecision,
): Promise<DecisionResult> {
  const { tenantId, campaignId, approvalId } = approval;
  const closed = async (recorded: Approval): Promise<DecisionResult> => {
    const campaign = await deps.campaigns.require(tenantId, campaignId);
    // A decision recorded earlier that never reached the workflow: this attempt delivers it.
    const outcome = outcomeOf(recorded);
    if (recorded.undeliveredSince && outcome) return deliver(deps, recorded, campaign, outcome);
    return { kind: 'closed' as const, approval: recorded, campaign };
  };
  if (approval.status !== 'PENDING') return closed(approval);
  const decidedAt = deps.now().toISOString();
  let decided: Approval;
  try {
    decided = await deps.approvals.decide(tenantId, campaignId, approvalId, {
      decision: request.decision,
      decidedBy: request.decidedBy,
      decidedAt,
      ...(request.comment ? { comment: request.comment } : {}),
      ...(request.client ? { client: request.client } : {}),
    });
  } catch (error) {
    // Another click won the conditional write a moment earlier.
    if (error instanceof ApprovalClosedError) return closed(error.approval);
    throw error;
  }
  if (deps.reminders) await clearApprovalReminders(deps.reminders, decided);

  let campaign: Campaign;
  try {
    campaign = await deps.updates.transition(deps.campaigns, tenantId, campaignId, {
      from: 'AWAITING_APPROVAL',
      to: request.decision,
      now: deps.now(),
      ...(decided.comment ? { reason: decided.comment.slice(0, 2000) } : {}),
    });
  } catch (error) {
    // The campaign left AWAITING_APPROVAL (expired, failed) while the link was open: the decision cannot apply.
    if (!(error instanceof InvalidTransitionError)) throw error;
    const withdrawn = await deps.approvals.withdraw(tenantId, campaignId, approvalId);
    return { kind: 'expired', approval: withdrawn, campaign: await deps.campaigns.require(tenantId, campaignId) };
  }

  const outcome: ApprovalOutcome = {
    decision: request.decision,
    decidedBy: request.decidedBy,
    decidedAt,
    ...(decided.comment ? { comment: decided.comment } : {}),
  };
  const result = await deliver(deps, decided, campaign, outcome);
  if (result.kind === 'decided') recordApprovalLatency(approval.createdAt, decidedAt);
  return result;
}

/** SendTaskSuccess (retried); when the workflow is gone both become EXPIRED, when unreachable the decision stays recorded. */
async function deliver(deps: Omit<DecideApprovalDeps, 'keys'>, decided: Approval, campaign: Campaign, outcome: ApprovalOutcome): Promise<DecisionResult> {
  const { tenantId, campaignId, approvalId } = decided;
  const delivery = await deliverDecision(deps.tasks, decided, outcome, deps.deliveryBackoffMs);
  if (delivery.kind === 'gone') {
    logger.warn('The workflow no longer waits for this approval; expiring it', { approvalId, campaignId, reason: delivery.code });
    return { kind: 'expired', ...(await expireUndelivered(deps, decided)) };
  }
  if (delivery.kind === 'undelivered') {
    logger.error('Decision recorded but not yet delivered to the workflow', { approvalId, campaignId, error: delivery.error });
    const marked = decided.undeliveredSince ? decided : await deps.approvals.markUndelivered(tenantId, campaignId, approvalId, deps.now());
    return { kind: 'recorded', approval: marked, campaign };
  }
  const delivered = decided.undeliveredSince ? await deps.approvals.markDelivered(tenantId, campaignId, approvalId) : decided;
  return { kind: 'decided', approval: delivered, campaign, outcome };
}

/** The compensation when Step Functions refused the decision: approval and campaign EXPIRED, each at most once. */
export async function expireUndelivered(deps: Pick<DecideApprovalDeps, 'approvals' | 'campaigns' | 'updates' | 'now'>, decided: Approval) {
  const { tenantId, campaignId, approvalId } = decided;
  let approval: Approval;
  try {
    approval = await deps.approvals.withdraw(tenantId, campaignId, approvalId);
  } catch (error) {
    // Already withdrawn by a concurrent MarkExpired.
    if (!(error instanceof ApprovalClosedError)) throw error;
    approval = error.approval;
  }
  const reason = 'The approval window closed before the decision reached the workflow';
  let campaign: Campaign;
  try {
    if (!decided.decision) throw new NotFoundError('Decision', approvalId);
    campaign = await deps.campaigns.expireUndeliveredDecision(tenantId, campaignId, { decided: decided.decision, reason, now: deps.now() });
    await deps.updates.published(campaign);
  } catch (error) {
    if (!(error instanceof InvalidTransitionError)) throw error;
    // Still AWAITING_APPROVAL (the decision never moved it) or already EXPIRED.
    campaign = await deps.campaigns.require(tenantId, campaignId);
    if (campaign.status === 'AWAITING_APPROVAL') {
      campaign = await deps.updates.transition(deps.campaigns, tenantId, campaignId, { from: 'AWAITING_APPROVAL', to: 'EXPIRED', reason, now: deps.now() });
    }
  }
  return { approval, campaign };
}
