// The assistant agent's action-group Lambda (function details; the event and
// response shapes are those of agent-actions.ts, documented at
// https://docs.aws.amazon.com/bedrock/latest/userguide/agents-lambda.html).
// The tenant, user and confirmed action ID are session attributes that MCC's
// GraphQL resolver sets from the caller's identity; a parameter the model
// fills in never names a tenant. Errors the model can fix are REPROMPTed with
// their message; dependency failures end the turn (FAILURE).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { FunctionEvent, functionResponse, type FunctionResponse } from '../adapters/bedrock-agent/function-event.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { DomainError, RETRYABLE_ERROR_CODES } from '../domain/errors.ts';
import { Email, TenantId } from '../domain/vocabulary.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { logger } from '../shared/observability.ts';
import { AGENT_FUNCTIONS } from '../use-cases/agent-actions.ts';
import { ASSISTANT_FUNCTIONS } from '../use-cases/assistant-functions.ts';
import { assistantTools } from '../use-cases/assistant-tools.ts';
import { WorkfrontConfig, workfrontClient } from '../workfront/config.ts';

const config = loadConfig({ ...CommonConfig, ...WorkfrontConfig });
const campaigns = new CampaignRepository(createDocumentClient(), config.TABLE_NAME);
const workfront = workfrontClient(config);
const builds = { events: new EventBridgeClient({}), busName: config.EVENT_BUS_NAME };
const now = () => new Date();
// Retrieval is the agent's own knowledge-base association: the tools' search is never called from here.
const noSearch = { retrieve: async () => [] };

async function workfrontProject(tenantId: string, campaignId: string) {
  const found = (await AGENT_FUNCTIONS.getWorkfrontProjectStatus?.({ repo: campaigns, workfront, now }, tenantId, { campaignId })) as
    | { projectId: string; name: string; status: string; url: string }
    | undefined;
  return found ? { projectId: found.projectId, name: found.name, status: found.status, url: found.url } : undefined;
}

export async function handler(raw: unknown): Promise<FunctionResponse> {
  const parsed = FunctionEvent.safeParse(raw);
  if (!parsed.success) throw new Error('Not a Bedrock agent function-details event');
  const event = parsed.data;
  const respond = (body: unknown, responseState?: 'FAILURE' | 'REPROMPT') => functionResponse(event, body, responseState);

  const tenant = TenantId.safeParse(event.sessionAttributes?.tenantId);
  if (!tenant.success) {
    logger.error('Assistant invoked without a tenantId session attribute');
    return respond('This agent session is not bound to a tenant.', 'FAILURE');
  }
  const run = ASSISTANT_FUNCTIONS[event.function];
  if (!run) return respond(`Unknown function ${event.function}. Available: ${Object.keys(ASSISTANT_FUNCTIONS).join(', ')}.`, 'REPROMPT');
  const email = Email.safeParse(event.sessionAttributes?.userEmail);
  const tools = assistantTools(
    { campaigns, knowledge: noSearch, builds, workfrontProject, now },
    { tenantId: tenant.data, ...(email.success ? { userEmail: email.data } : {}) },
  );
  const args = Object.fromEntries((event.parameters ?? []).map((p) => [p.name, String(p.value ?? '')]));
  logger.appendKeys({ tenantId: tenant.data, actionGroup: event.actionGroup, function: event.function });
  try {
    return respond(await run({ tools, actionId: event.sessionAttributes?.actionId, args }));
  } catch (error) {
    const retryable = error instanceof DomainError && (RETRYABLE_ERROR_CODES as readonly string[]).includes(error.code);
    if (error instanceof DomainError && !retryable) return respond(error.message, 'REPROMPT');
    logger.error('Assistant action failed', { error });
    return respond('The action failed because a dependency is unavailable; try again later.', 'FAILURE');
  } finally {
    logger.resetKeys();
  }
}
