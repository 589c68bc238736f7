// Lambda for the states that record how a build turned out, discriminated by
// `action`: recordPostFailure (the Map's per-item Catch), revise (after a
// rejection) and markFailed (any unhandled error).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { mappingDependencyErrors } from '../adapters/dependency-errors.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { PostVersionRepository } from '../data/post-version-repository.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { stepHandler } from '../shared/step-handler.ts';
import { markCampaignFailed, type MarkFailedResult } from '../use-cases/mark-campaign-failed.ts';
import { recordPostFailure } from '../use-cases/record-post-failure.ts';
import { reviseCampaign } from '../use-cases/revise-campaign.ts';
import { CampaignOutcomeInput, type GeneratePostOutput, type ReviseOutput } from '../workflow/contracts.ts';
import { countMetric, METRIC } from '../shared/observability.ts';

const config = loadConfig(CommonConfig);
const doc = createDocumentClient();
const deps = {
  campaigns: new CampaignRepository(doc, config.TABLE_NAME),
  postVersions: new PostVersionRepository(doc, config.TABLE_NAME),
  updates: new CampaignUpdates(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  now: () => new Date(),
};

type Outcome = GeneratePostOutput | ReviseOutput | MarkFailedResult;

function run(input: CampaignOutcomeInput): Promise<Outcome> {
  switch (input.action) {
    case 'recordPostFailure':
      countMetric(METRIC.postsFailed);
      return recordPostFailure(deps, input);
    case 'revise':
      return reviseCampaign(deps, input);
    case 'markFailed':
      countMetric(METRIC.campaignsFailed);
      return markCampaignFailed(deps, input);
  }
}

export const handler = stepHandler('CampaignOutcome', CampaignOutcomeInput, (input) => mappingDependencyErrors(() => run(input)));
