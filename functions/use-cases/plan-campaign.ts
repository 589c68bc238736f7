// Plan: REQUESTED → PLANNING, ask the planner, validate (repairing or
// re-asking a bounded number of times), then store the plan with
// PLANNING → GENERATING and write its posts as PLANNED. Safe under Step
// Functions retries: a retry that finds PLANNING plans again; one that finds
// GENERATING with a plan returns the stored generation and writes any posts
// a crashed attempt left unwritten. The stored plan is the truth; the post
// items are derived from it.
import type { Campaign } from '../domain/campaign.ts';
import { InvalidPlanError, InvalidTransitionError } from '../domain/errors.ts';
import type { Plan } from '../domain/plan.ts';
import type { Post } from '../domain/post.ts';
import type { AgentSession } from '../ports/agent.ts';
import { logger } from '../shared/observability.ts';
import type { CampaignRef, Generation } from '../workflow/contracts.ts';
import type { AgentDependencies } from './build-dependencies.ts';
import { checkPlan } from './plan-validation.ts';

/** Times the planner is asked again after an invalid plan. */
export const PLAN_REASKS = 2;

export async function planCampaign(deps: AgentDependencies, ref: CampaignRef): Promise<Generation> {
  let campaign = await deps.campaigns.require(ref.tenantId, ref.campaignId);
  if (campaign.status === 'REQUESTED') campaign = await move(deps, campaign, 'REQUESTED', 'PLANNING');
  if (campaign.status === 'PLANNING') {
    const plan = await askForPlan(deps, campaign);
    campaign = await move(deps, campaign, 'PLANNING', 'GENERATING', plan);
  }
  if (campaign.status === 'GENERATING' && campaign.plan) {
    await writeMissingPosts(deps, campaign, campaign.plan);
    return { postIds: campaign.plan.posts.map((p) => p.postId), revision: campaign.revision, guidance: null };
  }
  throw new InvalidTransitionError(campaign.status, 'PLANNING', 'the campaign is past planning');
}

/** The transition, or — when another attempt got there first — the campaign as that attempt left it. */
async function move(deps: AgentDependencies, campaign: Campaign, from: Campaign['status'], to: Campaign['status'], plan?: Plan): Promise<Campaign> {
  try {
    return await deps.updates.transition(deps.campaigns, campaign.tenantId, campaign.campaignId, {
      from,
      to,
      now: deps.now(),
      ...(plan ? { patch: { plan } } : {}),
    });
  } catch (error) {
    if (!(error instanceof InvalidTransitionError)) throw error;
    return deps.campaigns.require(campaign.tenantId, campaign.campaignId);
  }
}

async function askForPlan(deps: AgentDependencies, campaign: Campaign): Promise<Plan> {
  const session: AgentSession = { tenantId: campaign.tenantId, campaignId: campaign.campaignId };
  let corrections: readonly string[] = [];
  for (let attempt = 0; attempt <= PLAN_REASKS; attempt++) {
    const reply = await deps.agent.planCampaign({ session, campaign, corrections });
    const check = checkPlan(reply.text, campaign.brief);
    if (check.ok) {
      if (check.repairs.length > 0) logger.info('Planner output repaired', { repairs: check.repairs });
      return check.plan;
    }
    logger.warn('Planner output invalid', { attempt, errors: check.errors });
    corrections = check.errors;
  }
  throw new InvalidPlanError(`The planner returned no valid plan in ${PLAN_REASKS + 1} attempts: ${corrections.slice(0, 5).join('; ')}`);
}

async function writeMissingPosts(deps: AgentDependencies, campaign: Campaign, plan: Plan): Promise<void> {
  const existing = new Set((await deps.campaigns.listPosts(campaign.tenantId, campaign.campaignId)).map((p) => p.postId));
  const updatedAt = deps.now().toISOString();
  const missing: Post[] = plan.posts
    .filter((p) => !existing.has(p.postId))
    .map((p) => ({ ...p, campaignId: campaign.campaignId, status: 'PLANNED', citations: [], revision: campaign.revision, updatedAt }));
  if (missing.length > 0) await deps.campaigns.putPosts(campaign.tenantId, campaign.campaignId, missing);
}
