// The function-details schema of the assistant agent's action group, served by
// the assistant-actions Lambda. createCampaign has side effects, so Bedrock
// asks the user first (requireConfirmation ENABLED): the stream returns
// control with USER_CONFIRMATION and MCC surfaces it as a pending action. The
// tenant and the user are session attributes, never parameters. Playbook
// search needs no function: the knowledge base is associated with the agent.
import type { CfnAgent } from 'aws-cdk-lib/aws-bedrock';
import { CAMPAIGN_STATUSES } from '../functions/domain/campaign-status.ts';
import { CAMPAIGN_TYPES, CHANNELS, CURRENCIES } from '../functions/domain/vocabulary.ts';

export const ASSISTANT_ACTION_GROUP_NAME = 'campaign-assistant';

const campaignId = { type: 'string', required: true, description: 'The campaign ID (cmp-…), as returned by findCampaigns' };

export const ASSISTANT_FUNCTIONS = [
  {
    name: 'classifyCampaign',
    description: 'The tier (1-3), approval level and lead-time check of a campaign, with the playbook rules that decide them. Call it before proposing a campaign.',
    parameters: {
      type: { type: 'string', required: true, description: `One of ${CAMPAIGN_TYPES.join(', ')}` },
      budgetAmount: { type: 'number', required: true, description: 'The budget the user gave; never guess it' },
      budgetCurrency: { type: 'string', required: true, description: `One of ${CURRENCIES.join(', ')}` },
      channels: { type: 'string', required: true, description: `Comma-separated, each one of ${CHANNELS.join(', ')}` },
      launchDate: { type: 'string', required: false, description: 'YYYY-MM-DD, for the lead-time check' },
    },
    requireConfirmation: 'DISABLED',
  },
  {
    name: 'createCampaign',
    description:
      'Request the build of a campaign (planned, drafted, sent for approval, then created in Workfront). Only with every field the user gave; the user confirms before it runs.',
    parameters: {
      brief: {
        type: 'string',
        required: true,
        description:
          'JSON object: {"name","type","objective","targetAudience","budget":{"amount","currency"},"channels":[…],"launchDate":"YYYY-MM-DD","endDate":"YYYY-MM-DD","approvers":["e-mail"]}',
      },
    },
    requireConfirmation: 'ENABLED',
  },
  {
    name: 'getCampaign',
    description: "One campaign of the user's workspace: brief, tier, status and Workfront project.",
    parameters: { campaignId },
    requireConfirmation: 'DISABLED',
  },
  {
    name: 'findCampaigns',
    description: "The user's workspace's campaigns by name (every word must appear) and/or status, newest first.",
    parameters: {
      name: { type: 'string', required: false, description: 'Words of the campaign name' },
      status: { type: 'string', required: false, description: `One of ${CAMPAIGN_STATUSES.join(', ')}` },
    },
    requireConfirmation: 'DISABLED',
  },
  {
    name: 'getWorkfrontProjectStatus',
    description: "The Workfront project of a campaign: ID, name, status and URL.",
    parameters: { campaignId },
    requireConfirmation: 'DISABLED',
  },
] as const satisfies readonly CfnAgent.FunctionProperty[];
