// An approval request: stored server-side with the Step Functions task token,
// which never leaves the backend; e-mailed links carry only a signed JWT
// naming the approval ID.
import { z } from 'zod';
import { PostScorecard } from './content-validator.ts';
import { StageRule } from './stage-quorum.ts';
import { Email, Id, TenantId } from './vocabulary.ts';

export const APPROVAL_STATUSES = ['PENDING', 'DECIDED', 'EXPIRED'] as const;
export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const Decision = z.enum(['APPROVED', 'REJECTED']);
export type Decision = z.infer<typeof Decision>;

export const Approval = z.strictObject({
  approvalId: Id,
  tenantId: TenantId,
  campaignId: Id,
  approvers: z.array(Email).min(1).max(10),
  /** Step Functions task tokens run to 1,024 characters. */
  taskToken: z.string().min(1).max(1024),
  status: ApprovalStatus,
  revision: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  decision: Decision.optional(),
  decidedBy: z.string().max(254).optional(),
  decidedAt: z.iso.datetime().optional(),
  comment: z.string().max(4000).optional(),
  /** The client that recorded the decision (user agent, source IP), for the audit trail. */
  decidedFrom: z.string().max(512).optional(),
  /** When the approvers were e-mailed; a retried request sends again only while this is unset. */
  notifiedAt: z.iso.datetime().optional(),
  /** Set while a recorded decision has not reached the workflow (Step Functions kept failing); the next attempt delivers it. */
  undeliveredSince: z.iso.datetime().optional(),
  // --- approvals (issue 16): one record per stage of a revision; absent on records of one ANY stage (see stageOf).
  stage: z.number().int().min(0).optional(),
  stageName: z.string().max(80).optional(),
  rule: StageRule.optional(),
  stageCount: z.number().int().min(1).optional(),
  /** Posts any approver of this stage rejected: a revision regenerates only these (all posts when empty on a rejection). */
  rejectedPostIds: z.array(Id).max(200).optional(),
  /** The automated checks' results per post, computed before anyone was asked. */
  scorecard: z.array(PostScorecard).max(200).optional(),
  // --- notifications (issue 17): escalation to the next approval level ---
  /** The level now holding the approval, once escalated (before that: the campaign tier's level). */
  approvalLevel: z.enum(['MANAGER', 'DIRECTOR', 'VP']).optional(),
  /** Approvers the approval was taken from by escalation: their links now refuse, saying so. */
  escalatedFrom: z.array(Email).max(50).optional(),
  escalatedAt: z.iso.datetime().optional(),
});
export type Approval = z.infer<typeof Approval>;

export const ApprovalDecision = z.strictObject({
  decision: Decision,
  decidedBy: z.string().min(1).max(254),
  decidedAt: z.iso.datetime(),
  comment: z.string().trim().max(4000).optional(),
  client: z.string().max(512).optional(),
  rejectedPostIds: z.array(Id).max(200).optional(),
});
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

/** The stage an approval record stands for; records without stage fields are the one ANY stage of their revision. */
export function stageOf(approval: Approval): { stage: number; stageName: string; rule: StageRule; stageCount: number } {
  return { stage: approval.stage ?? 0, stageName: approval.stageName ?? 'Approval', rule: approval.rule ?? 'ANY', stageCount: approval.stageCount ?? 1 };
}
