// SyncToWorkfront: an approved campaign becomes a Workfront project with one
// task per generated post, and the campaign records where they are.
// Idempotent by construction, because Step Functions retries this step: the
// project and tasks carry MCC's IDs in `extRefID`, so a retry finds what an
// earlier attempt created instead of creating it twice, and a campaign
// already SYNCING (a retry) simply carries on.
// Execution (issue 15): the Workfront tasks are the campaign's execution
// tasks — planned dates, the assignee's Workfront user as `assignments:
// [{ assignedToID }]`, finish-start `predecessors` with their lag — created in
// dependency order so each predecessor's Workfront ID is known. A post's
// publish task keeps the post ID as its extRefID.
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { Campaign } from '../domain/campaign.ts';
import { InvalidTransitionError } from '../domain/errors.ts';
import type { Post } from '../domain/post.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';
import { logger } from '../shared/observability.ts';
import type { SyncOutput } from '../workflow/contracts.ts';
import type { WorkfrontClient } from '../workfront/client.ts';
import type { WorkfrontObject } from '../workfront/envelopes.ts';
import type { ExecutionRepository } from '../data/execution-repository.ts';
import type { TeamRepository } from '../data/team-repository.ts';
import { planExecution } from './execution/plan-execution.ts';
import { workfrontTaskFields, workfrontTaskRef, syncOrder } from './execution/workfront-task-fields.ts';

export interface SyncDeps {
  readonly repo: CampaignRepository;
  readonly updates: CampaignUpdates;
  readonly workfront: WorkfrontClient;
  readonly now: () => Date;
  // execution (issue 15)
  readonly execution: ExecutionRepository;
  readonly team: TeamRepository;
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

  const posts = new Map((await repo.listPosts(tenantId, campaignId)).filter((p) => p.status === 'GENERATED').map((p) => [p.postId, p]));
  const tasks = await executionTasks(deps, campaign);
  const members = new Map((await deps.team.list(tenantId)).map((m) => [m.memberId, m]));
  const existing = await workfront.search('TASK', { projectID: project.ID }, TASK_SEARCH_LIMIT);
  const byRef = new Map(existing.filter((t) => t.extRefID).map((t) => [t.extRefID, t]));
  const workfrontIds = new Map<string, string>();
  // One at a time, predecessors first: Workfront allows each customer only a few concurrent API threads.
  for (const task of syncOrder(tasks)) {
    const post = task.postId ? posts.get(task.postId) : undefined;
    // A post that failed to generate has no work to track.
    if (task.postId && !post) continue;
    const ref = workfrontTaskRef(task);
    const fields = workfrontTaskFields(task, { projectID: project.ID, post, assignee: task.assigneeId ? members.get(task.assigneeId) : undefined, workfrontIds });
    const created = byRef.get(ref) ?? (await workfront.createTask(fields));
    workfrontIds.set(task.taskId, created.ID);
    await ensureLink(deps, tenantId, {
      objCode: 'TASK',
      objId: created.ID,
      campaignId,
      ...(post && ref === post.postId ? { postId: post.postId } : {}),
      taskId: task.taskId,
      url: workfront.objectUrl('TASK', created.ID),
      status: created.status,
    });
    if (task.workfrontTaskId !== created.ID) await deps.execution.setWorkfrontTaskId(tenantId, campaignId, task.taskId, created.ID);
  }

  await updates.transition(repo, tenantId, campaignId, {
    from: 'SYNCING',
    to: 'SYNCED',
    now: deps.now(),
    patch: { workfrontProjectId: project.ID, workfrontUrl: projectUrl },
  });
  logger.info('Campaign synced to Workfront', { projectId: project.ID, tasks: workfrontIds.size });
  return { workfrontProjectId: project.ID, workfrontUrl: projectUrl };
}

/** The execution plan of this revision of the campaign, planned now if it is missing or older. */
async function executionTasks(deps: SyncDeps, campaign: Campaign) {
  const timeline = await deps.execution.getTimeline(campaign.tenantId, campaign.campaignId);
  if (timeline && timeline.revision === campaign.revision) return deps.execution.listTasks(campaign.tenantId, campaign.campaignId);
  const planned = await planExecution({ campaigns: deps.repo, execution: deps.execution, team: deps.team, now: deps.now }, campaign);
  return planned.tasks;
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
  link: { objCode: 'PROJ' | 'TASK'; objId: string; campaignId: string; postId?: string; taskId?: string; url: string; status?: string | undefined },
): Promise<void> {
  if (await repo.findWorkfrontLink(tenantId, link.objCode, link.objId)) return;
  await repo.putWorkfrontLink(tenantId, {
    objCode: link.objCode,
    objId: link.objId,
    campaignId: link.campaignId,
    ...(link.postId ? { postId: link.postId } : {}),
    ...(link.taskId ? { taskId: link.taskId } : {}),
    url: link.url,
    ...(link.status ? { status: clip(link.status, 32) } : {}),
    updatedAt: now().toISOString(),
  });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
