// The synthesized CampaignBuild definition, executed by aws-local-stepfunctions
// (the interpreter the local runtime uses) with each Task state served by a
// stand-in that records its payload: the paths through the machine behave as
// the contract says, before any handler exists.
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STATE } from '../../functions/workflow/contracts.ts';
import { EXTRA_STATE } from '../../lib/constructs/campaign-build.ts';
import { type Json, stateMachineDefinition, synthMcc } from './mcc-synth.ts';

let definition: Json;

beforeAll(() => {
  definition = stateMachineDefinition(synthMcc().templates.workflow);
});

class NamedError extends Error {
  constructor(name: string, message = name) {
    super(message);
    this.name = name;
  }
}

type Stub = (payload: Json) => unknown;
const CAMPAIGN = { tenantId: 'acme', campaignId: 'c-1' };
const APPROVED = { decision: 'APPROVED', decidedBy: 'vp@acme.example', decidedAt: '2026-11-25T10:00:00.000Z' };

/** Runs the definition; each Task gets its Lambda payload, and lambda:invoke results come back wrapped in Payload as AWS does. */
async function run(stubs: Partial<Record<string, Stub>>, input: Json = { eventId: 'evt-1', detail: { tenantId: 'acme', brief: {} } }) {
  const calls: { state: string; payload: Json }[] = [];
  const handlers = Object.fromEntries(
    Object.values({ ...STATE }).map((state) => [
      state,
      async (params: unknown) => {
        const payload = (params as { Payload: Json }).Payload;
        calls.push({ state, payload });
        const stub = stubs[state];
        if (!stub) throw new Error(`unexpected call to ${state}`);
        const output = stub(payload);
        return state === STATE.requestApproval ? output : { Payload: output, StatusCode: 200 };
      },
    ]),
  );
  const machine = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { checkArn: false } });
  const execution = machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: handlers as never,
      retryIntervalOverrides: Object.fromEntries(Object.values(STATE).map((s) => [s, 0])),
    },
    context: { Task: { Token: 'token-123' }, Execution: { Id: 'arn:aws:states:us-east-1:000000000000:execution:build:run-1' } } as never,
  });
  const visited: string[] = [];
  const collect = (async () => {
    for await (const event of execution.eventLogs) if (event.type === 'StateEntered') visited.push(event.state.name);
  })();
  try {
    const output = await execution.result;
    await collect;
    return { output: output as Json, calls, visited, error: undefined };
  } catch (error) {
    await collect;
    return { output: undefined, calls, visited, error: error as Error };
  }
}

const happy = {
  [STATE.save]: () => ({ ...CAMPAIGN, duplicate: false }),
  [STATE.plan]: () => ({ postIds: ['p1', 'p2'], revision: 0, guidance: null }),
  [STATE.generatePost]: (p: Json) => ({ postId: p.postId, status: 'GENERATED' }),
  [STATE.requestApproval]: () => APPROVED,
  [STATE.syncToWorkfront]: () => ({ workfrontProjectId: 'wf-1', workfrontUrl: 'https://acme.my.workfront.com/project/wf-1' }),
};

describe('CampaignBuild, executed locally', () => {
  it('GIVEN an approval, THEN it plans, drafts every post, asks with the task token, syncs and ends Synced', async () => {
    const { output, calls, visited, error } = await run(happy);
    expect(error).toBeUndefined();
    expect(visited.at(-1)).toBe(EXTRA_STATE.synced);
    expect(calls.filter((c) => c.state === STATE.generatePost).map((c) => c.payload)).toEqual([
      { ...CAMPAIGN, postId: 'p1', revision: 0, guidance: null },
      { ...CAMPAIGN, postId: 'p2', revision: 0, guidance: null },
    ]);
    expect(calls.find((c) => c.state === STATE.requestApproval)?.payload).toEqual({ ...CAMPAIGN, revision: 0, stage: 0, taskToken: 'token-123' });
    expect(output).toMatchObject({ campaign: { ...CAMPAIGN, duplicate: false }, approval: APPROVED, workfront: { workfrontProjectId: 'wf-1' } });
  });

  it('GIVEN a duplicate delivery, THEN it stops at AlreadyBuilt without planning', async () => {
    const { visited, calls } = await run({ [STATE.save]: () => ({ ...CAMPAIGN, duplicate: true }) });
    expect(visited.at(-1)).toBe(STATE.alreadyBuilt);
    expect(calls.map((c) => c.state)).toEqual([STATE.save]);
  });

  it('GIVEN an invalid brief, THEN the execution fails as SaveFailed with the error', async () => {
    const { error, visited } = await run({ [STATE.save]: () => { throw new NamedError('ValidationError', 'Invalid brief: name: required'); } });
    expect(visited.at(-1)).toBe(EXTRA_STATE.saveFailed);
    expect(error?.message).toMatch(/Invalid brief: name: required/);
  });

  it('GIVEN one post keeps failing, THEN it is recorded FAILED and the others still reach approval', async () => {
    let throttled = 0;
    const { calls, visited } = await run({
      ...happy,
      [STATE.generatePost]: (p) => {
        if (p.postId === 'p1' && throttled++ < 2) throw new NamedError('Throttled');
        if (p.postId === 'p2') throw new NamedError('InvalidPlan', 'model output unusable');
        return { postId: p.postId, status: 'GENERATED' };
      },
      [STATE.recordPostFailure]: () => ({}),
    });
    expect(throttled).toBe(3);
    const failure = calls.find((c) => c.state === STATE.recordPostFailure)?.payload;
    expect(failure).toMatchObject({ action: 'recordPostFailure', ...CAMPAIGN, postId: 'p2', revision: 0, guidance: null, error: { Error: 'InvalidPlan' } });
    expect(visited).toContain(STATE.requestApproval);
    expect(visited.at(-1)).toBe(EXTRA_STATE.synced);
  });

  it('GIVEN a rejection with revisions left, THEN it regenerates with the guidance and asks again', async () => {
    let round = 0;
    const { calls, visited } = await run({
      ...happy,
      [STATE.requestApproval]: () => (round++ === 0 ? { ...APPROVED, decision: 'REJECTED', comment: 'shorter' } : APPROVED),
      [STATE.revise]: () => ({ revise: true, generation: { postIds: ['p2'], revision: 1, guidance: 'shorter' } }),
    });
    const revise = calls.find((c) => c.state === STATE.revise)?.payload;
    expect(revise).toMatchObject({ action: 'revise', ...CAMPAIGN, approval: { decision: 'REJECTED' }, generation: { postIds: ['p1', 'p2'], revision: 0 } });
    expect(calls.filter((c) => c.state === STATE.generatePost).at(-1)?.payload).toEqual({ ...CAMPAIGN, postId: 'p2', revision: 1, guidance: 'shorter' });
    expect(calls.filter((c) => c.state === STATE.requestApproval).at(-1)?.payload).toMatchObject({ revision: 1 });
    expect(visited.at(-1)).toBe(EXTRA_STATE.synced);
  });

  it('GIVEN three approval stages, THEN each stage is asked in turn with its own task and the last approval syncs', async () => {
    const { calls, visited, error } = await run({
      ...happy,
      [STATE.requestApproval]: (p) => ((p.stage as number) < 2 ? { ...APPROVED, nextStage: (p.stage as number) + 1 } : APPROVED),
    });
    expect(error).toBeUndefined();
    expect(calls.filter((c) => c.state === STATE.requestApproval).map((c) => c.payload)).toEqual(
      [0, 1, 2].map((stage) => ({ ...CAMPAIGN, revision: 0, stage, taskToken: 'token-123' })),
    );
    expect(visited.filter((s) => s === EXTRA_STATE.nextStage)).toHaveLength(2);
    expect(calls.filter((c) => c.state === STATE.syncToWorkfront)).toHaveLength(1);
    expect(visited.at(-1)).toBe(EXTRA_STATE.synced);
  });

  it('GIVEN a later stage rejects two posts, THEN Revise gets them, only those are regenerated, and approval starts again at the first stage', async () => {
    let round = 0;
    const { calls, visited } = await run({
      ...happy,
      [STATE.plan]: () => ({ postIds: ['p1', 'p2', 'p3', 'p4'], revision: 0, guidance: null }),
      [STATE.requestApproval]: (p) => {
        if (round === 0 && p.stage === 0) return { ...APPROVED, nextStage: 1 };
        if (round++ === 0) return { ...APPROVED, decision: 'REJECTED', comment: 'on p2: needs a source', rejectedPostIds: ['p2', 'p4'] };
        return p.stage === 0 ? { ...APPROVED, nextStage: 1 } : APPROVED;
      },
      [STATE.revise]: (p) => ({ revise: true, generation: { postIds: (p.approval as { rejectedPostIds: string[] }).rejectedPostIds, revision: 1, guidance: 'on p2: needs a source' } }),
    });
    expect(calls.find((c) => c.state === STATE.revise)?.payload).toMatchObject({ approval: { decision: 'REJECTED', rejectedPostIds: ['p2', 'p4'] } });
    const generated = calls.filter((c) => c.state === STATE.generatePost).map((c) => [c.payload.postId, c.payload.revision]);
    expect(generated).toEqual([['p1', 0], ['p2', 0], ['p3', 0], ['p4', 0], ['p2', 1], ['p4', 1]]);
    expect(calls.filter((c) => c.state === STATE.requestApproval).map((c) => [c.payload.revision, c.payload.stage])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(visited.at(-1)).toBe(EXTRA_STATE.synced);
  });

  it('GIVEN a rejection with no revisions left, THEN it ends Rejected', async () => {
    const { visited } = await run({
      ...happy,
      [STATE.requestApproval]: () => ({ ...APPROVED, decision: 'REJECTED' }),
      [STATE.revise]: () => ({ revise: false, generation: { postIds: ['p1'], revision: 2, guidance: null } }),
    });
    expect(visited.at(-1)).toBe(EXTRA_STATE.rejected);
  });

  it('GIVEN nobody answers in time, THEN MarkExpired runs and it ends Expired', async () => {
    const { calls, visited } = await run({
      ...happy,
      [STATE.requestApproval]: () => { throw new NamedError('States.Timeout'); },
      [STATE.markExpired]: () => ({}),
    });
    expect(calls.find((c) => c.state === STATE.markExpired)?.payload).toEqual({ ...CAMPAIGN, revision: 0, stage: 0 });
    expect(visited.at(-1)).toBe(EXTRA_STATE.expired);
  });

  it('GIVEN Workfront stays down, THEN it marks the campaign failed with the error and fails', async () => {
    const { calls, visited, error } = await run({
      ...happy,
      [STATE.syncToWorkfront]: () => { throw new NamedError('DependencyUnavailable', 'Workfront 503'); },
      [STATE.markFailed]: () => ({}),
    });
    expect(calls.filter((c) => c.state === STATE.syncToWorkfront)).toHaveLength(5);
    expect(calls.find((c) => c.state === STATE.markFailed)?.payload).toMatchObject({ action: 'markFailed', ...CAMPAIGN, error: { Error: 'DependencyUnavailable' } });
    expect(visited.at(-1)).toBe(EXTRA_STATE.failed);
    expect(error?.message).toMatch(/Workfront 503/);
  });
});
