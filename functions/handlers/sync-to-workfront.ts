// SyncToWorkfront Task state: create (or find) the campaign's Workfront
// project and tasks. Throttling and outages surface as `Throttled` /
// `DependencyUnavailable` for the state machine's Retry.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { ExecutionRepository } from '../data/execution-repository.ts';
import { TeamRepository } from '../data/team-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { stepHandler } from '../shared/step-handler.ts';
import { syncToWorkfront } from '../use-cases/sync-to-workfront.ts';
import { STATE, SyncInput } from '../workflow/contracts.ts';
import { WorkfrontConfig, workfrontClient } from '../workfront/config.ts';
import { countMetric, METRIC } from '../shared/observability.ts';

const config = loadConfig({ ...CommonConfig, ...WorkfrontConfig });
const doc = createDocumentClient();
const deps = {
  repo: new CampaignRepository(doc, config.TABLE_NAME),
  execution: new ExecutionRepository(doc, config.TABLE_NAME),
  team: new TeamRepository(doc, config.TABLE_NAME),
  updates: new CampaignUpdates(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  workfront: workfrontClient(config),
  now: () => new Date(),
};

export const handler = stepHandler(STATE.syncToWorkfront, SyncInput, async (input) => {
  const synced = await syncToWorkfront(deps, input);
  countMetric(METRIC.campaignsSucceeded);
  return synced;
});
