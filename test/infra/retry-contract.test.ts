// The retry contract's two halves agree: every Task in the synthesized
// CampaignBuild definition retries every code the error policy calls
// retryable. Every Task handler runs through stepHandler, which names AWS
// throttles and transient failures Throttled / DependencyUnavailable (shown
// for each handler in test/handlers/step-handler-throttling.test.ts), so every
// Task can raise them.
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_POLICY, RETRYABLE_ERROR_CODES } from '../../functions/domain/error-policy.ts';
import { STATE } from '../../functions/workflow/contracts.ts';
import { allStates, type Json, stateMachineDefinition, synthMcc } from './mcc-synth.ts';

type Retrier = { ErrorEquals: string[]; MaxAttempts?: number };
let tasks: [string, Json][];

beforeAll(() => {
  // GIVEN the app as cdk.json configures it, WHEN synthesized
  const { templates } = synthMcc();
  tasks = Object.entries(allStates(stateMachineDefinition(templates.workflow))).filter(([, s]) => s.Type === 'Task');
});

describe('the retry contract', () => {
  it('covers every Task of the build, the Map item included', () => {
    const names = tasks.map(([name]) => name);
    for (const name of [STATE.save, STATE.plan, STATE.generatePost, STATE.recordPostFailure, STATE.requestApproval, STATE.revise, STATE.markFailed, STATE.markExpired, STATE.syncToWorkfront]) {
      expect(names).toContain(name);
    }
  });

  it('has every Task retry every retryable code of the error policy, with a bounded budget', () => {
    expect(RETRYABLE_ERROR_CODES).toEqual(expect.arrayContaining(['Throttled', 'DependencyUnavailable']));
    for (const [name, task] of tasks) {
      const retriers = (task.Retry ?? []) as Retrier[];
      const retried = new Set(retriers.flatMap((r) => r.ErrorEquals));
      for (const code of RETRYABLE_ERROR_CODES) expect(retried.has(code), `${name} retries ${code}`).toBe(true);
      for (const r of retriers) expect(r.MaxAttempts ?? 3, name).toBeLessThanOrEqual(5);
    }
  });

  it('retries no code the policy calls permanent', () => {
    const permanent = Object.entries(ERROR_POLICY).filter(([, p]) => !p.retryable).map(([code]) => code);
    for (const [name, task] of tasks) {
      const retried = ((task.Retry ?? []) as Retrier[]).flatMap((r) => r.ErrorEquals);
      expect(retried.filter((code) => permanent.includes(code)), name).toEqual([]);
    }
  });
});
