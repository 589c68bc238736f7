// getConversation: the latest messages of one of the caller's tenant's
// conversations; a conversation with no messages (or another tenant's) is not found.
import type { ConversationRepository } from '../data/conversation-repository.ts';
import type { ConversationMessage } from '../domain/conversation.ts';

export const CONVERSATION_PAGE = 100;

export async function getConversation(
  conversations: ConversationRepository,
  tenantId: string,
  conversationId: string,
): Promise<{ conversationId: string; messages: ConversationMessage[] } | undefined> {
  const messages = await conversations.recent(tenantId, conversationId, CONVERSATION_PAGE);
  return messages.length > 0 ? { conversationId, messages } : undefined;
}
