// The quorum rule of an approval stage, as fast-check properties over
// arbitrary decision sequences: duplicates, replays, outsiders, any order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../functions/domain/approval.ts';
import { requiredApprovals, STAGE_RULES, tallyStage, type CountedDecision, type StageRule } from '../../functions/domain/stage-quorum.ts';

const rule = fc.constantFrom<StageRule>(...STAGE_RULES);
const decision = fc.constantFrom<Decision>('APPROVED', 'REJECTED');

/** A stage of 1-7 approvers, each with one intended decision (or none yet). */
const stage = fc
  .record({ rule, size: fc.integer({ min: 1, max: 7 }) })
  .chain(({ rule, size }) =>
    fc.record({
      rule: fc.constant(rule),
      approvers: fc.constant(Array.from({ length: size }, (_, i) => `approver${i}@acme.example`)),
      intents: fc.array(fc.option(decision, { nil: undefined }), { minLength: size, maxLength: size }),
    }),
  );

/** Each intent once, plus replays of it (a double click, a re-sent form) and outsiders, shuffled. */
function arrivals(approvers: readonly string[], intents: readonly (Decision | undefined)[]) {
  const own: CountedDecision[] = approvers.flatMap((approver, i) => {
    const d = intents[i];
    return d ? [{ approver, decision: d }] : [];
  });
  return fc
    .record({
      replays: fc.array(fc.nat(), { maxLength: 6 }),
      outsiders: fc.array(fc.record({ approver: fc.constantFrom('eve@evil.example', 'policy:other'), decision }), { maxLength: 3 }),
      shuffle: fc.array(fc.nat()),
    })
    .map(({ replays, outsiders, shuffle }) => {
      const replayed = own.length ? replays.map((n) => own[n % own.length] as CountedDecision) : [];
      const all = [...own, ...replayed, ...outsiders];
      // A Fisher–Yates shuffle driven by the generated numbers, so shrinking stays meaningful.
      for (let i = all.length - 1; i > 0; i--) {
        const j = (shuffle[i] ?? 0) % (i + 1);
        [all[i], all[j]] = [all[j] as CountedDecision, all[i] as CountedDecision];
      }
      return all;
    });
}

const scenario = stage.chain((s) => arrivals(s.approvers, s.intents).map((sequence) => ({ ...s, sequence })));

describe('tallyStage', () => {
  it('no stage passes without its quorum, and no approver counts twice', () => {
    fc.assert(
      fc.property(scenario, ({ rule, approvers, sequence }) => {
        const tally = tallyStage(rule, approvers, sequence);
        expect(new Set(tally.counted).size).toBe(tally.counted.length);
        expect(tally.approvals + tally.rejections).toBe(tally.counted.length);
        expect(tally.counted.every((a) => approvers.includes(a))).toBe(true);
        if (tally.state === 'PASSED') expect(tally.approvals).toBeGreaterThanOrEqual(requiredApprovals(rule, approvers.length));
        else expect(tally.approvals).toBeLessThan(requiredApprovals(rule, approvers.length));
      }),
    );
  });

  it('a rejection under ALL always fails the stage', () => {
    fc.assert(
      fc.property(scenario, ({ approvers, sequence }) => {
        const tally = tallyStage('ALL', approvers, sequence);
        const rejected = sequence.some((d) => approvers.includes(d.approver) && d.decision === 'REJECTED');
        expect(tally.state === 'FAILED').toBe(rejected);
      }),
    );
  });

  it('the outcome is independent of the order of concurrent decisions: the first settled state is the final one', () => {
    fc.assert(
      fc.property(scenario, ({ rule, approvers, intents, sequence }) => {
        // Step through the arrivals as the stage would see them, one at a time.
        let settled: string | undefined;
        for (let n = 1; n <= sequence.length; n++) {
          const state = tallyStage(rule, approvers, sequence.slice(0, n)).state;
          if (settled) expect(state).toBe(settled);
          else if (state !== 'PENDING') settled = state;
        }
        const final = tallyStage(rule, approvers, sequence).state;
        // The same decisions in their canonical order give the same answer.
        const canonical = approvers.flatMap((approver, i) => (intents[i] ? [{ approver, decision: intents[i] as Decision }] : []));
        expect(tallyStage(rule, approvers, canonical).state).toBe(final);
        if (settled) expect(final).toBe(settled);
      }),
    );
  });

  it('once everyone decided, the stage is settled', () => {
    fc.assert(
      fc.property(rule, fc.array(decision, { minLength: 1, maxLength: 7 }), (r, votes) => {
        const approvers = votes.map((_, i) => `a${i}@acme.example`);
        const tally = tallyStage(r, approvers, votes.map((d, i) => ({ approver: approvers[i] as string, decision: d })));
        expect(tally.state).not.toBe('PENDING');
      }),
    );
  });

  it('GIVEN MAJORITY of three with one dissent THEN it passes; ANY passes on one approval despite a rejection; approvers compare case-insensitively', () => {
    const three = ['a@x.example', 'b@x.example', 'c@x.example'];
    expect(
      tallyStage('MAJORITY', three, [
        { approver: 'a@x.example', decision: 'REJECTED' },
        { approver: 'B@X.example', decision: 'APPROVED' },
        { approver: 'c@x.example', decision: 'APPROVED' },
      ]).state,
    ).toBe('PASSED');
    expect(tallyStage('MAJORITY', three, [{ approver: 'a@x.example', decision: 'REJECTED' }, { approver: 'b@x.example', decision: 'REJECTED' }]).state).toBe('FAILED');
    expect(tallyStage('ANY', three, [{ approver: 'a@x.example', decision: 'REJECTED' }]).state).toBe('PENDING');
    expect(tallyStage('ANY', three, [{ approver: 'a@x.example', decision: 'REJECTED' }, { approver: 'c@x.example', decision: 'APPROVED' }]).state).toBe('PASSED');
    expect(tallyStage('MAJORITY', ['a@x.example', 'b@x.example'], [{ approver: 'a@x.example', decision: 'REJECTED' }]).state).toBe('FAILED');
  });
});
