// The conversation agent until the composition root binds the project's agent
// port (Bedrock or local, chosen by AGENT_PROVIDER): every other field works,
// and sendAgentMessage reports that the agent is unavailable, after storing
// the question.
import { DependencyUnavailableError } from '../domain/errors.ts';
import type { ConversationAgent } from './conversation-agent.ts';

export const unboundAgent: ConversationAgent = {
  answer() {
    return Promise.reject(new DependencyUnavailableError('The campaign agent is not connected to this API'));
  },
};
