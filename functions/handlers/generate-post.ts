// Lambda for the Map item GeneratePost: GeneratePostInput → GeneratePostOutput.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { agentFromConfig } from '../adapters/agent-from-config.ts';
import { mappingDependencyErrors } from '../adapters/dependency-errors.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { stepHandler } from '../shared/step-handler.ts';
import { generatePost } from '../use-cases/generate-post.ts';
import { GeneratePostInput } from '../workflow/contracts.ts';
import { countMetric, METRIC } from '../shared/observability.ts';

const config = loadConfig(CommonConfig);
const deps = {
  campaigns: new CampaignRepository(createDocumentClient(), config.TABLE_NAME),
  updates: new CampaignUpdates(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  agent: agentFromConfig(),
  now: () => new Date(),
};

export const handler = stepHandler('GeneratePost', GeneratePostInput, async (input) => {
  const result = await mappingDependencyErrors(() => generatePost(deps, input));
  if (result.status === 'GENERATED') countMetric(METRIC.postsGenerated);
  return result;
});
