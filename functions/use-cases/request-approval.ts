// RequestApproval (the `.waitForTaskToken` task), once per approval stage:
// check there is something to approve, move the campaign GENERATING →
// AWAITING_APPROVAL (it stays there between stages), run the automated
// content checks, store the stage's approval record with the task token and
// the scorecard, and e-mail each of the stage's approvers personal signed
// links — or, when the tenant's policy auto-approves a clean Tier 3
// campaign, record that decision as `policy:auto` and resume at once. Idempotent: a retry or a resumed execution finds the same
// record (its ID derives from the revision), hands it the new task token and
// does not e-mail again once the approvers have been notified; links already
// sent keep working because they name the approval, not the token.
import type { ApprovalRepository } from '../data/approval-repository.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { PostVersionRepository } from '../data/post-version-repository.ts';
import type { StageDecisionRepository } from '../data/stage-decision-repository.ts';
import { stageOf, type Approval } from '../domain/approval.ts';
import { StageNotOpenError } from '../domain/approval-errors.ts';
import { AUTO_APPROVER, resolveStages, type ApprovalPolicy, type ResolvedStage } from '../domain/approval-policy.ts';
import type { Campaign } from '../domain/campaign.ts';
import { validatePost, type PostScorecard } from '../domain/content-validator.ts';
import { AlreadyExistsError, ApprovalClosedError, InvalidTransitionError } from '../domain/errors.ts';
import type { Post } from '../domain/post.ts';
import { CHANNEL_RULES } from '../knowledge/channel-rules.ts';
import type { ApprovalPolicies, ApproverDirectory } from '../ports/approval-policies.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { ReminderSchedules } from '../ports/reminder-schedules.ts';
import type { SigningKeys } from '../ports/signing-keys.ts';
import type { TaskCallbacks } from '../ports/task-callbacks.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';
import { approvalLinks, renderApprovalEmail } from '../approval/approval-email.ts';
import { approvalIdFor } from '../approval/approval-id.ts';
import { previewPosts, summarizeCampaign } from '../approval/approval-view.ts';
import { signApprovalToken } from '../approval/approval-token.ts';
import { scheduleApprovalReminders } from './approval-reminders.ts';
import { requireSomethingToApprove, summarizeGeneration } from './generation-summary.ts';
import type { RequestApprovalInput } from '../workflow/contracts.ts';
import { applyDecision } from './decide-approval.ts';
import { outcomeOf } from './deliver-decision.ts';

export interface RequestApprovalDeps {
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
  readonly decisions: StageDecisionRepository;
  readonly postVersions: PostVersionRepository;
  readonly policies: ApprovalPolicies;
  readonly directory: ApproverDirectory;
  readonly updates: CampaignUpdates;
  readonly mailer: Mailer;
  readonly keys: SigningKeys;
  readonly tasks: TaskCallbacks;
  /** `{APPROVAL_BASE_URL}/approvals/{jwt}` is what the links open. */
  readonly approvalBaseUrl: string;
  readonly windowSeconds: number;
  readonly now: () => Date;
  /** Reminders at 50 % and 90 % of the window (issue 17); scheduled before the e-mails, so a retry that finds them sent has them too. */
  readonly reminders?: ReminderSchedules;
}

export interface RequestApprovalResult {
  readonly approvalId: string;
  readonly expiresAt: string;
  /** True when an existing request was handed the new task token instead of being created. */
  readonly resumed: boolean;
  readonly emailed: number;
  /** True when the policy approved the stage itself (clean Tier 3 with auto-approval on). */
  readonly autoApproved?: boolean;
}

export async function requestApproval(deps: RequestApprovalDeps, input: RequestApprovalInput): Promise<RequestApprovalResult> {
  const { tenantId, campaignId, revision, taskToken } = input;
  const campaign = await deps.campaigns.require(tenantId, campaignId);
  const generation = await summarizeGeneration(deps.campaigns, tenantId, campaignId, revision);
  requireSomethingToApprove(generation, campaignId);
  const policy = await deps.policies.policyFor(tenantId);
  const stages = await resolveStages(policy, campaign.tier, campaign.brief.approvers, (role) => deps.directory.membersOf(tenantId, role));
  const stage = stages[input.stage ?? 0];
  if (!stage) throw new StageNotOpenError(`Campaign ${campaignId} has ${stages.length} approval stage(s); stage ${(input.stage ?? 0) + 1} does not exist`);
  const scorecard = scorePosts(generation.posts);
  const awaiting = await awaitApproval(deps, campaign);
  const approvalId = approvalIdFor(revision, stage.index);
  const { approval, resumed } = await storeApproval(deps, awaiting, { approvalId, revision, taskToken, stage, stageCount: stages.length, scorecard });

  if (approval.notifiedAt) return { approvalId, expiresAt: approval.expiresAt, resumed, emailed: 0 };
  if (approval.status === 'PENDING' && autoApproves(policy, campaign, scorecard)) {
    await applyDecision(deps, approval, {
      decision: 'APPROVED',
      decidedBy: AUTO_APPROVER,
      source: 'POLICY',
      comment: 'Approved by policy: a Tier 3 campaign whose automated checks all passed',
      checks: scorecard,
    });
    return { approvalId, expiresAt: approval.expiresAt, resumed, emailed: 0, autoApproved: true };
  }
  if (deps.reminders) await scheduleApprovalReminders(deps.reminders, approval, deps.now());
  const emailed = await notifyApprovers(deps, awaiting, approval, generation.posts);
  try {
    await deps.approvals.markNotified(tenantId, campaignId, approvalId, deps.now());
  } catch (error) {
    // Decided (e.g. through GraphQL) while the e-mails went out: the decider already handed the
    // outcome to the workflow, so this request's work is done.
    if (!(error instanceof ApprovalClosedError)) throw error;
  }
  return { approvalId, expiresAt: approval.expiresAt, resumed, emailed };
}

/** The automated checks on every drafted post: the scorecard approvers see. */
export function scorePosts(posts: readonly Post[]): PostScorecard[] {
  return posts.flatMap((post) => (post.status === 'GENERATED' && post.content ? [validatePost({ postId: post.postId, channel: post.channel, content: post.content }, CHANNEL_RULES[post.channel])] : []));
}

function autoApproves(policy: ApprovalPolicy | undefined, campaign: Campaign, scorecard: readonly PostScorecard[]): boolean {
  return policy?.autoApproveTier3 === true && campaign.tier === 3 && scorecard.length > 0 && scorecard.every((s) => s.passed);
}

/** GENERATING → AWAITING_APPROVAL, or already there (a retry, a resume). */
async function awaitApproval(deps: RequestApprovalDeps, campaign: Campaign): Promise<Campaign> {
  if (campaign.status === 'AWAITING_APPROVAL') return campaign;
  try {
    return await deps.updates.transition(deps.campaigns, campaign.tenantId, campaign.campaignId, {
      from: 'GENERATING',
      to: 'AWAITING_APPROVAL',
      now: deps.now(),
    });
  } catch (error) {
    // A concurrent attempt got there first.
    if (error instanceof InvalidTransitionError && error.from === 'AWAITING_APPROVAL') return campaign;
    throw error;
  }
}

interface StageRequest {
  readonly approvalId: string;
  readonly revision: number;
  readonly taskToken: string;
  readonly stage: ResolvedStage;
  readonly stageCount: number;
  readonly scorecard: PostScorecard[];
}

async function storeApproval(deps: RequestApprovalDeps, campaign: Campaign, request: StageRequest): Promise<{ approval: Approval; resumed: boolean }> {
  const { tenantId, campaignId } = campaign;
  const { approvalId, revision, taskToken, stage } = request;
  const now = deps.now();
  const fresh: Approval = {
    approvalId,
    tenantId,
    campaignId,
    approvers: [...stage.approvers],
    taskToken,
    status: 'PENDING',
    revision,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.windowSeconds * 1000).toISOString(),
    stage: stage.index,
    stageName: stage.name,
    rule: stage.rule,
    stageCount: request.stageCount,
    scorecard: request.scorecard,
  };
  const existing = await deps.approvals.get(tenantId, campaignId, approvalId);
  if (!existing) {
    try {
      await deps.approvals.create(fresh);
      return { approval: fresh, resumed: false };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }
  try {
    return { approval: await deps.approvals.resume(tenantId, campaignId, approvalId, taskToken), resumed: true };
  } catch (error) {
    if (!(error instanceof ApprovalClosedError)) throw error;
    const closed = error.approval;
    // Decided while the workflow was not waiting (the local runtime restarting):
    // the new wait gets the recorded outcome at once.
    const outcome = outcomeOf(closed);
    if (outcome) {
      await deps.tasks.succeed(taskToken, outcome);
      return { approval: { ...closed, notifiedAt: closed.notifiedAt ?? closed.decidedAt }, resumed: true };
    }
    throw error;
  }
}

async function notifyApprovers(deps: RequestApprovalDeps, campaign: Campaign, approval: Approval, posts: readonly Post[]): Promise<number> {
  const summary = summarizeCampaign(campaign);
  const previews = previewPosts(posts);
  const expiresAt = new Date(approval.expiresAt);
  // One message per approver: each link carries its approver, who is recorded as the decider.
  for (const approver of approval.approvers) {
    const token = await signApprovalToken(deps.keys, {
      approvalId: approval.approvalId,
      tenantId: approval.tenantId,
      campaignId: approval.campaignId,
      approver,
      expiresAt,
      now: deps.now(),
    });
    const { stage, stageName, stageCount } = stageOf(approval);
    const email = renderApprovalEmail({
      summary,
      posts: previews,
      links: approvalLinks(deps.approvalBaseUrl, token),
      expiresAt: approval.expiresAt,
      ...(stageCount > 1 ? { stage: `stage ${stage + 1} of ${stageCount}: ${stageName}` } : {}),
    });
    await deps.mailer.send({
      to: [approver],
      ...email,
      tags: { campaignId: approval.campaignId, tenantId: approval.tenantId, kind: 'approval-request' },
    });
  }
  return approval.approvers.length;
}
