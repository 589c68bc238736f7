// Handing a recorded decision to the waiting workflow (SendTaskSuccess),
// retried with backoff and full jitter when Step Functions fails for a reason
// other than "no longer waiting" (throttling, a 5xx, the network). The
// decision is already stored, so the caller never has to throw it away: a
// decision that still could not be delivered stays DECIDED and marked
// undelivered, and the next attempt (the approver opening the link again, the
// resumed request) delivers it.
import { stageOf, type Approval } from '../domain/approval.ts';
import { isTaskGone, type TaskCallbacks } from '../ports/task-callbacks.ts';
import { logger } from '../shared/observability.ts';
import type { ApprovalOutcome } from '../workflow/contracts.ts';

/** Waits before the 2nd, 3rd and 4th attempt (ceilings; each wait is a random part of it). Well inside API Gateway's 29 s. */
export const DELIVERY_BACKOFF_MS: readonly number[] = [200, 800, 2_000];

export type Delivery = { readonly kind: 'delivered' } | { readonly kind: 'gone'; readonly code: string } | { readonly kind: 'undelivered'; readonly error: unknown };

export async function deliverDecision(
  tasks: TaskCallbacks,
  approval: Approval,
  outcome: ApprovalOutcome,
  backoffMs: readonly number[] = DELIVERY_BACKOFF_MS,
): Promise<Delivery> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await tasks.succeed(approval.taskToken, outcome);
      return { kind: 'delivered' };
    } catch (error) {
      if (isTaskGone(error)) return { kind: 'gone', code: error.code };
      const ceiling = backoffMs[attempt];
      logger.warn('Could not hand the decision to the workflow', { approvalId: approval.approvalId, campaignId: approval.campaignId, attempt: attempt + 1, error });
      if (ceiling === undefined) return { kind: 'undelivered', error };
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

/** The outcome a DECIDED approval hands to the workflow: with the next stage after a passed one, and the rejected posts after a failed one. */
export function outcomeOf(approval: Approval): ApprovalOutcome | undefined {
  if (approval.status !== 'DECIDED' || !approval.decision || !approval.decidedBy || !approval.decidedAt) return undefined;
  const { stage, stageCount } = stageOf(approval);
  return {
    decision: approval.decision,
    decidedBy: approval.decidedBy,
    decidedAt: approval.decidedAt,
    ...(approval.comment ? { comment: approval.comment } : {}),
    ...(approval.decision === 'APPROVED' && stage + 1 < stageCount ? { nextStage: stage + 1 } : {}),
    ...(approval.rejectedPostIds?.length ? { rejectedPostIds: approval.rejectedPostIds } : {}),
  };
}
