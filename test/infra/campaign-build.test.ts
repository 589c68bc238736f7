// The CampaignBuild state machine as synthesized: the definition the local
// runtime executes, checked state by state against the contract, and validated
// as Amazon States Language.
import { createRequire } from 'node:module';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction, InlineCode, Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { RETRYABLE_ERROR_CODES } from '../../functions/domain/errors.ts';
import { STATE } from '../../functions/workflow/contracts.ts';
import { CampaignBuild, EXTRA_STATE, LAMBDA_SERVICE_ERRORS } from '../../lib/constructs/campaign-build.ts';
import { allStates, type Json, stateMachineDefinition, synthMcc } from './mcc-synth.ts';

const validateAsl = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => { isValid: boolean; errors: unknown[] };

let definition: Json;
let states: Record<string, Json>;
let lambdaIds: Set<string>;

const state = (name: string): Json => {
  const found = states[name];
  if (!found) throw new Error(`no state ${name}`);
  return found;
};
const payload = (name: string) => (state(name).Parameters as Json).Payload as Json;
const catchOf = (name: string) => state(name).Catch as { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
const retryOf = (name: string) =>
  (state(name).Retry ?? []) as { ErrorEquals: string[]; MaxAttempts?: number; JitterStrategy?: string; MaxDelaySeconds?: number; BackoffRate?: number }[];

beforeAll(() => {
  // GIVEN the app as cdk.json configures it
  const { templates } = synthMcc();
  // WHEN the workflow stack is synthesized
  definition = stateMachineDefinition(templates.workflow);
  states = allStates(definition);
  lambdaIds = new Set(Object.keys(templates.workflow.findResources('AWS::Lambda::Function')));
});

describe('CampaignBuild definition', () => {
  it('is valid Amazon States Language (asl-validator)', () => {
    const result = validateAsl(structuredClone(definition));
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('is JSONPath and uses nothing the local interpreter lacks', () => {
    const text = JSON.stringify(definition);
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(text).not.toMatch(/"QueryLanguage":"JSONata"|HeartbeatSeconds|ToleratedFailure|"Mode":"DISTRIBUTED"/);
  });

  it('names every contract state', () => {
    for (const name of Object.values(STATE)) expect(Object.keys(states)).toContain(name);
  });

  it('invokes each Lambda through lambda:invoke with FunctionName = GetAtt of a function in the same template', () => {
    const tasks = Object.entries(states).filter(([, s]) => s.Type === 'Task');
    expect(tasks.length).toBeGreaterThanOrEqual(9);
    for (const [name, task] of tasks) {
      expect(task.Resource, name).toMatch(/^arn:.*:states:::lambda:invoke(\.waitForTaskToken)?$/);
      const fn = String((task.Parameters as Json).FunctionName);
      expect(fn, name).toMatch(/^GetAtt:/);
      expect(lambdaIds.has(fn.slice('GetAtt:'.length)), name).toBe(true);
    }
  });

  it('starts at Save with the event ID, the detail and its own execution ID, unwraps the result into $.campaign, and fails as SaveFailed', () => {
    expect(definition.StartAt).toBe(STATE.save);
    expect((state(STATE.save).Parameters as Json).Payload).toEqual({ 'eventId.$': '$.eventId', 'detail.$': '$.detail', 'executionId.$': '$$.Execution.Id' });
    expect(state(STATE.save).ResultPath).toBe('$.campaign');
    expect(state(STATE.save).ResultSelector).toEqual({
      'tenantId.$': '$.Payload.tenantId',
      'campaignId.$': '$.Payload.campaignId',
      'duplicate.$': '$.Payload.duplicate',
    });
    expect(catchOf(STATE.save)).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: EXTRA_STATE.saveFailed }]);
    expect(state(EXTRA_STATE.saveFailed).Type).toBe('Fail');
  });

  it('ends a duplicate delivery quietly in AlreadyBuilt', () => {
    expect(state(STATE.save).Next).toBe(EXTRA_STATE.isDuplicate);
    const choice = state(EXTRA_STATE.isDuplicate);
    expect(choice.Choices).toEqual([{ Variable: '$.campaign.duplicate', BooleanEquals: true, Next: STATE.alreadyBuilt }]);
    expect(choice.Default).toBe(STATE.plan);
    expect(state(STATE.alreadyBuilt).Type).toBe('Succeed');
  });

  it('plans with the campaign reference and retries throttling and outages with bounded, jittered backoff', () => {
    expect(payload(STATE.plan)).toEqual({ 'tenantId.$': '$.campaign.tenantId', 'campaignId.$': '$.campaign.campaignId' });
    expect(state(STATE.plan).ResultPath).toBe('$.generation');
    const [retry] = retryOf(STATE.plan);
    expect(retry?.ErrorEquals).toEqual(expect.arrayContaining([...RETRYABLE_ERROR_CODES, ...LAMBDA_SERVICE_ERRORS]));
    // A crashed or timed-out function is retried too: the tasks are idempotent.
    expect(retry?.ErrorEquals).toContain('Lambda.Unknown');
    expect(retry).toMatchObject({ JitterStrategy: 'FULL', BackoffRate: 2 });
    expect(retry?.MaxAttempts).toBeLessThanOrEqual(5);
    expect(retry?.MaxDelaySeconds).toBeLessThanOrEqual(60);
    expect(catchOf(STATE.plan)).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: STATE.markFailed }]);
  });

  it('drafts posts in a Map over $.generation.postIds with MaxConcurrency 10 and discards its result', () => {
    const map = state(STATE.generate);
    expect(map.Type).toBe('Map');
    expect(map.ItemsPath).toBe('$.generation.postIds');
    expect(map.MaxConcurrency).toBe(10);
    expect(map.ResultPath).toBeNull();
    expect(map.ItemSelector).toEqual({
      'tenantId.$': '$.campaign.tenantId',
      'campaignId.$': '$.campaign.campaignId',
      'postId.$': '$$.Map.Item.Value',
      'revision.$': '$.generation.revision',
      'guidance.$': '$.generation.guidance',
    });
    expect((map.ItemProcessor as Json).StartAt).toBe(STATE.generatePost);
    expect(map.Next).toBe(EXTRA_STATE.startApproval);
  });

  it('starts every round of approval at the first stage, and asks the next stage after one passes', () => {
    expect(state(EXTRA_STATE.startApproval)).toMatchObject({ Type: 'Pass', Result: { index: 0 }, ResultPath: '$.stage', Next: STATE.requestApproval });
    expect(state(EXTRA_STATE.nextStage)).toMatchObject({
      Type: 'Pass',
      Parameters: { 'index.$': '$.approval.nextStage' },
      ResultPath: '$.stage',
      Next: STATE.requestApproval,
    });
  });

  it('records a failed post inside its iteration so the other posts carry on', () => {
    expect(retryOf(STATE.generatePost)[0]).toMatchObject({ JitterStrategy: 'FULL' });
    expect(catchOf(STATE.generatePost)).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: STATE.recordPostFailure }]);
    expect(payload(STATE.recordPostFailure)).toEqual({
      action: 'recordPostFailure',
      'tenantId.$': '$.tenantId',
      'campaignId.$': '$.campaignId',
      'postId.$': '$.postId',
      'revision.$': '$.revision',
      'guidance.$': '$.guidance',
      'error.$': '$.error',
    });
    expect(state(STATE.recordPostFailure).End).toBe(true);
  });

  it('waits for the approver with the task token in the payload and the approval window as TimeoutSeconds', () => {
    const task = state(STATE.requestApproval);
    expect(task.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(task.TimeoutSeconds).toBe(259_200);
    expect(payload(STATE.requestApproval)).toEqual({
      'tenantId.$': '$.campaign.tenantId',
      'campaignId.$': '$.campaign.campaignId',
      'revision.$': '$.generation.revision',
      'stage.$': '$.stage.index',
      'taskToken.$': '$$.Task.Token',
    });
    expect(task.ResultPath).toBe('$.approval');
    expect(catchOf(STATE.requestApproval).map((c) => [c.ErrorEquals, c.Next])).toEqual([
      [['States.Timeout'], STATE.markExpired],
      [['States.ALL'], STATE.markFailed],
    ]);
  });

  it('expires an unanswered approval and ends in Expired', () => {
    expect(payload(STATE.markExpired)).toEqual({
      'tenantId.$': '$.campaign.tenantId',
      'campaignId.$': '$.campaign.campaignId',
      'revision.$': '$.generation.revision',
      'stage.$': '$.stage.index',
    });
    expect(state(STATE.markExpired).Next).toBe(EXTRA_STATE.expired);
    expect(state(EXTRA_STATE.expired).Type).toBe('Succeed');
  });

  it('routes the decision: APPROVED with a next stage to NextStage, APPROVED to SyncToWorkfront → Synced, REJECTED to Revise', () => {
    const decision = state(STATE.decision);
    expect(decision.Choices).toEqual([
      {
        And: [
          { Variable: '$.approval.decision', StringEquals: 'APPROVED' },
          { Variable: '$.approval.nextStage', IsPresent: true },
        ],
        Next: EXTRA_STATE.nextStage,
      },
      { Variable: '$.approval.decision', StringEquals: 'APPROVED', Next: STATE.syncToWorkfront },
      { Variable: '$.approval.decision', StringEquals: 'REJECTED', Next: STATE.revise },
    ]);
    expect(payload(STATE.syncToWorkfront)).toEqual({ 'tenantId.$': '$.campaign.tenantId', 'campaignId.$': '$.campaign.campaignId' });
    expect(state(STATE.syncToWorkfront).ResultPath).toBe('$.workfront');
    expect(retryOf(STATE.syncToWorkfront)[0]?.ErrorEquals).toEqual(expect.arrayContaining(['DependencyUnavailable', 'Throttled']));
    expect(catchOf(STATE.syncToWorkfront)[0]?.Next).toBe(STATE.markFailed);
    expect(state(STATE.syncToWorkfront).Next).toBe(EXTRA_STATE.synced);
  });

  it('revises back into Generate with the new generation while revisions remain, else ends Rejected', () => {
    expect(payload(STATE.revise)).toEqual({
      action: 'revise',
      'tenantId.$': '$.campaign.tenantId',
      'campaignId.$': '$.campaign.campaignId',
      'approval.$': '$.approval',
      'generation.$': '$.generation',
    });
    expect(state(STATE.revise).ResultPath).toBe('$.revision');
    const choice = state(EXTRA_STATE.shouldRevise);
    expect(choice.Choices).toEqual([{ Variable: '$.revision.revise', BooleanEquals: true, Next: EXTRA_STATE.nextRevision }]);
    expect(choice.Default).toBe(EXTRA_STATE.rejected);
    expect(state(EXTRA_STATE.nextRevision)).toMatchObject({ Type: 'Pass', InputPath: '$.revision.generation', ResultPath: '$.generation', Next: STATE.generate });
  });

  it('marks the campaign failed with the caught error, then fails the execution', () => {
    expect(payload(STATE.markFailed)).toEqual({
      action: 'markFailed',
      'tenantId.$': '$.campaign.tenantId',
      'campaignId.$': '$.campaign.campaignId',
      'error.$': '$.error',
    });
    expect(state(STATE.markFailed).Next).toBe(EXTRA_STATE.failed);
    expect(state(EXTRA_STATE.failed).Type).toBe('Fail');
  });
});

describe('CampaignBuild construct', () => {
  const functions = (stack: Stack) => {
    const fn = new LambdaFunction(stack, 'Fn', { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: new InlineCode('x') });
    return { saveCampaign: fn, planCampaign: fn, generatePost: fn, campaignOutcome: fn, requestApproval: fn, expireApproval: fn, syncToWorkfront: fn };
  };

  it('refuses a Map concurrency above the inline Map limit of 40', () => {
    const stack = new Stack(new App(), 'S');
    expect(() => new CampaignBuild(stack, 'Build', { functions: functions(stack), mapConcurrency: 41, approvalWindow: Duration.hours(1) })).toThrow(/at most 40/);
  });
});
