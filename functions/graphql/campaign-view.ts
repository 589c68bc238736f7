// Domain objects → the GraphQL types in schema/schema.graphql. The API keeps
// the field names a frontend already uses: `targetAudience` is the brief's
// audience, `description` is the plan's summary once planned and the brief's
// objective until then, `tier` is the number. The task token of an approval
// never leaves the backend.
import { stageOf, type Approval } from '../domain/approval.ts';
import type { StageDecision } from '../domain/stage-decision.ts';
import type { ConversationMessage } from '../domain/conversation.ts';
import type { Post } from '../domain/post.ts';
import type { CampaignUpdatedDetail } from '../shared/campaign-updates.ts';
import type { CampaignDetails } from '../use-cases/get-campaign.ts';

export function campaignView({ campaign: c, posts, approval }: CampaignDetails): Record<string, unknown> {
  return {
    campaignId: c.campaignId,
    name: c.brief.name,
    type: c.brief.type,
    tier: c.tier,
    status: c.status,
    description: c.plan?.summary ?? c.brief.objective,
    targetAudience: c.brief.audience,
    objective: c.brief.objective,
    workfrontProjectId: c.workfrontProjectId ?? null,
    workfrontUrl: c.workfrontUrl ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    statusReason: c.statusReason ?? null,
    tierReasons: c.tierReasons,
    approvalLevel: c.approvalLevel,
    budget: c.brief.budget,
    channels: c.brief.channels,
    launchDate: c.brief.launchDate,
    endDate: c.brief.endDate,
    approvers: c.brief.approvers,
    requestedBy: c.brief.requestedBy,
    revision: c.revision,
    plan: c.plan ?? null,
    posts: posts ? posts.map(postView) : null,
    approval: approval ? approvalView(approval) : null,
    history: c.history.map((h) => ({ status: h.status, at: h.at, reason: h.reason ?? null })),
  };
}

export function postView(p: Post): Record<string, unknown> {
  return {
    postId: p.postId,
    channel: p.channel,
    publishDate: p.publishDate,
    brief: p.brief,
    status: p.status,
    content: p.content ?? null,
    citations: p.citations,
    failureReason: p.failureReason ?? null,
    revision: p.revision,
    editedBy: p.editedBy ?? null,
    editedAt: p.editedAt ?? null,
  };
}

export function approvalView(a: Approval): Record<string, unknown> {
  return {
    approvalId: a.approvalId,
    status: a.status,
    revision: a.revision,
    approvers: a.approvers,
    createdAt: a.createdAt,
    expiresAt: a.expiresAt,
    decision: a.decision ?? null,
    decidedBy: a.decidedBy ?? null,
    decidedAt: a.decidedAt ?? null,
    comment: a.comment ?? null,
    // approvals (issue 16): stages are 1-based in the API, as people count them.
    ...(({ stage, stageName, rule, stageCount }) => ({ stage: stage + 1, stageName, rule, stageCount }))(stageOf(a)),
    rejectedPostIds: a.rejectedPostIds ?? [],
    scorecard: a.scorecard ?? [],
  };
}

export function decisionView(d: StageDecision): Record<string, unknown> {
  return {
    approvalId: d.approvalId,
    revision: d.revision,
    stage: d.stage + 1,
    approver: d.approver,
    decision: d.decision,
    comment: d.comment ?? null,
    decidedAt: d.decidedAt,
    source: d.source,
    posts: d.posts.map((p) => ({ postId: p.postId, verdict: p.verdict, comment: p.comment ?? null })),
    checks: d.checks ?? null,
  };
}

export function messageView(m: ConversationMessage): Record<string, unknown> {
  return { messageId: m.messageId, role: m.role, content: m.content, citations: m.citations, createdAt: m.createdAt };
}

export function updateView(u: CampaignUpdatedDetail): Record<string, unknown> {
  return {
    tenantId: u.tenantId,
    campaignId: u.campaignId,
    status: u.status,
    statusReason: u.statusReason ?? null,
    revision: u.revision,
    workfrontProjectId: u.workfrontProjectId ?? null,
    updatedAt: u.updatedAt,
  };
}
