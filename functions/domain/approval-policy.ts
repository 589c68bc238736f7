// Who signs a campaign off, per tenant: for each tier an ordered list of
// stages, each naming its approvers (people, or roles resolved from the
// tenant's team) and its quorum rule (stage-quorum.ts). The defaults follow
// knowledge-content/playbooks/campaign-tiers.md:
//   Tier 1 — "Legal is engaged from the kickoff"; review rounds end with
//            "legal review, final VP sign-off"      → copy review, legal (ALL), VP.
//   Tier 2 — "two rounds of copy and design review, Director sign-off"
//                                                   → copy review, Director.
//   Tier 3 — "one round of copy review and Manager sign-off" → Manager.
// A tenant without a stored policy keeps the brief's approvers as one ANY
// stage, which is also every stage's fallback when its roles resolve to nobody.
import { z } from 'zod';
import { Email } from './vocabulary.ts';
import { StageRule } from './stage-quorum.ts';

export const RoleName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be 1-40 lowercase letters, digits or hyphens, starting with a letter');
export type RoleName = z.infer<typeof RoleName>;

/** Stages run in sequence; a campaign waits on at most this many sign-offs. */
export const MAX_STAGES = 5;
export const MAX_STAGE_APPROVERS = 10;

export const PolicyStage = z.strictObject({
  name: z.string().trim().min(1).max(80),
  rule: StageRule,
  people: z.array(Email).max(MAX_STAGE_APPROVERS).default([]),
  roles: z.array(RoleName).max(5).default([]),
});
export type PolicyStage = z.infer<typeof PolicyStage>;

const Stages = z.array(PolicyStage).min(1).max(MAX_STAGES);

export const ApprovalPolicy = z.strictObject({
  tiers: z.strictObject({ '1': Stages, '2': Stages, '3': Stages }),
  /** Role → people, until the tenant's team (issue 15) names them. */
  roles: z.record(RoleName, z.array(Email).max(MAX_STAGE_APPROVERS)).default({}),
  /** Tier 3 campaigns whose automated checks all pass are approved by `policy:auto`. */
  autoApproveTier3: z.boolean().default(false),
});
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = ApprovalPolicy.parse({
  tiers: {
    '1': [
      { name: 'Copy and design review', rule: 'MAJORITY', roles: ['content-lead'] },
      { name: 'Legal review', rule: 'ALL', roles: ['legal'] },
      { name: 'VP sign-off', rule: 'ANY', roles: ['vp'] },
    ],
    '2': [
      { name: 'Copy and design review', rule: 'MAJORITY', roles: ['content-lead'] },
      { name: 'Director sign-off', rule: 'ANY', roles: ['director'] },
    ],
    '3': [{ name: 'Manager sign-off', rule: 'ANY', roles: ['manager'] }],
  },
});

/** The recorder of automatic decisions: never an e-mail address, so no link can be minted for it. */
export const AUTO_APPROVER = 'policy:auto';

export interface ResolvedStage {
  readonly index: number;
  readonly name: string;
  readonly rule: StageRule;
  readonly approvers: readonly string[];
}

export type RoleMembers = (role: RoleName) => Promise<readonly string[]>;

/**
 * The stages a campaign of `tier` goes through. People are listed before role
 * members, duplicates dropped (case-insensitively), at most ten per stage; a
 * stage that names nobody who exists falls back to the brief's approvers.
 */
export async function resolveStages(
  policy: ApprovalPolicy | undefined,
  tier: 1 | 2 | 3,
  briefApprovers: readonly string[],
  membersOf: RoleMembers,
): Promise<ResolvedStage[]> {
  if (!policy) return [{ index: 0, name: 'Approval', rule: 'ANY', approvers: [...briefApprovers] }];
  const stages: ResolvedStage[] = [];
  for (const [index, stage] of policy.tiers[`${tier}`].entries()) {
    const members = (await Promise.all(stage.roles.map(membersOf))).flat();
    const approvers = distinct([...stage.people, ...members]).slice(0, MAX_STAGE_APPROVERS);
    stages.push({ index, name: stage.name, rule: stage.rule, approvers: approvers.length ? approvers : [...briefApprovers] });
  }
  return stages;
}

function distinct(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
}
