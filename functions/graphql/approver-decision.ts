// decideApproval for a signed-in approver: the same effect as the e-mailed
// link. The decision is recorded with a conditional PENDING → DECIDED write
// (single use, shared with the link: whichever comes first wins), then the
// waiting execution is resumed with the decision as the task's output. The
// workflow owns every campaign status change after that.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApprovalRepository } from '../data/approval-repository.ts';
import { latestApproval } from '../data/campaign-approvals.ts';
import type { Approval, Decision } from '../domain/approval.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { ApprovalOutcome } from '../workflow/contracts.ts';
import { UnauthorizedError } from './graphql-errors.ts';
import type { TaskCallbacks } from './task-callbacks.ts';

export interface ApproverDecisionDeps {
  readonly approvals: ApprovalRepository;
  readonly callbacks: TaskCallbacks;
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
  const decided = await deps.approvals.decide(request.tenantId, request.campaignId, pending.approvalId, {
    decision: request.decision,
    decidedBy: email,
    decidedAt: request.now.toISOString(),
    ...(comment ? { comment } : {}),
    client: 'graphql',
  });
  const outcome: ApprovalOutcome = {
    decision: request.decision,
    ...(comment ? { comment } : {}),
    decidedBy: email,
    decidedAt: request.now.toISOString(),
  };
  await deps.callbacks.sendTaskSuccess(decided.taskToken, outcome);
  return decided;
}
