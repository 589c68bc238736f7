// confirmAgentAction: the user's answer to an action the assistant proposed.
// Only the conversation's own user may answer, and only once: the decision is
// a conditional write from PENDING (a replay, or a second tab, gets a Conflict
// and changes nothing). Then the assistant carries the decision out. Should
// that fail, the action goes back to PENDING so the user can confirm again —
// the effect is idempotent per action ID, so nothing is lost or doubled.
import type { ConversationRepository } from '../data/conversation-repository.ts';
import type { AgentAction } from '../domain/agent-action.ts';
import type { ConversationMeta } from '../domain/conversation.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { Id } from '../domain/vocabulary.ts';
import type { AssistantSession, ConversationAgent } from '../ports/conversation-agent.ts';
import { agentMessage, ownConversation, turnClock, userMessage, type AssistantCaller, type AssistantReply } from './send-agent-message.ts';

export interface ConfirmAgentActionRequest {
  readonly caller: AssistantCaller;
  readonly conversationId: string;
  readonly actionId: string;
  readonly confirm: boolean;
  readonly clock?: () => Date;
}

export async function confirmAgentAction(
  conversations: ConversationRepository,
  agent: ConversationAgent,
  request: ConfirmAgentActionRequest,
): Promise<AssistantReply> {
  const issues = [];
  if (!Id.safeParse(request.conversationId).success) issues.push({ field: 'conversationId', message: 'is not a conversation ID' });
  if (!Id.safeParse(request.actionId).success) issues.push({ field: 'actionId', message: 'is not an action ID' });
  if (typeof request.confirm !== 'boolean') issues.push({ field: 'confirm', message: 'must be true or false' });
  if (issues.length > 0) throw new ValidationError('action answer', issues);

  const { caller } = request;
  const meta = await ownConversation(conversations, caller, request.conversationId);
  const action = await conversations.action(caller.tenantId, meta.conversationId, request.actionId);
  if (!action) throw new NotFoundError('Action', request.actionId);
  const tick = turnClock(request.clock ?? (() => new Date()));
  const session: AssistantSession = {
    tenantId: caller.tenantId,
    userId: caller.sub,
    ...(caller.email ? { userEmail: caller.email } : {}),
    conversationId: meta.conversationId,
  };
  const at = tick();
  const reply = await decideAction(conversations, agent, { meta, session, action, confirm: request.confirm, decidedBy: caller.sub, tick });
  // The answer given with the button, recorded as the user's turn just before the assistant's reply.
  await conversations.append(caller.tenantId, userMessage(meta.conversationId, caller.sub, `${request.confirm ? 'Confirmed' : 'Declined'}: ${action.summary}`.slice(0, 4000), at));
  return reply;
}

export interface Decision {
  readonly meta: ConversationMeta;
  readonly session: AssistantSession;
  readonly action: AgentAction;
  readonly confirm: boolean;
  readonly decidedBy: string;
  readonly tick: () => Date;
}

/** Decides the action exactly once, then lets the assistant carry the decision out. */
export async function decideAction(conversations: ConversationRepository, agent: ConversationAgent, d: Decision): Promise<AssistantReply> {
  const { tenantId, conversationId } = d.session;
  const decided = await conversations.decide(tenantId, conversationId, d.action.actionId, {
    status: d.confirm ? 'CONFIRMED' : 'DENIED',
    decidedBy: d.decidedBy,
    now: d.tick(),
  });
  let outcome;
  try {
    outcome = await agent.decide({ session: d.session, action: decided, confirm: d.confirm, memory: d.meta.memory, now: d.tick() });
  } catch (error) {
    if (d.confirm) await conversations.reopen(tenantId, conversationId, decided.actionId);
    throw error;
  }
  if (outcome.result) await conversations.recordResult(tenantId, conversationId, decided.actionId, outcome.result);
  const reply = agentMessage(conversationId, outcome, d.tick());
  await conversations.append(tenantId, reply);
  await conversations.touch(tenantId, d.meta, { now: new Date(reply.createdAt), memory: outcome.memory });
  return { conversationId, message: reply };
}
