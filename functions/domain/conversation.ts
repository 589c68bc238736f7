// A conversation with the campaign agent: the user's messages and the agent's
// answers, each answer carrying the knowledge documents it drew on.
import { z } from 'zod';
import { Citation } from './citation.ts';
import { Id } from './vocabulary.ts';

export const MessageRole = z.enum(['USER', 'AGENT']);
export type MessageRole = z.infer<typeof MessageRole>;

export const MAX_MESSAGE_LENGTH = 4000;

export const ConversationMessage = z.strictObject({
  conversationId: Id,
  messageId: Id,
  role: MessageRole,
  content: z.string().min(1).max(20_000),
  citations: z.array(Citation).max(50),
  /** Who wrote it: the user's `sub`, or `agent`. */
  author: z.string().min(1).max(128),
  createdAt: z.iso.datetime(),
});
export type ConversationMessage = z.infer<typeof ConversationMessage>;
