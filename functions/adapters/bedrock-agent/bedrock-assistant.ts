// The Bedrock adapter of the conversation port (AGENT_PROVIDER=bedrock): the
// assistant agent over InvokeAgent. sessionId = the conversation (with its
// tenant); sessionState.sessionAttributes carry the tenant and user from the
// caller's identity, for the action group's Lambda. A `returnControl` event
// asking for USER_CONFIRMATION (a function defined with requireConfirmation
// ENABLED) becomes the pending action; the answer goes back in the next
// InvokeAgent as sessionState.returnControlInvocationResults[].functionResult
// { actionGroup, function, confirmationState: CONFIRM | DENY } with the same
// invocationId, and the action ID as a session attribute so the Lambda derives
// the campaign ID from it. Text streams back as `chunk` events whose
// attribution citations become the reply's citations; throttling, also inside
// the stream, is retried with backoff and jitter (retry.ts).
import { InvokeAgentCommand, type BedrockAgentRuntimeClient, type InvokeAgentCommandInput, type ReturnControlPayload } from '@aws-sdk/client-bedrock-agent-runtime';
import { campaignIdForAction } from '../../domain/agent-action.ts';
import type { Citation } from '../../domain/citation.ts';
import { DependencyUnavailableError } from '../../domain/errors.ts';
import type { ActionAnswer, ActionOutcome, AgentAnswer, AssistantSession, ConversationAgent, ConversationTurn, ProposedAction } from '../../ports/conversation-agent.ts';
import type { AgentAlias } from './bedrock-agent.ts';
import { citationsFromAttribution, uniqueByDocument } from './citations.ts';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.ts';
import { sessionIdFor } from './session-id.ts';

/** Session attribute names the assistant-actions Lambda reads. */
export const SESSION_ATTRIBUTES = { tenantId: 'tenantId', userId: 'userId', userEmail: 'userEmail', actionId: 'actionId' } as const;

export function sessionAttributes(session: AssistantSession, actionId?: string): Record<string, string> {
  return {
    [SESSION_ATTRIBUTES.tenantId]: session.tenantId,
    [SESSION_ATTRIBUTES.userId]: session.userId,
    ...(session.userEmail ? { [SESSION_ATTRIBUTES.userEmail]: session.userEmail } : {}),
    ...(actionId ? { [SESSION_ATTRIBUTES.actionId]: actionId } : {}),
  };
}

interface Streamed {
  readonly text: string;
  readonly citations: Citation[];
  readonly proposedAction?: ProposedAction;
}

/** The function's parameters as the model filled them; `brief` is a JSON document (createCampaign). */
function parametersOf(parameters: readonly { name?: string | undefined; value?: string | undefined }[] | undefined): Record<string, unknown> {
  const entries = (parameters ?? []).flatMap((p) => (p.name ? [[p.name, p.value ?? '']] : []));
  return Object.fromEntries(
    entries.map(([name, value]) => {
      if (name !== 'brief') return [name, value];
      try {
        return [name, JSON.parse(value ?? '') as unknown];
      } catch {
        return [name, value];
      }
    }),
  );
}

function proposalOf(payload: ReturnControlPayload): ProposedAction {
  const invocation = payload.invocationInputs?.[0];
  const input = invocation && 'functionInvocationInput' in invocation ? invocation.functionInvocationInput : undefined;
  if (!payload.invocationId || !input?.function || !input.actionGroup) {
    throw new DependencyUnavailableError('InvokeAgent (assistant) returned control without a function invocation');
  }
  if (input.actionInvocationType !== 'USER_CONFIRMATION' && input.actionInvocationType !== 'USER_CONFIRMATION_AND_RESULT') {
    throw new DependencyUnavailableError(`InvokeAgent (assistant) returned control for ${input.function} without asking for confirmation`);
  }
  const parameters = parametersOf(input.parameters);
  const brief = parameters.brief as Record<string, unknown> | undefined;
  const summary =
    input.function === 'createCampaign' && brief && typeof brief === 'object'
      ? `Create “${String(brief.name ?? 'an unnamed campaign')}” (${String(brief.type ?? 'type not given')}), ${JSON.stringify(brief.budget ?? {})}, from ${String(brief.launchDate ?? '?')} to ${String(brief.endDate ?? '?')}.`
      : `${input.function}(${Object.entries(parameters).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')})`;
  return { name: input.function, summary: summary.slice(0, 4000), parameters, invocationId: payload.invocationId, actionGroup: input.actionGroup };
}

export class BedrockAssistant implements ConversationAgent {
  readonly #client: BedrockAgentRuntimeClient;
  readonly #alias: AgentAlias;
  readonly #retry: RetryPolicy;

  constructor(client: BedrockAgentRuntimeClient, alias: AgentAlias, retry: RetryPolicy = DEFAULT_RETRY) {
    this.#client = client;
    this.#alias = alias;
    this.#retry = retry;
  }

  async answer(turn: ConversationTurn): Promise<AgentAnswer> {
    const streamed = await this.#invoke(turn.session, { inputText: turn.message, sessionState: { sessionAttributes: sessionAttributes(turn.session) } });
    const text = streamed.text.trim() || (streamed.proposedAction ? `${streamed.proposedAction.summary} Shall I go ahead?` : '');
    if (!text) throw new DependencyUnavailableError('InvokeAgent (assistant) streamed no answer');
    return { text, citations: streamed.citations, ...(streamed.proposedAction ? { proposedAction: streamed.proposedAction } : {}) };
  }

  async decide(answer: ActionAnswer): Promise<ActionOutcome> {
    const { action } = answer;
    if (!action.invocationId || !action.actionGroup) throw new DependencyUnavailableError(`Action ${action.actionId} did not come from the Bedrock assistant`);
    const streamed = await this.#invoke(answer.session, {
      sessionState: {
        sessionAttributes: sessionAttributes(answer.session, action.actionId),
        invocationId: action.invocationId,
        returnControlInvocationResults: [
          { functionResult: { actionGroup: action.actionGroup, function: action.name, confirmationState: answer.confirm ? 'CONFIRM' : 'DENY' } },
        ],
      },
    });
    const text = streamed.text.trim() || (answer.confirm ? 'Done.' : 'OK, I haven’t done that.');
    return {
      text,
      citations: streamed.citations,
      ...(streamed.proposedAction ? { proposedAction: streamed.proposedAction } : {}),
      ...(answer.confirm && action.name === 'createCampaign' ? { result: { campaignId: campaignIdForAction(action.actionId) } } : {}),
    };
  }

  #invoke(session: AssistantSession, input: Pick<InvokeAgentCommandInput, 'inputText' | 'sessionState'>): Promise<Streamed> {
    return withRetry('InvokeAgent (assistant)', this.#retry, async () => {
      const response = await this.#client.send(
        new InvokeAgentCommand({
          agentId: this.#alias.agentId,
          agentAliasId: this.#alias.agentAliasId,
          sessionId: sessionIdFor({ tenantId: session.tenantId, campaignId: session.conversationId }),
          ...input,
        }),
      );
      if (!response.completion) throw new DependencyUnavailableError('InvokeAgent (assistant) returned no completion stream');
      const decoder = new TextDecoder('utf-8');
      let text = '';
      const citations: Citation[] = [];
      let proposedAction: ProposedAction | undefined;
      for await (const event of response.completion) {
        if (event.chunk) {
          text += decoder.decode(event.chunk.bytes ?? new Uint8Array(), { stream: true });
          citations.push(...citationsFromAttribution(event.chunk.attribution));
        } else if (event.returnControl) {
          proposedAction = proposalOf(event.returnControl);
        }
      }
      text += decoder.decode();
      return { text, citations: uniqueByDocument(citations), ...(proposedAction ? { proposedAction } : {}) };
    });
  }
}
