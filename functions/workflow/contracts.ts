// What flows through the CampaignBuild state machine: the input each Task
// state hands its Lambda and what the Lambda returns. The CDK definition
// (lib/) builds its Parameters and ResultPaths from these names; handlers
// parse their input with these schemas. Change both together.
//
// State data, as the execution goes:
//   $              = ExecutionInput                 (from the EventBridge rule's input transformer)
//   $.campaign     = SaveOutput                     (Save)
//   $.generation   = Generation                     (Plan, then Revise after a rejection)
//   $.stage        = ApprovalStage                  (StartApproval, then NextStage after a stage passes)
//   $.approval     = ApprovalOutcome                (RequestApproval's SendTaskSuccess output)
//   $.revision     = ReviseOutput                   (Revise)
//   $.workfront    = SyncOutput                     (SyncToWorkfront)
//   $.error        = StepError                      (any Catch)
import { z } from 'zod';
import { Decision } from '../domain/approval.ts';
import { MAX_STAGES } from '../domain/approval-policy.ts';
import { PostStatus } from '../domain/post.ts';
import { Id, TenantId } from '../domain/vocabulary.ts';

/** Names of the state machine's states, shared by the CDK definition, the tests and the local runtime's logs. */
export const STATE = {
  save: 'Save',
  alreadyBuilt: 'AlreadyBuilt',
  plan: 'Plan',
  generate: 'Generate',
  generatePost: 'GeneratePost',
  recordPostFailure: 'RecordPostFailure',
  requestApproval: 'RequestApproval',
  decision: 'Decision',
  revise: 'Revise',
  syncToWorkfront: 'SyncToWorkfront',
  markExpired: 'MarkExpired',
  markFailed: 'MarkFailed',
} as const;

/** The event contract: source and detail-type that start a build, on the `mcc` bus. */
export const BUILD_REQUESTED = { source: 'mcc.campaigns', detailType: 'Campaign Build Requested' } as const;
/** Published after every status change; drives the GraphQL subscription. */
export const CAMPAIGN_UPDATED = { source: 'mcc.campaigns', detailType: 'Campaign Updated' } as const;
/** Published by the Workfront webhook after it changed what MCC knows about a Workfront object. */
export const WORKFRONT_OBJECT_UPDATED = { source: 'mcc.workfront', detailType: 'Workfront Object Updated' } as const;

/** The rule's input transformer passes the event ID (for idempotency) and the untouched detail. */
export const ExecutionInput = z.object({
  eventId: z.string().min(1).max(128),
  detail: z.unknown(),
});
export type ExecutionInput = z.infer<typeof ExecutionInput>;

/**
 * Save's payload: the execution input plus the execution's own ID, so Save can
 * tell its own earlier attempt (a retry) from another execution started by a
 * redelivered event. Without it, only the event ID is compared.
 */
export const SaveInput = ExecutionInput.extend({ executionId: z.string().min(1).max(2048).optional() });
export type SaveInput = z.infer<typeof SaveInput>;

/** `detail` of a Campaign Build Requested event; the brief is checked by parseBrief for field-named errors. */
export const BuildRequestedDetail = z.strictObject({
  tenantId: TenantId,
  campaignId: Id.optional(),
  brief: z.unknown(),
});
export type BuildRequestedDetail = z.infer<typeof BuildRequestedDetail>;

export const CampaignRef = z.object({ tenantId: TenantId, campaignId: Id });
export type CampaignRef = z.infer<typeof CampaignRef>;

export const SaveOutput = CampaignRef.extend({ duplicate: z.boolean() });
export type SaveOutput = z.infer<typeof SaveOutput>;

/** Which posts to (re)generate, for which revision, and the reviewer's guidance on a revision. */
export const Generation = z.object({
  postIds: z.array(Id).min(1).max(200),
  revision: z.number().int().min(0),
  guidance: z.string().max(4000).nullable(),
});
export type Generation = z.infer<typeof Generation>;

export const PlanInput = CampaignRef;
export const PlanOutput = Generation;

/** One Map iteration. */
export const GeneratePostInput = CampaignRef.extend({
  postId: Id,
  revision: z.number().int().min(0),
  guidance: z.string().max(4000).nullable(),
});
export type GeneratePostInput = z.infer<typeof GeneratePostInput>;
export const GeneratePostOutput = z.object({ postId: Id, status: PostStatus });
export type GeneratePostOutput = z.infer<typeof GeneratePostOutput>;

/** What a Catch puts at its ResultPath: Step Functions' own error shape. */
export const StepError = z.object({ Error: z.string(), Cause: z.string().optional() });
export type StepError = z.infer<typeof StepError>;

/** The per-item Catch: the post is stored FAILED with the reason and the other posts carry on. */
export const RecordPostFailureInput = GeneratePostInput.extend({ error: StepError });

/** Which approval stage runs: 0 after every generation round, the outcome's nextStage after a stage passes. */
export const ApprovalStage = z.object({ index: z.number().int().min(0).max(MAX_STAGES - 1) });

/** The callback task's payload; the token stays server-side, in the approval record. */
export const RequestApprovalInput = CampaignRef.extend({
  revision: z.number().int().min(0),
  /** Absent from executions started before stages existed: the first stage. */
  stage: z.number().int().min(0).max(MAX_STAGES - 1).optional(),
  taskToken: z.string().min(1).max(1024),
});
export type RequestApprovalInput = z.infer<typeof RequestApprovalInput>;

/** The output the approval callback sends with SendTaskSuccess. */
export const ApprovalOutcome = z.object({
  decision: Decision,
  comment: z.string().max(4000).optional(),
  decidedBy: z.string().min(1).max(254),
  decidedAt: z.iso.datetime(),
  // --- approvals (issue 16)
  /** Present when the stage passed and another follows: the workflow asks that stage next. */
  nextStage: z.number().int().min(1).max(MAX_STAGES - 1).optional(),
  /** On a rejection: the posts reviewers rejected; a revision regenerates only these (all posts when empty). */
  rejectedPostIds: z.array(Id).max(200).optional(),
});
export type ApprovalOutcome = z.infer<typeof ApprovalOutcome>;

/** After a rejection: revise (back to Generate with the comment as guidance) while revisions remain. */
export const ReviseInput = CampaignRef.extend({ approval: ApprovalOutcome, generation: Generation });
export const ReviseOutput = z.object({ revise: z.boolean(), generation: Generation });
export type ReviseOutput = z.infer<typeof ReviseOutput>;

export const ExpireInput = CampaignRef.extend({ revision: z.number().int().min(0), stage: z.number().int().min(0).max(MAX_STAGES - 1).optional() });

export const SyncInput = CampaignRef;
export const SyncOutput = z.object({ workfrontProjectId: z.string().min(1), workfrontUrl: z.url() });
export type SyncOutput = z.infer<typeof SyncOutput>;

export const MarkFailedInput = CampaignRef.extend({ error: StepError });

/** What MarkFailed returns: the campaign's status afterwards (null when there is no such campaign). */
export const MarkFailedOutput = z.object({ campaignId: Id, status: z.string().nullable() });

/**
 * The campaign-outcome Lambda serves three states; each state's Parameters add
 * its `action` to the contract input above.
 */
export const CampaignOutcomeInput = z.discriminatedUnion('action', [
  RecordPostFailureInput.extend({ action: z.literal('recordPostFailure') }),
  ReviseInput.extend({ action: z.literal('revise') }),
  MarkFailedInput.extend({ action: z.literal('markFailed') }),
]);
export type CampaignOutcomeInput = z.infer<typeof CampaignOutcomeInput>;
