// When an approval stage is decided. Each rule needs a number of approvals
// out of the stage's approvers: ANY one (Workfront's "only one decision is
// required"), ALL of them, or a MAJORITY (more than half). A stage passes
// once that many approved, and fails as soon as the rejections leave too few
// approvers to reach it ("the first rejection its rule cannot survive").
// The two conditions exclude each other for ever (approvals + rejections ≤
// approvers), so the outcome never depends on the order decisions arrive in.
import { z } from 'zod';
import type { Decision } from './approval.ts';

export const STAGE_RULES = ['ANY', 'ALL', 'MAJORITY'] as const;
export const StageRule = z.enum(STAGE_RULES);
export type StageRule = z.infer<typeof StageRule>;

export type StageState = 'PENDING' | 'PASSED' | 'FAILED';

export interface CountedDecision {
  readonly approver: string;
  readonly decision: Decision;
}

/** Approvals a stage of `approvers` people needs under `rule`. */
export function requiredApprovals(rule: StageRule, approvers: number): number {
  if (approvers < 1) throw new RangeError('a stage needs at least one approver');
  switch (rule) {
    case 'ANY':
      return 1;
    case 'ALL':
      return approvers;
    case 'MAJORITY':
      return Math.floor(approvers / 2) + 1;
  }
}

export interface StageTally {
  readonly state: StageState;
  readonly approvals: number;
  readonly rejections: number;
  readonly required: number;
  /** The approvers whose decision counted, each once. */
  readonly counted: readonly string[];
}

/**
 * The stage's state from its decisions. Only the stage's own approvers count,
 * each once (approvers compare case-insensitively; an approver's first
 * decision in the list is theirs — the store keeps exactly one per approver).
 */
export function tallyStage(rule: StageRule, approvers: readonly string[], decisions: readonly CountedDecision[]): StageTally {
  const eligible = new Set(approvers.map((a) => a.toLowerCase()));
  const byApprover = new Map<string, Decision>();
  for (const d of decisions) {
    const who = d.approver.toLowerCase();
    if (eligible.has(who) && !byApprover.has(who)) byApprover.set(who, d.decision);
  }
  const votes = [...byApprover.values()];
  const approvals = votes.filter((v) => v === 'APPROVED').length;
  const rejections = votes.length - approvals;
  const required = requiredApprovals(rule, eligible.size);
  const state: StageState = approvals >= required ? 'PASSED' : eligible.size - rejections < required ? 'FAILED' : 'PENDING';
  return { state, approvals, rejections, required, counted: [...byApprover.keys()] };
}
