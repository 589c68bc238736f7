import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLeadTime, type Tier } from '../../functions/domain/campaign-tiers.ts';

/** Minimum and maximum lead time per tier, in weeks, from playbooks/campaign-tiers.md. */
const PLAYBOOK_WEEKS: Record<Tier, { min: number; max: number }> = { 1: { min: 8, max: 12 }, 2: { min: 4, max: 8 }, 3: { min: 2, max: 4 } };
const TIERS: Tier[] = [1, 2, 3];

/** `date` plus `days`, computed from the date's parts rather than with the code under test. */
function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const REQUESTED_AT = new Date('2027-01-04T09:00:00.000Z');

describe('checkLeadTime', () => {
  it.each(TIERS)('GIVEN Tier %i WHEN launch is exactly the minimum weeks away THEN the lead time is met', (tier) => {
    const days = PLAYBOOK_WEEKS[tier].min * 7;
    const check = checkLeadTime(tier, plusDays('2027-01-04', days), REQUESTED_AT);
    expect(check).toMatchObject({ met: true, availableDays: days, requiredDays: days, recommendedDays: PLAYBOOK_WEEKS[tier].max * 7 });
  });

  it.each(TIERS)('GIVEN Tier %i WHEN launch is one day short of the minimum THEN it is not met and the rule says why', (tier) => {
    const { min, max } = PLAYBOOK_WEEKS[tier];
    const check = checkLeadTime(tier, plusDays('2027-01-04', min * 7 - 1), REQUESTED_AT);
    expect(check.met).toBe(false);
    expect(check.availableDays).toBe(min * 7 - 1);
    expect(check.rule).toContain(`Tier ${tier}`);
    expect(check.rule).toContain(`${min}–${max} weeks`);
    expect(check.rule).toContain(`${min * 7} days`);
  });

  it('GIVEN requests at the first and last instant of the same UTC day THEN available days are the same', () => {
    const early = checkLeadTime(3, '2027-01-18', new Date('2027-01-04T00:00:00.000Z'));
    const late = checkLeadTime(3, '2027-01-18', new Date('2027-01-04T23:59:59.999Z'));
    expect(early.availableDays).toBe(14);
    expect(late.availableDays).toBe(14);
  });

  it('GIVEN two requests one millisecond apart across UTC midnight THEN the later one has one day fewer available', () => {
    const before = checkLeadTime(3, '2027-01-18', new Date('2027-01-03T23:59:59.999Z'));
    const after = checkLeadTime(3, '2027-01-18', new Date('2027-01-04T00:00:00.000Z'));
    expect(before.availableDays - after.availableDays).toBe(1);
    expect(before.met).toBe(true);
    expect(after.met).toBe(true);
  });

  it('GIVEN a launch date already in the past THEN available days are negative and the lead time is not met', () => {
    const check = checkLeadTime(3, '2026-12-25', REQUESTED_AT);
    expect(check.availableDays).toBe(-10);
    expect(check.met).toBe(false);
  });

  it('GIVEN any tier, request instant and launch offset THEN met holds exactly when available days reach the tier minimum', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.constantFrom(...TIERS), instant, fc.integer({ min: -400, max: 400 }), (tier, requestedAt, offset) => {
        const launchDate = plusDays(requestedAt.toISOString().slice(0, 10), offset);
        const check = checkLeadTime(tier, launchDate, requestedAt);
        expect(check.availableDays).toBe(offset);
        expect(check.requiredDays).toBe(7 * PLAYBOOK_WEEKS[tier].min);
        expect(check.met).toBe(check.availableDays >= check.requiredDays);
      }),
    );
  });
});
