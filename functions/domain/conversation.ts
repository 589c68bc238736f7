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

/** A conversation's own record: whose it is, and what the assistant remembers between turns. */
export const ConversationMeta = z.strictObject({
  conversationId: Id,
  /** The user (`sub`) who started it: only they may read it, write to it or confirm its actions. */
  ownerSub: z.string().min(1).max(128),
  title: z.string().min(1).max(120),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The assistant's working memory (the local assistant's draft campaign); opaque to the use cases. */
  memory: z.record(z.string(), z.unknown()).optional(),
});
export type ConversationMeta = z.infer<typeof ConversationMeta>;

/** The first words of the first message, as the conversation's title. */
export function titleFrom(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length <= 80 ? flat : `${flat.slice(0, 79)}…`;
}
