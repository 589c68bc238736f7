// GraphQL routes of the campaign assistant (issue 13): sendAgentMessage,
// confirmAgentAction, getConversation, listConversations. The tenant and the
// user come from the caller's identity only; the assistant's tools are bound
// to them before the assistant sees a word of the message.
import { z } from 'zod';
import type { AgentAction } from '../../domain/agent-action.ts';
import type { ConversationMeta } from '../../domain/conversation.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import { confirmAgentAction } from '../../use-cases/confirm-agent-action.ts';
import { getConversation } from '../../use-cases/get-conversation.ts';
import { listConversations } from '../../use-cases/list-conversations.ts';
import { sendAgentMessage, type AssistantCaller, type AssistantReply } from '../../use-cases/send-agent-message.ts';
import { messageView } from '../campaign-view.ts';
import { requirePerson, type Caller } from '../identity.ts';
import type { Route } from '../resolver.ts';

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

function assistantCaller(caller: Caller): AssistantCaller {
  const person = requirePerson(caller);
  return { tenantId: person.tenantId, sub: person.sub, ...(person.email ? { email: person.email } : {}) };
}

export function pendingActionView(a: AgentAction): Record<string, unknown> {
  return { actionId: a.actionId, name: a.name, summary: a.summary, parameters: JSON.stringify(a.parameters) };
}

function actionView(a: AgentAction): Record<string, unknown> {
  return {
    ...pendingActionView(a),
    status: a.status,
    proposedAt: a.proposedAt,
    decidedAt: a.decidedAt ?? null,
    result: a.result ? JSON.stringify(a.result) : null,
  };
}

function replyView(r: AssistantReply): Record<string, unknown> {
  return { conversationId: r.conversationId, message: messageView(r.message), pendingAction: r.pendingAction ? pendingActionView(r.pendingAction) : null };
}

function summaryView(m: ConversationMeta): Record<string, unknown> {
  return { conversationId: m.conversationId, title: m.title, createdAt: m.createdAt, updatedAt: m.updatedAt };
}

export const ASSISTANT_ROUTES: Readonly<Record<string, Route>> = {
  'Query.getConversation': async (deps, ctx) => {
    const caller = assistantCaller(ctx.caller);
    const { conversationId } = parseOrThrow(z.object({ conversationId: z.string() }), ctx.args, 'arguments');
    const found = await getConversation(deps.conversations, caller, conversationId);
    if (!found) return null;
    const pending = found.actions.find((a) => a.status === 'PENDING');
    return {
      ...summaryView(found.meta),
      messages: found.messages.map(messageView),
      actions: found.actions.map(actionView),
      pendingAction: pending ? pendingActionView(pending) : null,
    };
  },
  'Query.listConversations': async (deps, ctx) => {
    const caller = assistantCaller(ctx.caller);
    const a = parseOrThrow(z.object({ limit: optional(z.number().int()), nextToken: optional(z.string()) }), ctx.args, 'arguments');
    const page = await listConversations(deps.conversations, { ...caller, ...a });
    return { items: page.items.map(summaryView), nextToken: page.cursor ?? null };
  },
  'Mutation.sendAgentMessage': async (deps, ctx) => {
    const caller = assistantCaller(ctx.caller);
    // Lengths are checked by the use case, so an empty or oversized message gets its one clear error.
    const a = parseOrThrow(z.object({ conversationId: optional(z.string()), message: z.string() }), ctx.args, 'arguments');
    const reply = await sendAgentMessage(deps.conversations, deps.agent, {
      caller,
      ...(a.conversationId !== undefined ? { conversationId: a.conversationId } : {}),
      message: a.message,
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
    return replyView(reply);
  },
  'Mutation.confirmAgentAction': async (deps, ctx) => {
    const caller = assistantCaller(ctx.caller);
    const a = parseOrThrow(z.object({ conversationId: z.string(), actionId: z.string(), confirm: z.boolean() }), ctx.args, 'arguments');
    const reply = await confirmAgentAction(deps.conversations, deps.agent, { caller, ...a, ...(deps.clock ? { clock: deps.clock } : {}) });
    return replyView(reply);
  },
};
