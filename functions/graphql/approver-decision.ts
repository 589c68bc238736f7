// decideApproval for a signed-in approver: the same use case as the e-mailed
// link (applyDecision), reached through the user's identity instead of a
// signed token. The caller's e-mail claim must be one of the approvers the
// request went to; single use is shared with the link — whichever comes
// first wins.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { latestApproval } from '../data/campaign-approvals.ts';
import type { Approval, Decision } from '../domain/approval.ts';
import { ApprovalClosedError, NotFoundError } from '../domain/errors.ts';
import { applyDecision, type DecideApprovalDeps } from '../use-cases/decide-approval.ts';
import { UnauthorizedError } from './graphql-errors.ts';

export interface ApproverDecisionDeps extends Omit<DecideApprovalDeps, 'keys' | 'now'> {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

export interface ApproverDecisionRequest {
  readonly tenantId: string;
  readonly campaignId: string;
  /** The signed-in approver's e-mail claim: must be one of the approvers the request went to. */
  readonly approverEmail: string | undefined;
  readonly decision: Decision;
  readonly comment?: string;
  readonly now: Date;
}

export async function decideAsApprover(deps: ApproverDecisionDeps, request: ApproverDecisionRequest): Promise<Approval> {
  const pending = await latestApproval(deps.doc, deps.tableName, request.tenantId, request.campaignId);
  if (!pending) throw new NotFoundError('Approval request for campaign', request.campaignId);
  const email = request.approverEmail?.toLowerCase();
  if (!email || !pending.approvers.some((a) => a.toLowerCase() === email)) {
    throw new UnauthorizedError('Only an approver this request was sent to can decide it');
  }
  const comment = request.comment?.trim();
  const result = await applyDecision({ ...deps, now: () => request.now }, pending, {
    decision: request.decision,
    decidedBy: email,
    ...(comment ? { comment } : {}),
    client: 'graphql',
  });
  // Already decided or expired: say so, with the recorded outcome, rather than pretend this decision applied.
  // Recorded but not yet delivered counts as decided: it is kept and delivered on the next attempt.
  if (result.kind !== 'decided' && result.kind !== 'recorded') throw new ApprovalClosedError(result.approval);
  return result.approval;
}
