// Escalation: an approval still undecided at the escalation point passes to
// the next level of the approval path (MANAGER → DIRECTOR → VP). A campaign's
// tier names the level it starts at (campaign-tiers.ts); the top level has no
// one to escalate to. Who holds a level is configured per tenant
// (EscalationContacts), until a team model (issue 15) names them.
import { z } from 'zod';
import { TIER_RULES, type ApprovalLevel, type Tier } from './campaign-tiers.ts';
import { DomainError } from './errors.ts';
import { Email } from './vocabulary.ts';

export const APPROVAL_PATH: readonly ApprovalLevel[] = ['MANAGER', 'DIRECTOR', 'VP'];
export const ApprovalLevelName = z.enum(['MANAGER', 'DIRECTOR', 'VP']);

export function tierApprovalLevel(tier: Tier): ApprovalLevel {
  const rule = TIER_RULES.find((r) => r.tier === tier);
  if (!rule) throw new Error(`no tier rule for tier ${tier}`);
  return rule.approvalLevel;
}

/** The level above `level`, or undefined at the top of the path. */
export function nextApprovalLevel(level: ApprovalLevel): ApprovalLevel | undefined {
  return APPROVAL_PATH[APPROVAL_PATH.indexOf(level) + 1];
}

/** A tenant's approvers for one level: what an operator stores (README, Notifications). */
export const EscalationContactList = z.strictObject({ level: ApprovalLevelName, approvers: z.array(Email).min(1).max(10) });
export type EscalationContactList = z.infer<typeof EscalationContactList>;

/** A link whose approver no longer holds the approval: it was escalated away from them. */
export class ApprovalEscalatedError extends DomainError {
  readonly code = 'ApprovalEscalated';
  readonly level: ApprovalLevel | undefined;
  constructor(level: ApprovalLevel | undefined) {
    super(`This approval was escalated${level ? ` to the ${level} level` : ''}; links sent before the escalation no longer decide it`);
    this.level = level;
  }
}
