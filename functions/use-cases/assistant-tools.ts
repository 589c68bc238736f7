// The assistant's tools over the use cases, bound to the session's tenant and
// user. GraphQL, MCP, the Bedrock action group and the local assistant all
// reach campaigns through the same use cases: one implementation of "create a
// campaign", one of "classify".
import type { CampaignRepository } from '../data/campaign-repository.ts';
import { campaignIdForAction } from '../domain/agent-action.ts';
import type { Agent } from '../ports/agent.ts';
import type { AssistantTools, WorkfrontProjectStatus } from '../ports/assistant-tools.ts';
import { classifyCampaign } from './classify-campaign.ts';
import { createCampaign, type BuildRequests } from './create-campaign.ts';
import { findCampaigns } from './find-campaigns.ts';
import { searchPlaybooks } from './search-playbooks.ts';

export interface AssistantToolDeps {
  readonly campaigns: CampaignRepository;
  readonly knowledge: Pick<Agent, 'retrieve'>;
  readonly builds: BuildRequests;
  /** Live Workfront look-up, where the function holds Workfront credentials. */
  readonly workfrontProject?: (tenantId: string, campaignId: string) => Promise<WorkfrontProjectStatus | undefined>;
  readonly now: () => Date;
}

export interface ToolSession {
  readonly tenantId: string;
  readonly userEmail?: string;
}

export function assistantTools(deps: AssistantToolDeps, session: ToolSession): AssistantTools {
  const { tenantId } = session;
  return {
    classifyCampaign: (input) => classifyCampaign({ ...input, now: deps.now() }),
    searchPlaybooks: (request) => searchPlaybooks(deps.knowledge, request),
    findCampaigns: (request) => findCampaigns(deps.campaigns, { tenantId, ...request }),
    getCampaign: (campaignId) => deps.campaigns.get(tenantId, campaignId),
    async getWorkfrontProjectStatus(campaignId) {
      if (deps.workfrontProject) return deps.workfrontProject(tenantId, campaignId);
      const campaign = await deps.campaigns.get(tenantId, campaignId);
      if (!campaign?.workfrontProjectId) return undefined;
      return { projectId: campaign.workfrontProjectId, name: campaign.brief.name, status: campaign.status, url: campaign.workfrontUrl ?? '' };
    },
    createCampaign: (actionId, brief) =>
      createCampaign(deps.builds, {
        tenantId,
        input: brief,
        ...(session.userEmail ? { callerEmail: session.userEmail } : {}),
        now: deps.now(),
        newId: () => campaignIdForAction(actionId),
      }),
  };
}
