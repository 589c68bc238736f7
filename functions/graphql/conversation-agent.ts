// The port the GraphQL API needs from the campaign agent: answer one message
// in a conversation, grounded in the knowledge base, with citations. The
// composition root binds it to the project's agent (Bedrock or local).
import type { Citation } from '../domain/citation.ts';
import type { ConversationMessage } from '../domain/conversation.ts';

export interface ConversationTurn {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly message: string;
  /** Earlier messages, oldest first. */
  readonly history: readonly ConversationMessage[];
}

export interface AgentAnswer {
  readonly text: string;
  readonly citations: readonly Citation[];
}

export interface ConversationAgent {
  answer(turn: ConversationTurn): Promise<AgentAnswer>;
}
