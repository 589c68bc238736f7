// The approval policy: tier defaults from campaign-tiers.md, role resolution
// through the directory, and the brief's approvers as the fallback.
import { describe, expect, it } from 'vitest';
import { ApprovalPolicy, DEFAULT_APPROVAL_POLICY, resolveStages } from '../../functions/domain/approval-policy.ts';
import { validationErrorFrom } from './expect-validation-error.ts';
import { parseOrThrow } from '../../functions/domain/validate.ts';

const BRIEF = ['brief@acme.example'];
const nobody = async () => [];

describe('resolveStages', () => {
  it('GIVEN no policy THEN the brief’s approvers decide as one ANY stage', async () => {
    expect(await resolveStages(undefined, 1, BRIEF, nobody)).toEqual([{ index: 0, name: 'Approval', rule: 'ANY', approvers: BRIEF }]);
  });

  it('GIVEN the defaults THEN Tier 1 has copy review, legal (ALL) and VP sign-off; Tier 2 copy review and Director; Tier 3 a Manager', async () => {
    const summary = async (tier: 1 | 2 | 3) => (await resolveStages(DEFAULT_APPROVAL_POLICY, tier, BRIEF, nobody)).map((s) => [s.name, s.rule]);
    expect(await summary(1)).toEqual([
      ['Copy and design review', 'MAJORITY'],
      ['Legal review', 'ALL'],
      ['VP sign-off', 'ANY'],
    ]);
    expect(await summary(2)).toEqual([
      ['Copy and design review', 'MAJORITY'],
      ['Director sign-off', 'ANY'],
    ]);
    expect(await summary(3)).toEqual([['Manager sign-off', 'ANY']]);
  });

  it('resolves roles through the directory, people first, without duplicates; a stage naming nobody falls back to the brief', async () => {
    const policy = parseOrThrow(
      ApprovalPolicy,
      { tiers: { ...DEFAULT_APPROVAL_POLICY.tiers, '2': [{ name: 'Review', rule: 'ALL', people: ['Ann@acme.example'], roles: ['content-lead'] }, { name: 'Sign-off', rule: 'ANY', roles: ['director'] }] } },
      'policy',
    );
    const directory = async (role: string) => (role === 'content-lead' ? ['ann@acme.example', 'bo@acme.example'] : []);
    const stages = await resolveStages(policy, 2, BRIEF, directory);
    expect(stages.map((s) => s.approvers)).toEqual([['Ann@acme.example', 'bo@acme.example'], BRIEF]);
  });

  it('refuses a policy with no stages for a tier, an unknown rule or too many stages, naming the field', () => {
    const fields = (tiers: object) => validationErrorFrom(() => parseOrThrow(ApprovalPolicy, { tiers: { ...DEFAULT_APPROVAL_POLICY.tiers, ...tiers } }, 'policy')).fields;
    expect(fields({ '3': [] })).toEqual(['tiers.3']);
    expect(fields({ '1': [{ name: 'x', rule: 'SOME' }] })).toEqual(['tiers.1.0.rule']);
    expect(fields({ '2': Array.from({ length: 6 }, (_, i) => ({ name: `s${i}`, rule: 'ANY' })) })).toEqual(['tiers.2']);
  });
});
