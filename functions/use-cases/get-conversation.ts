// getConversation: the whole of one of the caller's own conversations —
// messages with their citations, and every action proposed, pending or
// decided — so a page refresh loses nothing. Another user's or tenant's
// conversation is not found.
import type { ConversationRepository } from '../data/conversation-repository.ts';
import type { AgentAction } from '../domain/agent-action.ts';
import type { ConversationMessage, ConversationMeta } from '../domain/conversation.ts';

export const CONVERSATION_PAGE = 100;

export interface ConversationDetails {
  readonly meta: ConversationMeta;
  readonly messages: readonly ConversationMessage[];
  readonly actions: readonly AgentAction[];
}

export async function getConversation(
  conversations: ConversationRepository,
  caller: { readonly tenantId: string; readonly sub: string },
  conversationId: string,
): Promise<ConversationDetails | undefined> {
  const meta = await conversations.meta(caller.tenantId, conversationId);
  if (!meta || meta.ownerSub !== caller.sub) return undefined;
  const [messages, actions] = await Promise.all([
    conversations.recent(caller.tenantId, conversationId, CONVERSATION_PAGE),
    conversations.actions(caller.tenantId, conversationId),
  ]);
  return { meta, messages, actions };
}
