// decideApproval and decidePost for a signed-in approver: the same use case
// as the e-mailed link (applyDecision), reached through the user's identity
// instead of a signed token. The caller's e-mail claim must be one of the
// approvers of the stage now waiting; single use is shared with the link —
// whichever comes first wins.
import { stageOf, type Approval, type Decision } from '../domain/approval.ts';
import { AlreadyDecidedError, StageNotOpenError } from '../domain/approval-errors.ts';
import { ApprovalClosedError, NotFoundError, UnauthorizedError } from '../domain/errors.ts';
import { decisionFromPosts, type PostReview } from '../domain/stage-decision.ts';
import { applyDecision, type DecideApprovalDeps } from './decide-approval.ts';

export type ApproverDecisionDeps = Omit<DecideApprovalDeps, 'keys' | 'now'>;

export interface ApproverDecisionRequest {
  readonly tenantId: string;
  readonly campaignId: string;
  /** The signed-in approver's e-mail claim: must be one of the approvers the request went to. */
  readonly approverEmail: string | undefined;
  readonly decision: Decision;
  readonly comment?: string;
  /** Per-post verdicts (decidePost); the decision then follows from them. */
  readonly posts?: readonly PostReview[];
  /** The stage the caller means to decide (1-based in the API); refused unless it is the one waiting. */
  readonly stage?: number;
  readonly now: Date;
}

export async function decideAsApprover(deps: ApproverDecisionDeps, request: ApproverDecisionRequest): Promise<Approval> {
  const pending = await deps.approvals.latestFor(request.tenantId, request.campaignId);
  if (!pending) throw new NotFoundError('Approval request for campaign', request.campaignId);
  if (request.stage !== undefined) {
    const { stage, stageCount } = stageOf(pending);
    if (request.stage !== stage + 1 || pending.status !== 'PENDING') {
      throw new StageNotOpenError(
        request.stage > stage + 1 && request.stage <= Math.max(stageCount, stage + 1)
          ? `Stage ${request.stage} of campaign ${request.campaignId} has not started; stage ${stage + 1} is ${pending.status.toLowerCase()}`
          : `Stage ${request.stage} of campaign ${request.campaignId} is not open for decisions`,
      );
    }
  }
  const email = request.approverEmail?.toLowerCase();
  if (!email || !pending.approvers.some((a) => a.toLowerCase() === email)) {
    throw new UnauthorizedError('Only an approver this request was sent to can decide it');
  }
  const comment = request.comment?.trim();
  const result = await applyDecision({ ...deps, now: () => request.now }, pending, {
    decision: request.decision,
    decidedBy: email,
    ...(comment ? { comment } : {}),
    ...(request.posts?.length ? { posts: request.posts } : {}),
    client: 'graphql',
    source: 'GRAPHQL',
  });
  if (result.kind === 'already-decided') throw new AlreadyDecidedError(result.decision);
  // Already decided or expired: say so, with the recorded outcome, rather than pretend this decision applied.
  // Recorded but not yet delivered counts as decided: it is kept and delivered on the next attempt; counted means the stage still waits for others.
  if (result.kind !== 'decided' && result.kind !== 'recorded' && result.kind !== 'counted') throw new ApprovalClosedError(result.approval);
  return result.approval;
}

/** decidePost: the decision follows from the posts (any rejected post rejects). */
export function decisionOfReviews(reviews: readonly PostReview[]): Decision {
  return decisionFromPosts(reviews);
}
