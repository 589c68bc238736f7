// listConversations: the caller's own conversations, most recently active
// first, a page at a time (GSI1, never a Scan; the cursor is bound to the
// caller's query).
import type { ConversationPage, ConversationRepository } from '../data/conversation-repository.ts';

export interface ListConversationsRequest {
  readonly tenantId: string;
  readonly sub: string;
  readonly limit?: number;
  readonly nextToken?: string;
}

export function listConversations(conversations: ConversationRepository, request: ListConversationsRequest): Promise<ConversationPage> {
  return conversations.listForOwner(request.tenantId, request.sub, {
    ...(request.limit !== undefined ? { limit: request.limit } : {}),
    ...(request.nextToken ? { cursor: request.nextToken } : {}),
  });
}
