// The approver's side of an approval link. `openApproval` (GET) verifies the
// link and returns what the confirmation page shows, changing nothing: mail
// scanners fetch links. `decideApproval` (POST) verifies again and applies
// the decision (applyDecision): one conditional write per approver per stage,
// the stage's quorum counted, and once the stage is settled its record closes
// PENDING → DECIDED (single use), the campaign moves on before the workflow
// can act on it, and the workflow resumes with SendTaskSuccess. If the
// workflow had already stopped waiting, nothing takes effect: approval and
// campaign become EXPIRED.
import type { ApprovalRepository } from '../data/approval-repository.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { PostVersionRepository } from '../data/post-version-repository.ts';
import type { StageDecisionRepository } from '../data/stage-decision-repository.ts';
import { stageOf, type Approval, type Decision } from '../domain/approval.ts';
import { AlreadyDecidedError, InvalidPostReviewError } from '../domain/approval-errors.ts';
import { AUTO_APPROVER } from '../domain/approval-policy.ts';
import type { Campaign } from '../domain/campaign.ts';
import { channelFindings, type PostScorecard } from '../domain/content-validator.ts';
import { ApprovalClosedError, InvalidTransitionError, NotFoundError } from '../domain/errors.ts';
import type { Post } from '../domain/post.ts';
import { consolidateFeedback, decisionFromPosts, PostReview, type DecisionSource, type StageDecision } from '../domain/stage-decision.ts';
import { tallyStage, type StageRule, type StageTally } from '../domain/stage-quorum.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { CHANNEL_RULES } from '../knowledge/channel-rules.ts';
import type { ReminderSchedules } from '../ports/reminder-schedules.ts';
import type { SigningKeys } from '../ports/signing-keys.ts';
import type { TaskCallbacks } from '../ports/task-callbacks.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';
import { logger, recordApprovalLatency } from '../shared/observability.ts';
import { InvalidApprovalLinkError, verifyApprovalToken, type ApprovalClaims } from '../approval/approval-token.ts';
import type { FormReview } from '../approval/post-review-form.ts';
import { ApprovalEscalatedError } from '../domain/escalation.ts';
import type { ApprovalOutcome } from '../workflow/contracts.ts';
import { deliverDecision, outcomeOf } from './deliver-decision.ts';
import { clearApprovalReminders } from './approval-reminders.ts';
import { summarizeGeneration } from './generation-summary.ts';

export interface DecideApprovalDeps {
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
  readonly decisions: StageDecisionRepository;
  readonly postVersions: PostVersionRepository;
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
  /** Per-post verdicts from the review page; an edit there carries only the new body. */
  readonly posts?: readonly FormReview[];
}

export type DecisionResult =
  /** Counted; the stage still waits for other approvers (or another decision settled it a moment earlier). */
  | { readonly kind: 'counted'; readonly decision: StageDecision; readonly approval: Approval; readonly campaign: Campaign }
  /** This approver had decided this stage already; their first decision stands. */
  | { readonly kind: 'already-decided'; readonly decision: StageDecision; readonly approval: Approval; readonly campaign: Campaign }
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
    ...(request.posts?.length ? { posts: await withEditedContent(deps, approval, request.posts) } : {}),
    source: 'LINK',
  });
}

/** A page edit replaces the post's body; the rest of its content (title, call to action, …) stays. */
async function withEditedContent(deps: Pick<DecideApprovalDeps, 'campaigns'>, approval: Approval, reviews: readonly FormReview[]): Promise<PostReview[]> {
  return Promise.all(
    reviews.map(async ({ body, ...review }) => {
      if (review.verdict !== 'EDITED' || body === undefined) return review;
      const post = await deps.campaigns.getPost(approval.tenantId, approval.campaignId, review.postId);
      if (!post?.content) throw new InvalidPostReviewError(`Post ${review.postId} is not a drafted post of this approval`);
      return { ...review, content: { ...post.content, body } };
    }),
  );
}

export interface ApproverDecision {
  readonly decision: Decision;
  /** The approver, already authenticated by the caller (a verified link, a signed-in user), or `policy:auto`. */
  readonly decidedBy: string;
  readonly comment?: string;
  readonly client?: string;
  /** Where the decision came from; a link unless said otherwise. */
  readonly source?: DecisionSource;
  /** Per-post verdicts; when given, the decision follows from them (any rejected post rejects). */
  readonly posts?: readonly PostReview[];
  /** An automatic decision records the checks it rests on. */
  readonly checks?: readonly PostScorecard[];
}

/**
 * The decision itself, whoever authenticated the approver (the e-mailed link,
 * GraphQL, the policy): recorded once for this approver in this stage, then
 * the stage's quorum is counted. While the stage is open that is all; when
 * this decision settles it, the stage's record closes (single-use), the
 * campaign moves on (to APPROVED or REJECTED after the last stage or a failed
 * one; it stays AWAITING_APPROVAL between stages) and the workflow resumes
 * with the outcome — or, when it stopped waiting, both become EXPIRED.
 */
export async function applyDecision(deps: Omit<DecideApprovalDeps, 'keys'>, approval: Approval, request: ApproverDecision): Promise<DecisionResult> {
  const { tenantId, campaignId, approvalId } = approval;
  const campaignNow = () => deps.campaigns.require(tenantId, campaignId);
  const closed = async (recorded: Approval): Promise<DecisionResult> => {
    const campaign = await deps.campaigns.require(tenantId, campaignId);
    // A decision recorded earlier that never reached the workflow: this attempt delivers it.
    const outcome = outcomeOf(recorded);
    if (recorded.undeliveredSince && outcome) return deliver(deps, recorded, campaign, outcome);
    return { kind: 'closed' as const, approval: recorded, campaign };
  };
  if (approval.status !== 'PENDING') return closed(approval);
  const stage = stageOf(approval);
  const reviews = await checkReviews(deps, approval, request);
  // Rejecting without rejecting any post rejects the whole campaign (every post is regenerated).
  const decision = request.decision;
  if (decision === 'APPROVED' && decisionFromPosts(reviews) === 'REJECTED') {
    throw new InvalidPostReviewError('Some posts are rejected, so the campaign can only be rejected; approve those posts or choose Reject');
  }
  const decidedAt = deps.now().toISOString();
  let recorded: StageDecision;
  try {
    recorded = await deps.decisions.record({
      tenantId,
      campaignId,
      approvalId,
      revision: approval.revision,
      stage: stage.stage,
      approver: request.decidedBy,
      decision,
      decidedAt,
      source: request.source ?? 'LINK',
      posts: [...reviews],
      ...(request.comment ? { comment: request.comment } : {}),
      ...(request.client ? { client: request.client } : {}),
      ...(request.checks ? { checks: [...request.checks] } : {}),
    });
  } catch (error) {
    if (error instanceof AlreadyDecidedError) return { kind: 'already-decided', decision: error.recorded, approval, campaign: await campaignNow() };
    // The stage closed a moment earlier (another approver settled it, or it expired).
    if (error instanceof ApprovalClosedError) return closed(error.approval);
    throw error;
  }
  await applyEdits(deps, approval, reviews, request.decidedBy, decidedAt);

  const decisions = await deps.decisions.listForStage(tenantId, campaignId, approvalId);
  const tally = stageTally(stage.rule, approval.approvers, decisions);
  if (tally.state === 'PENDING') return { kind: 'counted', decision: recorded, approval, campaign: await campaignNow() };

  const outcomeDecision: Decision = tally.state === 'PASSED' ? 'APPROVED' : 'REJECTED';
  const feedback = consolidateFeedback(decisions);
  const rejectedPostIds = [...new Set(decisions.flatMap((d) => d.posts.filter((p) => p.verdict === 'REJECTED').map((p) => p.postId)))];
  let decided: Approval;
  try {
    decided = await deps.approvals.decide(tenantId, campaignId, approvalId, {
      decision: outcomeDecision,
      decidedBy: request.decidedBy,
      decidedAt,
      ...(feedback ? { comment: feedback } : {}),
      ...(request.client ? { client: request.client } : {}),
      ...(outcomeDecision === 'REJECTED' && rejectedPostIds.length > 0 ? { rejectedPostIds } : {}),
    });
  } catch (error) {
    // A concurrent decision settled the stage too and closed it first: it resumes the workflow.
    if (error instanceof ApprovalClosedError) return { kind: 'counted', decision: recorded, approval: error.approval, campaign: await campaignNow() };
    throw error;
  }
  // The stage closed: its reminders end with it (the next stage schedules its own).
  if (deps.reminders) await clearApprovalReminders(deps.reminders, decided);

  const nextStage = outcomeDecision === 'APPROVED' && stage.stage + 1 < stage.stageCount ? stage.stage + 1 : undefined;
  let campaign: Campaign;
  try {
    campaign =
      nextStage === undefined
        ? await deps.updates.transition(deps.campaigns, tenantId, campaignId, {
            from: 'AWAITING_APPROVAL',
            to: outcomeDecision,
            now: deps.now(),
            ...(decided.comment ? { reason: decided.comment.slice(0, 2000) } : {}),
          })
        : await requireAwaiting(deps, tenantId, campaignId);
  } catch (error) {
    // The campaign left AWAITING_APPROVAL (expired, failed) while the link was open: the decision cannot apply.
    if (!(error instanceof InvalidTransitionError)) throw error;
    const withdrawn = await deps.approvals.withdraw(tenantId, campaignId, approvalId);
    return { kind: 'expired', approval: withdrawn, campaign: await campaignNow() };
  }

  const outcome: ApprovalOutcome = {
    decision: outcomeDecision,
    decidedBy: request.decidedBy,
    decidedAt,
    ...(decided.comment ? { comment: decided.comment } : {}),
    ...(nextStage !== undefined ? { nextStage } : {}),
    ...(rejectedPostIds.length > 0 ? { rejectedPostIds } : {}),
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

/** Between stages the campaign stays AWAITING_APPROVAL; anything else means it moved on (expired, failed). */
async function requireAwaiting(deps: Pick<DecideApprovalDeps, 'campaigns'>, tenantId: string, campaignId: string): Promise<Campaign> {
  const campaign = await deps.campaigns.require(tenantId, campaignId);
  if (campaign.status !== 'AWAITING_APPROVAL') throw new InvalidTransitionError(campaign.status, 'AWAITING_APPROVAL', 'the campaign is no longer awaiting approval');
  return campaign;
}

/** The stage's tally; an approval by the policy itself (auto-approval) passes the stage whatever its rule. */
export function stageTally(rule: StageRule, approvers: readonly string[], decisions: readonly StageDecision[]): StageTally {
  const auto = decisions.find((d) => d.approver === AUTO_APPROVER && d.decision === 'APPROVED');
  const tally = tallyStage(rule, approvers, decisions);
  return auto ? { ...tally, state: 'PASSED' } : tally;
}

/**
 * Post reviews must name posts this approval covers (drafted, not failed), at
 * most once each; an edit must keep its channel's rules. Checked before
 * anything is written, so bad input changes nothing.
 */
async function checkReviews(deps: Pick<DecideApprovalDeps, 'campaigns'>, approval: Approval, request: ApproverDecision): Promise<PostReview[]> {
  const reviews = (request.posts ?? []).map((r) => parseOrThrow(PostReview, r, 'post review'));
  if (reviews.length === 0) return [];
  const { posts } = await summarizeGeneration(deps.campaigns, approval.tenantId, approval.campaignId, approval.revision);
  const byId = new Map(posts.filter((p) => p.status === 'GENERATED').map((p) => [p.postId, p]));
  const seen = new Set<string>();
  for (const review of reviews) {
    const post = byId.get(review.postId);
    if (!post) throw new InvalidPostReviewError(`Post ${review.postId} is not a drafted post of this approval`);
    if (seen.has(review.postId)) throw new InvalidPostReviewError(`Post ${review.postId} is reviewed more than once`);
    seen.add(review.postId);
    if (review.verdict === 'EDITED') {
      if (!review.content) throw new InvalidPostReviewError(`The edit of post ${review.postId} has no content`);
      const findings = channelFindings(review.content, post.channel, CHANNEL_RULES[post.channel]);
      if (findings.length > 0) throw new InvalidPostReviewError(`The edit of post ${review.postId} breaks the ${post.channel} rules: ${findings.join('; ')}`);
    } else if (review.content) {
      throw new InvalidPostReviewError(`Post ${review.postId}: content is only accepted with an edit`);
    }
  }
  return reviews;
}

/** An approver's edit becomes the post's content, attributed to them; the draft it replaces stays in the post's history. */
async function applyEdits(deps: Pick<DecideApprovalDeps, 'campaigns' | 'postVersions'>, approval: Approval, reviews: readonly PostReview[], editor: string, at: string) {
  for (const review of reviews) {
    if (review.verdict !== 'EDITED' || !review.content) continue;
    const post = await deps.campaigns.getPost(approval.tenantId, approval.campaignId, review.postId);
    if (!post) throw new NotFoundError('Post', review.postId);
    await deps.postVersions.keep(approval.tenantId, post);
    await deps.campaigns.putPosts(approval.tenantId, approval.campaignId, [{ ...post, content: review.content, editedBy: editor, editedAt: at, updatedAt: at }]);
  }
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
