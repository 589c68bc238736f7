// The port the campaign assistant sits behind: one turn of a conversation in,
// an answer (with citations, and possibly an action to confirm) out. Two
// adapters, chosen by configuration: the Bedrock assistant agent, and the
// deterministic local assistant. Neither decides who the user is: the session
// comes from the caller's identity, and an adapter may only act within it.
import type { AgentAction } from '../domain/agent-action.ts';
import type { Citation } from '../domain/citation.ts';
import type { ConversationMessage } from '../domain/conversation.ts';

/** Who is talking, from the identity only. */
export interface AssistantSession {
  readonly tenantId: string;
  /** The user's `sub`. */
  readonly userId: string;
  readonly userEmail?: string;
  readonly conversationId: string;
}

export interface ConversationTurn {
  readonly session: AssistantSession;
  readonly message: string;
  /** Earlier messages, oldest first. */
  readonly history: readonly ConversationMessage[];
  /** What the adapter asked to remember after the previous turn. */
  readonly memory: Readonly<Record<string, unknown>> | undefined;
  /** The action awaiting the user's answer, if any. */
  readonly pendingAction: AgentAction | undefined;
  readonly now: Date;
}

/** Something with side effects the assistant wants to do; stored as PENDING until the user answers. */
export interface ProposedAction {
  readonly name: string;
  readonly summary: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Bedrock's returnControl invocation to answer. */
  readonly invocationId?: string;
  readonly actionGroup?: string;
}

export interface AgentAnswer {
  readonly text: string;
  readonly citations: readonly Citation[];
  readonly proposedAction?: ProposedAction;
  /** Replaces the conversation's memory when set. */
  readonly memory?: Record<string, unknown>;
}

export interface ActionAnswer {
  readonly session: AssistantSession;
  /** Already decided (CONFIRMED or DENIED) by a conditional write: the adapter carries the decision out. */
  readonly action: AgentAction;
  readonly confirm: boolean;
  readonly memory: Readonly<Record<string, unknown>> | undefined;
  readonly now: Date;
}

export interface ActionOutcome extends AgentAnswer {
  /** What a confirmed action did, e.g. `{ campaignId }`. */
  readonly result?: Record<string, unknown>;
}

export interface ConversationAgent {
  answer(turn: ConversationTurn): Promise<AgentAnswer>;
  /** Carries out (or drops) a decided action and says what happened. */
  decide(answer: ActionAnswer): Promise<ActionOutcome>;
}
