// fast-check over arbitrary interleavings of approval decisions on DynamoDB
// Local: two stages, each with its own rule and approvers; every approver's
// decision, duplicates of it and replays of the first stage's links race
// concurrently. Whatever the order: a stage passes only with its quorum, no
// approver counts twice, the workflow is resumed exactly once per settled
// stage with the outcome the decisions imply, and nothing lands in a stage
// after it closed.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import type { Decision } from '../../functions/domain/approval.ts';
import { DEFAULT_APPROVAL_POLICY } from '../../functions/domain/approval-policy.ts';
import { STAGE_RULES, tallyStage, type StageRule } from '../../functions/domain/stage-quorum.ts';
import type { TaskCallbacks } from '../../functions/ports/task-callbacks.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import { decideApproval, type DecideApprovalDeps } from '../../functions/use-cases/decide-approval.ts';
import { requestApproval } from '../../functions/use-cases/request-approval.ts';
import type { ApprovalOutcome } from '../../functions/workflow/contracts.ts';
import { stageRepositories } from '../support/approval-stages.ts';
import { keyOf, OutboxMailer, seedGeneratedCampaign, StaticKeys, tokenFromEmail } from '../support/approval.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { FakeAws, TEST_AWS } from '../support/fake-aws.ts';
import { NOW } from '../support/fixtures.ts';

let aws: FakeAws;
let campaigns: CampaignRepository;
let approvals: ApprovalRepository;
let stages: ReturnType<typeof stageRepositories>;
let updates: CampaignUpdates;
beforeAll(async () => {
  aws = await new FakeAws().start();
  const table = await createTestTable();
  campaigns = new CampaignRepository(table.doc, table.tableName);
  approvals = new ApprovalRepository(table.doc, table.tableName);
  stages = stageRepositories(table);
  updates = new CampaignUpdates(new EventBridgeClient({ endpoint: aws.endpoint, ...TEST_AWS }), 'mcc');
});
afterAll(() => aws.stop());

interface StageScenario {
  readonly rule: StageRule;
  readonly intents: readonly (Decision | undefined)[];
  /** How many extra times each approver's decision is sent (double clicks, re-sent forms). */
  readonly duplicates: readonly number[];
}

const stageScenario: fc.Arbitrary<StageScenario> = fc
  .record({ rule: fc.constantFrom<StageRule>(...STAGE_RULES), size: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rule, size }) =>
    fc.record({
      rule: fc.constant(rule),
      intents: fc.array(fc.option(fc.constantFrom<Decision>('APPROVED', 'REJECTED'), { nil: undefined, freq: 4 }), { minLength: size, maxLength: size }),
      duplicates: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: size, maxLength: size }),
    }),
  );

const people = (stage: number, n: number) => Array.from({ length: n }, (_, i) => `s${stage}-p${i}@acme.example`);

/** The same multiset of sends in a generated order. */
function shuffled<T>(items: readonly T[], seed: readonly number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seed[i] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

let run = 0;

describe('approval decisions under arbitrary interleavings (DynamoDB Local)', () => {
  it('no stage passes without its quorum, no approver counts twice, one resume per settled stage, outcome independent of order', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(stageScenario, stageScenario, fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), async (first, second, seed) => {
        run++;
        const tenantId = `prop${run}-${Math.random().toString(36).slice(2, 7)}`;
        const approvers = [people(0, first.intents.length), people(1, second.intents.length)];
        await stages.policies.put(
          tenantId,
          {
            ...DEFAULT_APPROVAL_POLICY,
            tiers: {
              ...DEFAULT_APPROVAL_POLICY.tiers,
              '3': [
                { name: 'First', rule: first.rule, people: approvers[0], roles: [] },
                { name: 'Second', rule: second.rule, people: approvers[1], roles: [] },
              ],
            },
          },
          NOW,
        );
        await seedGeneratedCampaign(campaigns, { tenantId, campaignId: 'cmp-prop' });
        const mailer = new OutboxMailer();
        const resumed: { token: string; output: ApprovalOutcome }[] = [];
        const tasks: TaskCallbacks = { succeed: async (token, output) => void resumed.push({ token, output: output as ApprovalOutcome }), fail: async () => {} };
        const keys = new StaticKeys(keyOf('v1'));
        const requestDeps = { campaigns, approvals, ...stages, updates, mailer, keys, tasks, approvalBaseUrl: 'https://a.example', windowSeconds: 3600, now: () => NOW };
        const decide: DecideApprovalDeps = { campaigns, approvals, ...stages, updates, keys, tasks, now: () => NOW };
        const ask = async (stage: number) => {
          const before = mailer.sent.length;
          await requestApproval(requestDeps, { tenantId, campaignId: 'cmp-prop', revision: 0, stage, taskToken: `token-${stage}` });
          return new Map(mailer.sent.slice(before).map((m) => [m.to[0] as string, tokenFromEmail(m.text)]));
        };
        const sends = (scenario: StageScenario, links: Map<string, string>, stage: number) =>
          scenario.intents.flatMap((intent, i) => {
            const who = approvers[stage]?.[i] as string;
            return intent ? Array.from({ length: 1 + (scenario.duplicates[i] ?? 0) }, () => ({ token: links.get(who) as string, decision: intent })) : [];
          });

        // Stage 1: every send at once, in a generated order.
        const links0 = await ask(0);
        await Promise.all(shuffled(sends(first, links0, 0), seed).map((s) => decideApproval(decide, s)));
        const expected0 = tallyStage(first.rule, approvers[0] as string[], first.intents.flatMap((d, i) => (d ? [{ approver: approvers[0]?.[i] as string, decision: d }] : []))).state;
        await checkStage(tenantId, 'rev-0', approvers[0] as string[], first, expected0);
        expect(resumed.filter((r) => r.token === 'token-0')).toHaveLength(expected0 === 'PENDING' ? 0 : 1);
        if (expected0 !== 'PASSED') {
          expect(resumed.filter((r) => r.token === 'token-0').map((r) => r.output.decision)).toEqual(expected0 === 'FAILED' ? ['REJECTED'] : []);
          return;
        }
        expect(resumed[0]?.output).toMatchObject({ decision: 'APPROVED', nextStage: 1 });

        // Stage 2, with the first stage's links replayed in between: they change nothing.
        const links1 = await ask(1);
        const replays = sends(first, links0, 0).map((s) => ({ ...s, decision: s.decision === 'APPROVED' ? ('REJECTED' as const) : ('APPROVED' as const) }));
        await Promise.all(shuffled([...sends(second, links1, 1), ...replays], seed.slice().reverse()).map((s) => decideApproval(decide, s)));
        const expected1 = tallyStage(second.rule, approvers[1] as string[], second.intents.flatMap((d, i) => (d ? [{ approver: approvers[1]?.[i] as string, decision: d }] : []))).state;
        await checkStage(tenantId, 'rev-0', approvers[0] as string[], first, expected0);
        await checkStage(tenantId, 'rev-0-stage-1', approvers[1] as string[], second, expected1);
        expect(resumed.filter((r) => r.token === 'token-1')).toHaveLength(expected1 === 'PENDING' ? 0 : 1);
        const status = (await campaigns.require(tenantId, 'cmp-prop')).status;
        expect(status).toBe(expected1 === 'PASSED' ? 'APPROVED' : expected1 === 'FAILED' ? 'REJECTED' : 'AWAITING_APPROVAL');
      }),
      { numRuns: 12 },
    );
  });
});

async function checkStage(tenantId: string, approvalId: string, approvers: string[], scenario: StageScenario, expected: string) {
  const recorded = await stages.decisions.listForStage(tenantId, 'cmp-prop', approvalId);
  // No approver counts twice; whatever was recorded is what that approver meant.
  expect(new Set(recorded.map((d) => d.approver)).size).toBe(recorded.length);
  for (const d of recorded) expect(d.decision).toBe(scenario.intents[approvers.indexOf(d.approver)]);
  // No stage passes without its quorum: the recorded decisions alone settle it as expected.
  const tally = tallyStage(scenario.rule, approvers, recorded);
  expect(tally.state).toBe(expected);
  const approval = await approvals.get(tenantId, 'cmp-prop', approvalId);
  expect(approval?.status).toBe(expected === 'PENDING' ? 'PENDING' : 'DECIDED');
  if (expected !== 'PENDING') expect(approval?.decision).toBe(expected === 'PASSED' ? 'APPROVED' : 'REJECTED');
}
