// Fault injection for the local runtime: off by default, repeatable for a
// seed, at the configured rate, and shaped like the failures the deployed app
// meets (a throttled model call before any work, a crash after the work).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faultConfigFrom, FaultInjector, seededRandom } from '../../local/faults.ts';
import type { InvokeResult } from '../../local/lambda/function-pool.ts';
import type { LocalFunction } from '../../local/template/app-model.ts';

const fn = (environment: Record<string, string>): LocalFunction => ({
  logicalId: 'Fn',
  stackName: 'S',
  name: 'fn',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:fn',
  runtime: 'nodejs24.x',
  handler: 'index.handler',
  timeoutSeconds: 30,
  memoryMb: 512,
  codeDir: undefined,
  environment,
});

describe('fault configuration', () => {
  it('is off unless a rate is set, and rejects rates outside 0–1', () => {
    const none = faultConfigFrom({});
    expect(none).toEqual({ seed: 1, agentThrottleRate: 0, workfront5xxRate: 0, lambdaCrashRate: 0 });
    expect(new FaultInjector(none).enabled).toBe(false);
    expect(faultConfigFrom({ MCC_FAULT_SEED: '7', MCC_FAULT_WORKFRONT_5XX_RATE: '0.25' })).toMatchObject({ seed: 7, workfront5xxRate: 0.25 });
    expect(() => faultConfigFrom({ MCC_FAULT_LAMBDA_CRASH_RATE: '1.5' })).toThrow(/MCC_FAULT_LAMBDA_CRASH_RATE/);
  });
});

describe('the seeded PRNG', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = seededRandom(seed);
        const b = seededRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('injects at about the configured rate, the same faults for the same seed', () => {
    const draws = (seed: number) => {
      const injector = new FaultInjector({ seed, agentThrottleRate: 0, workfront5xxRate: 0.3, lambdaCrashRate: 0 });
      return Array.from({ length: 2000 }, () => injector.workfrontUnavailable());
    };
    const first = draws(42);
    expect(draws(42)).toEqual(first);
    expect(draws(43)).not.toEqual(first);
    const share = first.filter(Boolean).length / first.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});

describe('Lambda faults', () => {
  const ok: InvokeResult = { ok: true, payload: { done: true } };

  it('throttles only agent-backed functions, before they run', async () => {
    const injector = new FaultInjector({ seed: 1, agentThrottleRate: 1, workfront5xxRate: 0, lambdaCrashRate: 0 });
    let runs = 0;
    const run = async () => {
      runs += 1;
      return ok;
    };
    expect(await injector.intercept(fn({ AGENT_PROVIDER: 'local' }), run)).toMatchObject({ ok: false, error: { errorType: 'Throttled' } });
    expect(runs).toBe(0);
    expect(await injector.intercept(fn({}), run)).toEqual(ok);
    expect(runs).toBe(1);
    expect(injector.injected.agentThrottle).toBe(1);
  });

  it('a crash lets the function do its work, then loses its answer as Runtime.ExitError', async () => {
    const injector = new FaultInjector({ seed: 1, agentThrottleRate: 0, workfront5xxRate: 0, lambdaCrashRate: 1 });
    let runs = 0;
    const result = await injector.intercept(fn({}), async () => {
      runs += 1;
      return ok;
    });
    expect(runs).toBe(1);
    expect(result).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect(injector.injected.lambdaCrash).toBe(1);
  });
});
