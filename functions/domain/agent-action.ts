// An action the campaign assistant proposes in a conversation (today: create a
// campaign). Nothing with side effects happens until the conversation's own
// user confirms it, and an action is decided exactly once: the decision is a
// conditional write from PENDING, so a replayed confirmation changes nothing.
import { z } from 'zod';
import { Id } from './vocabulary.ts';

export const AgentActionStatus = z.enum(['PENDING', 'CONFIRMED', 'DENIED', 'SUPERSEDED']);
export type AgentActionStatus = z.infer<typeof AgentActionStatus>;

/** The assistant's tools that change something, so each needs the user's confirmation first. */
export const SIDE_EFFECT_TOOLS = ['createCampaign'] as const;

export const AgentAction = z.strictObject({
  conversationId: Id,
  actionId: Id,
  name: z.string().min(1).max(64),
  summary: z.string().min(1).max(4000),
  parameters: z.record(z.string(), z.unknown()),
  status: AgentActionStatus,
  proposedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().optional(),
  decidedBy: z.string().min(1).max(128).optional(),
  /** What the action did, e.g. `{ campaignId }`. */
  result: z.record(z.string(), z.unknown()).optional(),
  /** Bedrock's returnControl invocation, answered with the same ID. */
  invocationId: z.string().min(1).max(256).optional(),
  actionGroup: z.string().min(1).max(100).optional(),
});
export type AgentAction = z.infer<typeof AgentAction>;

/**
 * The campaign an action creates, derived from the action ID: replaying the
 * action puts the same campaign ID on the bus, and Save's conditional create
 * makes the replay harmless.
 */
export function campaignIdForAction(actionId: string): string {
  return `cmp-${actionId.replace(/^act-/, '')}`;
}
