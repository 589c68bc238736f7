// The Bedrock adapter of the agent port (AGENT_PROVIDER=bedrock): the planner
// and writer are Bedrock agents called with InvokeAgent, one session per
// campaign, the tenant passed as a session attribute for the action groups;
// retrieval is the knowledge base's Retrieve. The answer streams back as
// `chunk` events whose bytes are concatenated and whose attributions become
// citations. Throttling and service errors — including those that arrive
// inside the stream after the call succeeded — are retried here with backoff
// and full jitter, restarting the invocation.
import {
  InvokeAgentCommand,
  RetrieveCommand,
  type BedrockAgentRuntimeClient,
} from '@aws-sdk/client-bedrock-agent-runtime';
import type { Citation } from '../../domain/citation.ts';
import { DependencyUnavailableError } from '../../domain/errors.ts';
import type { Agent, AgentReply, AgentSession, Passage, PlanRequest, RetrieveRequest, WritePostRequest } from '../../ports/agent.ts';
import { citationsFromAttribution, passageFromResult, uniqueByDocument } from './citations.ts';
import { planPrompt, writePrompt } from './prompts.ts';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.ts';
import { sessionIdFor } from './session-id.ts';

export interface AgentAlias {
  readonly agentId: string;
  readonly agentAliasId: string;
}

export interface BedrockAgentConfig {
  readonly planner: AgentAlias;
  readonly writer: AgentAlias;
  readonly knowledgeBaseId: string;
  readonly retry?: RetryPolicy;
}

export class BedrockAgent implements Agent {
  readonly #client: BedrockAgentRuntimeClient;
  readonly #config: BedrockAgentConfig;
  readonly #retry: RetryPolicy;

  constructor(client: BedrockAgentRuntimeClient, config: BedrockAgentConfig) {
    this.#client = client;
    this.#config = config;
    this.#retry = config.retry ?? DEFAULT_RETRY;
  }

  planCampaign(request: PlanRequest): Promise<AgentReply> {
    return this.#invoke('planner', this.#config.planner, request.session, planPrompt(request));
  }

  writePost(request: WritePostRequest): Promise<AgentReply> {
    return this.#invoke('writer', this.#config.writer, request.session, writePrompt(request));
  }

  async retrieve({ query, maxResults = 5 }: RetrieveRequest): Promise<Passage[]> {
    const response = await withRetry('Retrieve', this.#retry, () =>
      this.#client.send(
        new RetrieveCommand({
          knowledgeBaseId: this.#config.knowledgeBaseId,
          retrievalQuery: { text: query.slice(0, 1000) },
          retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: Math.min(Math.max(maxResults, 1), 20) } },
        }),
      ),
    );
    return (response.retrievalResults ?? []).flatMap((result) => passageFromResult(result) ?? []);
  }

  #invoke(role: string, alias: AgentAlias, session: AgentSession, inputText: string): Promise<AgentReply> {
    return withRetry(`InvokeAgent (${role})`, this.#retry, async () => {
      const response = await this.#client.send(
        new InvokeAgentCommand({
          agentId: alias.agentId,
          agentAliasId: alias.agentAliasId,
          sessionId: sessionIdFor(session),
          inputText,
          sessionState: { sessionAttributes: { tenantId: session.tenantId, campaignId: session.campaignId } },
        }),
      );
      if (!response.completion) throw new DependencyUnavailableError(`InvokeAgent (${role}) returned no completion stream`);
      // Chunks may split a multi-byte character; a streaming decoder joins them correctly.
      const decoder = new TextDecoder('utf-8');
      let text = '';
      const citations: Citation[] = [];
      // Exception events in the stream are thrown by the SDK's iterator, and reach withRetry from here.
      for await (const event of response.completion) {
        if (event.chunk) {
          text += decoder.decode(event.chunk.bytes ?? new Uint8Array(), { stream: true });
          citations.push(...citationsFromAttribution(event.chunk.attribution));
        } else if (event.returnControl) {
          throw new Error(`InvokeAgent (${role}) asked to return control, which MCC's agents are not configured for`);
        }
      }
      text += decoder.decode();
      if (!text.trim()) throw new DependencyUnavailableError(`InvokeAgent (${role}) streamed no answer`);
      return { text, citations: uniqueByDocument(citations) };
    });
  }
}
