// What the Bedrock agent's action groups can do, for one tenant at a time:
// look campaigns up, and create or inspect their Workfront project and tasks.
// The tenant always comes from the caller (session attributes), never from the
// model's parameters, and every look-up is keyed by it; a Workfront object is
// only reported when this tenant's own link names it.
import { z } from 'zod';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { Campaign } from '../domain/campaign.ts';
import { CampaignStatus } from '../domain/campaign-status.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { CalendarDate, Id } from '../domain/vocabulary.ts';
import type { WorkfrontClient } from '../workfront/client.ts';
import type { WorkfrontObject } from '../workfront/envelopes.ts';
import { projectFields } from './sync-to-workfront.ts';

export interface AgentDeps {
  readonly repo: CampaignRepository;
  readonly workfront: WorkfrontClient;
  readonly now: () => Date;
}

const CampaignIdArgs = z.object({ campaignId: Id });
const ListArgs = z.object({
  status: CampaignStatus.optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
  cursor: z.string().max(2048).optional(),
});
const TaskArgs = z.object({
  campaignId: Id,
  name: z.string().trim().min(1).max(255),
  description: z.string().max(4000).optional(),
  plannedDate: CalendarDate.optional(),
});

export type AgentFunction = (deps: AgentDeps, tenantId: string, args: Record<string, string>) => Promise<unknown>;

export const AGENT_FUNCTIONS: Record<string, AgentFunction> = {
  async getCampaign({ repo }, tenantId, args) {
    const { campaignId } = parseOrThrow(CampaignIdArgs, args, 'getCampaign parameters');
    return summary(await repo.require(tenantId, campaignId));
  },

  async listCampaigns({ repo }, tenantId, args) {
    const { status, limit, cursor } = parseOrThrow(ListArgs, args, 'listCampaigns parameters');
    const page = await repo.list(tenantId, { ...(status ? { status } : {}), limit: limit ?? 10, ...(cursor ? { cursor } : {}) });
    return { campaigns: page.items.map(summary), ...(page.cursor ? { cursor: page.cursor } : {}) };
  },

  async getWorkfrontProjectStatus(deps, tenantId, args) {
    const { campaignId } = parseOrThrow(CampaignIdArgs, args, 'getWorkfrontProjectStatus parameters');
    const campaign = await deps.repo.require(tenantId, campaignId);
    const projectId = await linkedProjectId(deps, campaign);
    if (!projectId) throw new NotFoundError('Workfront project for campaign', campaignId);
    const project = await deps.workfront.getProject(projectId);
    return projectView(deps, project);
  },

  async createWorkfrontProject(deps, tenantId, args) {
    const { campaignId } = parseOrThrow(CampaignIdArgs, args, 'createWorkfrontProject parameters');
    const campaign = await deps.repo.require(tenantId, campaignId);
    const existing = await linkedProjectId(deps, campaign);
    if (existing) return { ...projectView(deps, await deps.workfront.getProject(existing)), created: false };
    const project = await deps.workfront.createProject(projectFields(campaign));
    await link(deps, tenantId, { objCode: 'PROJ', objId: project.ID, campaignId, status: project.status });
    return { ...projectView(deps, project), created: true };
  },

  async createWorkfrontTask(deps, tenantId, args) {
    const input = parseOrThrow(TaskArgs, args, 'createWorkfrontTask parameters');
    const campaign = await deps.repo.require(tenantId, input.campaignId);
    const projectId = await linkedProjectId(deps, campaign);
    if (!projectId) {
      throw new ValidationError('createWorkfrontTask parameters', [
        { field: 'campaignId', message: 'the campaign has no Workfront project yet; create the project first' },
      ]);
    }
    const task = await deps.workfront.createTask({
      name: input.name,
      projectID: projectId,
      ...(input.description ? { description: input.description } : {}),
      ...(input.plannedDate ? { plannedStartDate: input.plannedDate, plannedCompletionDate: input.plannedDate } : {}),
    });
    await link(deps, tenantId, { objCode: 'TASK', objId: task.ID, campaignId: campaign.campaignId, status: task.status });
    return { taskId: task.ID, name: task.name, status: task.status, projectId, url: deps.workfront.objectUrl('TASK', task.ID) };
  },
};

/** The campaign's project, as this tenant knows it: from the campaign, or found by extRefID and linked here. */
async function linkedProjectId({ repo, workfront }: AgentDeps, campaign: Campaign): Promise<string | undefined> {
  if (campaign.workfrontProjectId) return campaign.workfrontProjectId;
  // Campaign IDs are unique per tenant only: of the projects carrying this
  // extRefID, only one linked to this tenant's campaign counts.
  for (const found of await workfront.findAllByExtRefId('PROJ', campaign.campaignId)) {
    const owned = await repo.findWorkfrontLink(campaign.tenantId, 'PROJ', found.ID);
    if (owned?.campaignId === campaign.campaignId) return found.ID;
  }
  return undefined;
}

async function link(
  { repo, workfront, now }: AgentDeps,
  tenantId: string,
  l: { objCode: 'PROJ' | 'TASK'; objId: string; campaignId: string; status?: string | undefined },
): Promise<void> {
  await repo.putWorkfrontLink(tenantId, {
    objCode: l.objCode,
    objId: l.objId,
    campaignId: l.campaignId,
    url: workfront.objectUrl(l.objCode, l.objId),
    ...(l.status ? { status: l.status.slice(0, 32) } : {}),
    updatedAt: now().toISOString(),
  });
}

function projectView({ workfront }: AgentDeps, project: WorkfrontObject) {
  return {
    projectId: project.ID,
    name: project.name,
    status: project.status,
    plannedStartDate: project.plannedStartDate ?? undefined,
    plannedCompletionDate: project.plannedCompletionDate ?? undefined,
    url: workfront.objectUrl('PROJ', project.ID),
  };
}

function summary(c: Campaign) {
  return {
    campaignId: c.campaignId,
    name: c.brief.name,
    type: c.brief.type,
    status: c.status,
    ...(c.statusReason ? { statusReason: c.statusReason } : {}),
    tier: c.tier,
    launchDate: c.brief.launchDate,
    endDate: c.brief.endDate,
    channels: c.brief.channels,
    ...(c.workfrontProjectId ? { workfrontProjectId: c.workfrontProjectId, workfrontUrl: c.workfrontUrl } : {}),
    updatedAt: c.updatedAt,
  };
}
