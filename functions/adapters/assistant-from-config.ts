// Chooses the campaign assistant's adapter from configuration, once, at cold
// start, like agentFromConfig does for the planner and writer: the Bedrock
// assistant agent, or the deterministic local assistant. Both act only
// through tools bound to the caller's session.
import { loadConfig } from '../shared/config.ts';
import type { AssistantTools } from '../ports/assistant-tools.ts';
import type { AssistantSession, ConversationAgent } from '../ports/conversation-agent.ts';
import { AgentProviderConfig } from './agent-from-config.ts';
import { LocalAssistant } from './local-assistant/local-assistant.ts';

export function assistantFromConfig(env: NodeJS.ProcessEnv, toolsFor: (session: AssistantSession) => AssistantTools): ConversationAgent {
  const { AGENT_PROVIDER } = loadConfig(AgentProviderConfig, env);
  if (AGENT_PROVIDER === 'bedrock') throw new Error('The Bedrock assistant agent is not configured yet');
  return new LocalAssistant(toolsFor);
}
