// SyncToWorkfront: an approved campaign becomes a Workfront project with one
// task per generated post, and the campaign records where they are.
// Idempotent by construction, because Step Functions retries this step: the
// project and tasks carry MCC's IDs in `extRefID`, so a retry finds what an
// earlier attempt created instead of creating it twice, and a campaign
// already SYNCING (a retry) simply carries on.
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { Campaign } from '../domain/campaign.ts';
import { InvalidTransitionError } from '../domain/errors.ts';
import type { Post } from '../domain/post.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';
import { logger } from '../shared/observability.ts';
import type { SyncOutput } from '../workflow/contracts.ts';
import type { WorkfrontClient } from '../workfront/client.ts';
import type { WorkfrontObject } from '../workfront/envelopes.ts';

export interface SyncDeps {
  readonly repo: CampaignRepository;
  readonly updates: CampaignUpdates;
  readonly workfront: WorkfrontClient;
  readonly now: () => Date;
}

/** Workfront caps search results at 2,000; a campaign has at most 200 posts. */
const TASK_SEARCH_LIMIT = 2000;

export async function syncToWorkfront(deps: SyncDeps, input: { tenantId: string; campaignId: string }): Promise<SyncOutput> {
  const { repo, updates, workfront } = deps;
  const { tenantId, campaignId } = input;
  let campaign = await repo.require(tenantId, campaignId);
  if (campaign.status === 'SYNCED' && campaign.workfrontProjectId && campaign.workfrontUrl) {
    return { workfrontProjectId: campaign.workfrontProjectId, workfrontUrl: campaign.workfrontUrl };
  }
  if (campaign.status === 'APPROVED') {
    campaign = await updates.transition(repo, tenantId, campaignId, { from: 'APPROVED', to: 'SYNCING', now: deps.now() });
  } else if (campaign.status !== 'SYNCING') {
    throw new InvalidTransitionError(campaign.status, 'SYNCING', 'only an approved campaign is synced to Workfront');
  }

  const project = await ensureProject(deps, campaign);
  const projectUrl = workfront.objectUrl('PROJ', project.ID);
  await ensureLink(deps, tenantId, { objCode: 'PROJ', objId: project.ID, campaignId, url: projectUrl, status: project.status });

  const posts = (await repo.listPosts(tenantId, campaignId)).filter((p) => p.status === 'GENERATED');
  const existing = await workfront.search('TASK', { projectID: project.ID }, TASK_SEARCH_LIMIT);
  const byRef = new Map(existing.filter((t) => t.extRefID).map((t) => [t.extRefID, t]));
  // One at a time: Workfront allows each customer only a few concurrent API threads.
  for (const post of posts) {
    const task = byRef.get(post.postId) ?? (await workfront.createTask(taskFields(post, project.ID)));
    await ensureLink(deps, tenantId, {
      objCode: 'TASK',
      objId: task.ID,
      campaignId,
      postId: post.postId,
      url: workfront.objectUrl('TASK', task.ID),
      status: task.status,
    });
  }

  await updates.transition(repo, tenantId, campaignId, {
    from: 'SYNCING',
    to: 'SYNCED',
    now: deps.now(),
    patch: { workfrontProjectId: project.ID, workfrontUrl: projectUrl },
  });
  logger.info('Campaign synced to Workfront', { projectId: project.ID, tasks: posts.length });
  return { workfrontProjectId: project.ID, workfrontUrl: projectUrl };
}

/**
 * The campaign's project: one already linked to this tenant's campaign, else
 * one an interrupted attempt created (found by extRefID, not linked yet),
 * else a new one.
 */
async function ensureProject({ workfront, repo }: SyncDeps, campaign: Campaign): Promise<WorkfrontObject> {
  const candidates = await workfront.findAllByExtRefId('PROJ', campaign.campaignId);
  for (const candidate of candidates) {
    const owned = await repo.findWorkfrontLink(campaign.tenantId, 'PROJ', candidate.ID);
    if (owned?.campaignId === campaign.campaignId) return candidate;
  }
  return candidates[0] ?? (await workfront.createProject(projectFields(campaign)));
}

/** Workfront project fields for a campaign; dates are calendar days in the instance's time zone. */
export function projectFields(campaign: Campaign): Record<string, string> {
  const { brief } = campaign;
  return {
    name: clip(brief.name, 255),
    description: clip(
      [brief.objective, `Audience: ${brief.audience}`, `Tier ${campaign.tier} (${campaign.approvalLevel} approval)`, `Channels: ${brief.channels.join(', ')}`].join('\n'),
      4000,
    ),
    plannedStartDate: brief.launchDate,
    plannedCompletionDate: brief.endDate,
    extRefID: campaign.campaignId,
  };
}

export function taskFields(post: Post, projectID: string): Record<string, string> {
  const title = post.content?.title ?? post.brief;
  return {
    name: clip(`${post.channel}: ${title}`, 255),
    // An approver's edit is what gets published, and Workfront says whose text it is.
    description: clip([post.brief, post.editedBy ? `Edited in review by ${post.editedBy} at ${post.editedAt ?? 'an unknown time'}` : '', post.content?.body].filter(Boolean).join('\n\n'), 4000),
    projectID,
    plannedStartDate: post.publishDate,
    plannedCompletionDate: post.publishDate,
    extRefID: post.postId,
  };
}

/** Links are written once: a retry must not overwrite a status a webhook has since recorded. */
async function ensureLink(
  { repo, now }: SyncDeps,
  tenantId: string,
  link: { objCode: 'PROJ' | 'TASK'; objId: string; campaignId: string; postId?: string; url: string; status?: string | undefined },
): Promise<void> {
  if (await repo.findWorkfrontLink(tenantId, link.objCode, link.objId)) return;
  await repo.putWorkfrontLink(tenantId, {
    objCode: link.objCode,
    objId: link.objId,
    campaignId: link.campaignId,
    ...(link.postId ? { postId: link.postId } : {}),
    url: link.url,
    ...(link.status ? { status: clip(link.status, 32) } : {}),
    updatedAt: now().toISOString(),
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
