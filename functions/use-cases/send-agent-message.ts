// sendAgentMessage: one turn of a conversation with the campaign agent. The
// user's message is stored first (so a failed answer still leaves the
// question in the history), then the agent answers from the knowledge base
// and its answer is stored with the citations it drew on.
import { randomUUID } from 'node:crypto';
import type { ConversationRepository } from '../data/conversation-repository.ts';
import { MAX_MESSAGE_LENGTH, type ConversationMessage } from '../domain/conversation.ts';
import { ValidationError } from '../domain/errors.ts';
import type { ConversationAgent } from '../graphql/conversation-agent.ts';

/** How much history the agent sees: enough for context, bounded for cost. */
export const HISTORY_TURNS = 20;

export interface SendAgentMessageRequest {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly author: string;
  readonly message: string;
  readonly clock?: () => Date;
}

export async function sendAgentMessage(
  conversations: ConversationRepository,
  agent: ConversationAgent,
  request: SendAgentMessageRequest,
): Promise<ConversationMessage> {
  const text = request.message.trim();
  if (text.length === 0 || text.length > MAX_MESSAGE_LENGTH) {
    throw new ValidationError('agent message', [{ field: 'message', message: `must be 1-${MAX_MESSAGE_LENGTH} characters` }]);
  }
  const clock = request.clock ?? (() => new Date());
  const { tenantId, conversationId } = request;
  const history = await conversations.recent(tenantId, conversationId, HISTORY_TURNS);
  const asked = clock();
  await conversations.append(tenantId, {
    conversationId,
    messageId: randomUUID(),
    role: 'USER',
    content: text,
    citations: [],
    author: request.author,
    createdAt: asked.toISOString(),
  });
  const answer = await agent.answer({ tenantId, conversationId, message: text, history });
  // Strictly after the question, so the conversation's sort order is the order of the turns.
  const answered = new Date(Math.max(clock().getTime(), asked.getTime() + 1));
  const reply: ConversationMessage = {
    conversationId,
    messageId: randomUUID(),
    role: 'AGENT',
    content: answer.text,
    citations: [...answer.citations],
    author: 'agent',
    createdAt: answered.toISOString(),
  };
  await conversations.append(tenantId, reply);
  return reply;
}
