// The function-details schema of the agents' action group, served by the
// agent-actions Lambda. The handler dispatches on `function` and reads these
// parameter names from the event's `parameters` list; the tenant always comes
// from session attributes, never from a parameter the model could fill in.
import type { CfnAgent } from 'aws-cdk-lib/aws-bedrock';
import { CAMPAIGN_STATUSES } from '../functions/domain/campaign-status.ts';

export const ACTION_GROUP_NAME = 'campaigns-and-workfront';

const campaignId = { type: 'string', required: true, description: 'The campaign ID, as returned by getCampaign or listCampaigns' };

export const ACTION_FUNCTIONS = [
  {
    name: 'createWorkfrontProject',
    description: 'Create (or return the existing) Workfront project for an approved campaign. Idempotent per campaign.',
    parameters: { campaignId },
  },
  {
    name: 'createWorkfrontTask',
    description: 'Create (or return the existing) Workfront task for one post of a campaign whose project exists. Idempotent per post.',
    parameters: { campaignId, postId: { type: 'string', required: true, description: 'The post ID within the campaign plan' } },
  },
  {
    name: 'getWorkfrontProjectStatus',
    description: "Return the Workfront project's ID, URL and status for a campaign, and the status of each linked task.",
    parameters: { campaignId },
  },
  {
    name: 'getCampaign',
    description: "Return one campaign of the caller's tenant: brief, tier, status, plan summary and posts.",
    parameters: { campaignId },
  },
  {
    name: 'listCampaigns',
    description: "List the caller's tenant's campaigns, newest first, optionally in one status.",
    parameters: {
      status: {
        type: 'string',
        required: false,
        description: `One of ${CAMPAIGN_STATUSES.join(', ')}`,
      },
      limit: { type: 'integer', required: false, description: 'At most this many campaigns (1-50, default 20)' },
    },
  },
] as const satisfies readonly CfnAgent.FunctionProperty[];

export type ActionFunctionName = (typeof ACTION_FUNCTIONS)[number]['name'];
