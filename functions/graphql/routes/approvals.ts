// GraphQL routes of staged approvals (issue 16): per-post review, every
// version of a campaign, and the tenant's approval policy. Spread into ROUTES.
import { z } from 'zod';
import { ApprovalPolicy as ApprovalPolicySchema, RoleName, type ApprovalPolicy } from '../../domain/approval-policy.ts';
import { PostContent } from '../../domain/post.ts';
import { PostVerdict } from '../../domain/stage-decision.ts';
import { StageRule } from '../../domain/stage-quorum.ts';
import { Email, Id } from '../../domain/vocabulary.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import { campaignVersions } from '../../use-cases/campaign-versions.ts';
import { decideAsApprover, decisionOfReviews } from '../../use-cases/approver-decision.ts';
import { approvalView, decisionView, postView } from '../campaign-view.ts';
import { APPROVERS, MARKETERS, requirePerson } from '../identity.ts';
import type { FieldContext, ResolverDeps, Route } from '../resolver.ts';

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const args = <S extends z.ZodRawShape>(shape: S, ctx: FieldContext) => parseOrThrow(z.object(shape), ctx.args, 'arguments');

const ReviewInput = z.object({
  postId: Id,
  verdict: PostVerdict,
  comment: optional(z.string().trim().max(2000)),
  content: optional(
    z.object({
      title: optional(z.string()),
      body: z.string(),
      subjectLines: optional(z.array(z.string())),
      callToAction: z.string(),
      hashtags: optional(z.array(z.string())),
    }),
  ),
});

const StageInput = z.object({ name: z.string(), rule: StageRule, people: optional(z.array(Email)), roles: optional(z.array(RoleName)) });
const PolicyInput = z.object({
  tier1: z.array(StageInput),
  tier2: z.array(StageInput),
  tier3: z.array(StageInput),
  roles: optional(z.array(z.object({ role: RoleName, people: z.array(Email) }))),
  autoApproveTier3: optional(z.boolean()),
});

function policyView(policy: ApprovalPolicy): Record<string, unknown> {
  const stages = (tier: '1' | '2' | '3') => policy.tiers[tier].map((s) => ({ name: s.name, rule: s.rule, people: s.people, roles: s.roles }));
  return {
    tier1: stages('1'),
    tier2: stages('2'),
    tier3: stages('3'),
    roles: Object.entries(policy.roles).map(([role, people]) => ({ role, people })),
    autoApproveTier3: policy.autoApproveTier3,
  };
}

export const APPROVAL_ROUTES: Readonly<Record<string, Route>> = {
  'Mutation.decidePost': async (deps: ResolverDeps, ctx) => {
    const person = requirePerson(ctx.caller, APPROVERS);
    const a = args({ campaignId: Id, reviews: z.array(ReviewInput).min(1).max(200), comment: optional(z.string().max(4000)), stage: optional(z.number().int().min(1)) }, ctx);
    const reviews = a.reviews.map((r) => ({
      postId: r.postId,
      verdict: r.verdict,
      ...(r.comment ? { comment: r.comment } : {}),
      ...(r.content ? { content: parseOrThrow(PostContent, r.content, `content of ${r.postId}`) } : {}),
    }));
    const approval = await decideAsApprover(deps, {
      tenantId: person.tenantId,
      campaignId: a.campaignId,
      approverEmail: person.email,
      decision: decisionOfReviews(reviews),
      posts: reviews,
      ...(a.comment ? { comment: a.comment } : {}),
      ...(a.stage ? { stage: a.stage } : {}),
      now: ctx.now,
    });
    return approvalView(approval);
  },
  'Query.campaignVersions': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const { campaignId } = args({ campaignId: Id }, ctx);
    const versions = await campaignVersions(deps, tenantId, campaignId);
    return (versions ?? []).map((v) => ({
      revision: v.revision,
      posts: v.posts.map(postView),
      approvals: v.approvals.map(approvalView),
      decisions: v.decisions.map(decisionView),
    }));
  },
  'Query.approvalPolicy': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const policy = await deps.policies.policyFor(tenantId);
    return policy ? policyView(policy) : null;
  },
  'Mutation.setApprovalPolicy': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller, MARKETERS);
    const { input } = args({ input: PolicyInput }, ctx);
    const policy = await deps.policies.put(
      tenantId,
      parseOrThrow(
        ApprovalPolicySchema,
        {
          tiers: { '1': input.tier1, '2': input.tier2, '3': input.tier3 },
          roles: Object.fromEntries((input.roles ?? []).map((r) => [r.role, r.people])),
          autoApproveTier3: input.autoApproveTier3 ?? false,
        },
        'approval policy',
      ),
      ctx.now,
    );
    return policyView(policy);
  },
};
