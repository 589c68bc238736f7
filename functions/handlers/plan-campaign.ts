// Lambda for the Plan state: PlanInput → Generation (the planned posts to draft).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { agentFromConfig } from '../adapters/agent-from-config.ts';
import { mappingDependencyErrors } from '../adapters/dependency-errors.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { stepHandler } from '../shared/step-handler.ts';
import { planCampaign } from '../use-cases/plan-campaign.ts';
import { PlanInput } from '../workflow/contracts.ts';

const config = loadConfig(CommonConfig);
const deps = {
  campaigns: new CampaignRepository(createDocumentClient(), config.TABLE_NAME),
  updates: new CampaignUpdates(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  agent: agentFromConfig(),
  now: () => new Date(),
};

export const handler = stepHandler('Plan', PlanInput, (input) => mappingDependencyErrors(() => planCampaign(deps, input)));
