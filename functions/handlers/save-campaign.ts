// Lambda for the Save state: SaveInput (the event ID, the Campaign Build
// Requested detail and the execution ID) → SaveOutput.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { mappingDependencyErrors } from '../adapters/dependency-errors.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { stepHandler } from '../shared/step-handler.ts';
import { saveCampaign } from '../use-cases/save-campaign.ts';
import { SaveInput } from '../workflow/contracts.ts';
import { countMetric, METRIC } from '../shared/observability.ts';

const config = loadConfig(CommonConfig);
const deps = {
  campaigns: new CampaignRepository(createDocumentClient(), config.TABLE_NAME),
  updates: new CampaignUpdates(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  now: () => new Date(),
};

export const handler = stepHandler('Save', SaveInput, async (input) => {
  const saved = await mappingDependencyErrors(() => saveCampaign(deps, input));
  if (!saved.duplicate) countMetric(METRIC.campaignsStarted);
  return saved;
});
