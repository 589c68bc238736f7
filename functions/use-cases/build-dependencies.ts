// What the campaign-build use cases work with: the repository, the status
// publisher, the agent and a clock. Handlers build one set at cold start;
// tests build theirs against DynamoDB Local and a local agent.
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';
import type { Agent } from '../ports/agent.ts';

export interface BuildDependencies {
  readonly campaigns: CampaignRepository;
  readonly updates: CampaignUpdates;
  readonly now: () => Date;
}

export interface AgentDependencies extends BuildDependencies {
  readonly agent: Agent;
}
