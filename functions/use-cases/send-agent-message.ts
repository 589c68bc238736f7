// sendAgentMessage: one turn of a conversation with the campaign assistant.
// Everything is validated before anything is written; a new conversation
// starts when no ID is given, and only its owner may continue one. The
// user's message is stored first (so a failed answer still leaves the
// question in the history), then the assistant answers; an action it
// proposes is stored PENDING — nothing with side effects happens before the
// user confirms. A plain "yes" or "no" while an action waits answers it,
// through the same once-only decision as confirmAgentAction.
import { randomUUID } from 'node:crypto';
import type { ConversationRepository } from '../data/conversation-repository.ts';
import type { AgentAction } from '../domain/agent-action.ts';
import { readConfirmation } from '../domain/confirmation-reply.ts';
import { MAX_MESSAGE_LENGTH, titleFrom, type ConversationMessage, type ConversationMeta } from '../domain/conversation.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { Id } from '../domain/vocabulary.ts';
import type { AgentAnswer, ConversationAgent } from '../ports/conversation-agent.ts';
import { decideAction } from './confirm-agent-action.ts';

/** How much history the agent sees: enough for context, bounded for cost. */
export const HISTORY_TURNS = 20;

export interface AssistantCaller {
  readonly tenantId: string;
  readonly sub: string;
  readonly email?: string;
}

export interface SendAgentMessageRequest {
  readonly caller: AssistantCaller;
  readonly conversationId?: string;
  readonly message: string;
  readonly clock?: () => Date;
}

export interface AssistantReply {
  readonly conversationId: string;
  readonly message: ConversationMessage;
  readonly pendingAction?: AgentAction;
}

export function validMessage(message: unknown): string {
  const text = typeof message === 'string' ? message.trim() : '';
  if (text.length === 0 || text.length > MAX_MESSAGE_LENGTH) {
    throw new ValidationError('agent message', [{ field: 'message', message: `must be 1-${MAX_MESSAGE_LENGTH} characters` }]);
  }
  return text;
}

/** The caller's own conversation; another user's (or tenant's) is simply not found. */
export async function ownConversation(conversations: ConversationRepository, caller: AssistantCaller, conversationId: string): Promise<ConversationMeta> {
  const meta = await conversations.meta(caller.tenantId, conversationId);
  if (!meta || meta.ownerSub !== caller.sub) throw new NotFoundError('Conversation', conversationId);
  return meta;
}

/** Strictly increasing timestamps, so the conversation's sort order is the order of its turns. */
export function turnClock(clock: () => Date): () => Date {
  let last = 0;
  return () => {
    last = Math.max(clock().getTime(), last + 1);
    return new Date(last);
  };
}

export async function sendAgentMessage(
  conversations: ConversationRepository,
  agent: ConversationAgent,
  request: SendAgentMessageRequest,
): Promise<AssistantReply> {
  const text = validMessage(request.message);
  const { caller } = request;
  if (request.conversationId !== undefined && !Id.safeParse(request.conversationId).success) {
    throw new ValidationError('agent message', [{ field: 'conversationId', message: 'is not a conversation ID' }]);
  }
  const tick = turnClock(request.clock ?? (() => new Date()));
  const asked = tick();

  let meta: ConversationMeta;
  let history: ConversationMessage[] = [];
  let pending: AgentAction | undefined;
  if (request.conversationId) {
    // Read in parallel (one round trip of latency); nothing read is used or returned unless the caller owns it.
    const [owned, recent, actions] = await Promise.all([
      ownConversation(conversations, caller, request.conversationId),
      conversations.recent(caller.tenantId, request.conversationId, HISTORY_TURNS),
      conversations.actions(caller.tenantId, request.conversationId),
    ]);
    meta = owned;
    history = recent;
    pending = actions.find((a) => a.status === 'PENDING');
  } else {
    meta = { conversationId: `conv-${randomUUID()}`, ownerSub: caller.sub, title: titleFrom(text), createdAt: asked.toISOString(), updatedAt: asked.toISOString() };
    await conversations.start(caller.tenantId, meta);
  }
  const { conversationId } = meta;
  const session = { tenantId: caller.tenantId, userId: caller.sub, ...(caller.email ? { userEmail: caller.email } : {}), conversationId };

  await conversations.append(caller.tenantId, userMessage(conversationId, caller.sub, text, asked));

  const decision = pending ? readConfirmation(text) : undefined;
  if (pending && decision) {
    return decideAction(conversations, agent, { meta, session, action: pending, confirm: decision === 'CONFIRM', decidedBy: caller.sub, tick });
  }

  const answer = await agent.answer({ session, message: text, history, memory: meta.memory, pendingAction: pending, now: asked });
  const proposed = await storeProposal(conversations, caller.tenantId, conversationId, pending, answer, tick);
  const reply = agentMessage(conversationId, answer, tick());
  // Independent items: the reply and the conversation's record are written together.
  await Promise.all([
    conversations.append(caller.tenantId, reply),
    conversations.touch(caller.tenantId, meta, { now: new Date(reply.createdAt), memory: answer.memory }),
  ]);
  const open = proposed ?? (pending && !answer.proposedAction ? pending : undefined);
  return { conversationId, message: reply, ...(open ? { pendingAction: open } : {}) };
}

/** A new proposal replaces the one waiting (the user changed the draft instead of answering it). */
async function storeProposal(
  conversations: ConversationRepository,
  tenantId: string,
  conversationId: string,
  pending: AgentAction | undefined,
  answer: AgentAnswer,
  tick: () => Date,
): Promise<AgentAction | undefined> {
  const proposal = answer.proposedAction;
  if (!proposal) return undefined;
  const now = tick();
  if (pending) await conversations.decide(tenantId, conversationId, pending.actionId, { status: 'SUPERSEDED', decidedBy: 'assistant', now });
  const action: AgentAction = {
    conversationId,
    // Time-ordered, so a conversation's actions list in the order they were proposed.
    actionId: `act-${now.getTime().toString(36)}-${randomUUID().slice(0, 8)}`,
    name: proposal.name,
    summary: proposal.summary,
    parameters: { ...proposal.parameters },
    status: 'PENDING',
    proposedAt: now.toISOString(),
    ...(proposal.invocationId ? { invocationId: proposal.invocationId } : {}),
    ...(proposal.actionGroup ? { actionGroup: proposal.actionGroup } : {}),
  };
  await conversations.propose(tenantId, action);
  return action;
}

export function userMessage(conversationId: string, author: string, content: string, at: Date): ConversationMessage {
  return { conversationId, messageId: randomUUID(), role: 'USER', content, citations: [], author, createdAt: at.toISOString() };
}

export function agentMessage(conversationId: string, answer: AgentAnswer, at: Date): ConversationMessage {
  return {
    conversationId,
    messageId: randomUUID(),
    role: 'AGENT',
    content: answer.text.slice(0, 20_000),
    citations: answer.citations.slice(0, 50).map((c) => ({ ...c })),
    author: 'agent',
    createdAt: at.toISOString(),
  };
}
