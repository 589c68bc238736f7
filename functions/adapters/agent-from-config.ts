// Chooses the agent adapter from configuration, once, at cold start:
// AGENT_PROVIDER=bedrock calls the Bedrock planner and writer agents and the
// knowledge base; AGENT_PROVIDER=local runs the playbook-driven local agent
// over the documents in KNOWLEDGE_BUCKET. This is the only place that knows
// there are two.
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { loadConfig } from '../shared/config.ts';
import type { Agent } from '../ports/agent.ts';
import { BedrockAgent } from './bedrock-agent/bedrock-agent.ts';
import { LocalAgent } from './local-agent/local-agent.ts';
import { S3KnowledgeSource } from './local-agent/s3-knowledge-source.ts';

const name = z.string().trim().min(1);

export const AgentProviderConfig = { AGENT_PROVIDER: z.enum(['bedrock', 'local']) } as const;

export const BedrockAgentConfig = {
  PLANNER_AGENT_ID: name,
  PLANNER_AGENT_ALIAS_ID: name,
  WRITER_AGENT_ID: name,
  WRITER_AGENT_ALIAS_ID: name,
  KNOWLEDGE_BASE_ID: name,
} as const;

export const LocalAgentConfig = {
  KNOWLEDGE_BUCKET: name,
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Simulated model latency per planner/writer call, in milliseconds (benchmarks); default 0. */
  LOCAL_AGENT_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
} as const;

export interface AgentOptions {
  /**
   * Start indexing the local agent's knowledge at cold start (plan and generate use it on their first call).
   * Functions that rarely need it, like the GraphQL resolver, leave it to the first use.
   * @default true
   */
  readonly warm?: boolean;
}

export function agentFromConfig(env: NodeJS.ProcessEnv = process.env, options: AgentOptions = {}): Agent {
  const { AGENT_PROVIDER } = loadConfig(AgentProviderConfig, env);
  if (AGENT_PROVIDER === 'bedrock') {
    const config = loadConfig(BedrockAgentConfig, env);
    // The adapter owns retries (it must retry errors that arrive inside the stream), so the SDK makes one attempt.
    return new BedrockAgent(new BedrockAgentRuntimeClient({ maxAttempts: 1 }), {
      planner: { agentId: config.PLANNER_AGENT_ID, agentAliasId: config.PLANNER_AGENT_ALIAS_ID },
      writer: { agentId: config.WRITER_AGENT_ID, agentAliasId: config.WRITER_AGENT_ALIAS_ID },
      knowledgeBaseId: config.KNOWLEDGE_BASE_ID,
    });
  }
  const config = loadConfig(LocalAgentConfig, env);
  const agent = new LocalAgent(new S3KnowledgeSource(new S3Client({ forcePathStyle: config.S3_FORCE_PATH_STYLE }), config.KNOWLEDGE_BUCKET), {
    latencyMs: config.LOCAL_AGENT_LATENCY_MS,
  });
  if (options.warm ?? true) agent.warm();
  return agent;
}
