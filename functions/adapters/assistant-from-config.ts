// Chooses the campaign assistant's adapter from configuration, once, at cold
// start, like agentFromConfig does for the planner and writer: the Bedrock
// assistant agent, or the deterministic local assistant. Both act only
// through tools bound to the caller's session.
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { z } from 'zod';
import { loadConfig } from '../shared/config.ts';
import type { AssistantTools } from '../ports/assistant-tools.ts';
import type { AssistantSession, ConversationAgent } from '../ports/conversation-agent.ts';
import { AgentProviderConfig } from './agent-from-config.ts';
import { BedrockAssistant } from './bedrock-agent/bedrock-assistant.ts';
import { LocalAssistant } from './local-assistant/local-assistant.ts';

const name = z.string().trim().min(1);
export const BedrockAssistantConfig = { ASSISTANT_AGENT_ID: name, ASSISTANT_AGENT_ALIAS_ID: name } as const;

export function assistantFromConfig(env: NodeJS.ProcessEnv, toolsFor: (session: AssistantSession) => AssistantTools): ConversationAgent {
  const { AGENT_PROVIDER } = loadConfig(AgentProviderConfig, env);
  if (AGENT_PROVIDER === 'bedrock') {
    const config = loadConfig(BedrockAssistantConfig, env);
    // The adapter owns retries (errors can arrive inside the stream), so the SDK makes one attempt.
    return new BedrockAssistant(new BedrockAgentRuntimeClient({ maxAttempts: 1 }), { agentId: config.ASSISTANT_AGENT_ID, agentAliasId: config.ASSISTANT_AGENT_ALIAS_ID });
  }
  return new LocalAssistant(toolsFor);
}
