// The assistant's tools for the eval: classification and playbook search are
// the real use cases over knowledge-content/; campaigns live in memory (the
// eval measures the assistant's conversation, not DynamoDB), created with the
// same brief rules and domain constructor as the createCampaign use case.
import { LocalAgent } from '../../functions/adapters/local-agent/local-agent.ts';
import { campaignIdForAction } from '../../functions/domain/agent-action.ts';
import { newCampaign, type Campaign } from '../../functions/domain/campaign.ts';
import { DirectoryKnowledgeSource } from '../../functions/knowledge/directory-knowledge-source.ts';
import type { AssistantTools } from '../../functions/ports/assistant-tools.ts';
import { classifyCampaign } from '../../functions/use-cases/classify-campaign.ts';
import { briefFromInput } from '../../functions/use-cases/create-campaign.ts';
import { searchPlaybooks } from '../../functions/use-cases/search-playbooks.ts';
import { KNOWLEDGE_ROOT } from '../support/knowledge-bucket.ts';

export const knowledge = new LocalAgent(new DirectoryKnowledgeSource(KNOWLEDGE_ROOT));

export interface EvalWorld {
  readonly campaigns: Campaign[];
  readonly tools: (tenantId: string, userEmail: string) => AssistantTools;
}

export function evalWorld(now: () => Date, seed: Campaign[] = []): EvalWorld {
  const campaigns = [...seed];
  return {
    campaigns,
    tools: (tenantId, userEmail) => {
      const mine = () => campaigns.filter((c) => c.tenantId === tenantId).reverse();
      return {
        classifyCampaign: (input) => classifyCampaign({ ...input, now: now() }),
        searchPlaybooks: (request) => searchPlaybooks(knowledge, request),
        findCampaigns: async ({ name, status, limit = 10 }) => {
          const words = (name ?? '').toLowerCase().split(/\s+/).filter(Boolean);
          return mine()
            .filter((c) => (!status || c.status === status) && words.every((w) => c.brief.name.toLowerCase().includes(w)))
            .slice(0, limit);
        },
        getCampaign: async (id) => mine().find((c) => c.campaignId === id),
        getWorkfrontProjectStatus: async (id) => {
          const c = mine().find((x) => x.campaignId === id);
          return c?.workfrontProjectId ? { projectId: c.workfrontProjectId, name: c.brief.name, status: 'CUR', url: c.workfrontUrl ?? '' } : undefined;
        },
        createCampaign: async (actionId, input) => {
          const campaignId = campaignIdForAction(actionId);
          const existing = campaigns.find((c) => c.tenantId === tenantId && c.campaignId === campaignId);
          if (existing) return existing;
          const campaign = newCampaign({ tenantId, campaignId, brief: briefFromInput(input, userEmail), now: now() });
          campaigns.push(campaign);
          return campaign;
        },
      };
    },
  };
}
