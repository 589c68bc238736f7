// The Bedrock agent's action-group Lambda, for action groups defined with
// function details. Input: `{ messageVersion: "1.0", agent, inputText,
// sessionId, actionGroup, function, parameters: [{ name, type, value }],
// sessionAttributes, promptSessionAttributes }`; output: `{ messageVersion,
// response: { actionGroup, function, functionResponse: { responseState?,
// responseBody: { TEXT: { body } } } }, sessionAttributes,
// promptSessionAttributes }`, where responseState REPROMPT hands the message
// back to the model (bad input) and FAILURE ends the turn with a
// DependencyFailedException (https://docs.aws.amazon.com/bedrock/latest/userguide/agents-lambda.html).
// The tenant is `sessionAttributes.tenantId`, set by the application that
// invokes the agent, never a parameter the model could fill in.
import { CampaignRepository } from '../data/campaign-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { FunctionEvent, functionResponse, type FunctionResponse } from '../adapters/bedrock-agent/function-event.ts';
import { asDependencyError } from '../adapters/dependency-errors.ts';
import { DomainError, errorPolicyOf } from '../domain/errors.ts';
import { TenantId } from '../domain/vocabulary.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { logger } from '../shared/observability.ts';
import { AGENT_FUNCTIONS, type AgentDeps } from '../use-cases/agent-actions.ts';
import { WorkfrontConfig, workfrontClient } from '../workfront/config.ts';

const config = loadConfig({ ...CommonConfig, ...WorkfrontConfig });
const deps: AgentDeps = {
  repo: new CampaignRepository(createDocumentClient(), config.TABLE_NAME),
  workfront: workfrontClient(config),
  now: () => new Date(),
};

export async function handler(raw: unknown): Promise<FunctionResponse> {
  const parsed = FunctionEvent.safeParse(raw);
  if (!parsed.success) throw new Error('Not a Bedrock agent function-details event');
  const event = parsed.data;
  const respond = (body: unknown, responseState?: 'FAILURE' | 'REPROMPT'): FunctionResponse => functionResponse(event, body, responseState);

  const tenant = TenantId.safeParse(event.sessionAttributes?.tenantId);
  if (!tenant.success) {
    logger.error('Agent invoked without a tenantId session attribute');
    return respond('This agent session is not bound to a tenant.', 'FAILURE');
  }
  const run = AGENT_FUNCTIONS[event.function];
  if (!run) return respond(`Unknown function ${event.function}. Available: ${Object.keys(AGENT_FUNCTIONS).join(', ')}.`, 'REPROMPT');
  const args = Object.fromEntries((event.parameters ?? []).map((p) => [p.name, String(p.value ?? '')]));

  logger.appendKeys({ tenantId: tenant.data, actionGroup: event.actionGroup, function: event.function });
  try {
    return respond(await run(deps, tenant.data, args));
  } catch (error) {
    const named = asDependencyError(error);
    const policy = errorPolicyOf(named);
    if (named instanceof DomainError && policy.agentState === 'REPROMPT') {
      // The model can fix these (wrong ID, bad date, nothing to act on): say what was wrong.
      return respond(named.message, 'REPROMPT');
    }
    logger.error('Agent action failed', { error });
    return respond(policy.retryable ? 'Workfront is busy or unavailable right now; try again later.' : 'The action failed because a dependency is unavailable.', policy.agentState);
  } finally {
    logger.resetKeys();
  }
}
