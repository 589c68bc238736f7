// Fault injection for the local runtime, off unless configured: a share of
// Lambda invocations crash, agent-backed invocations come back Throttled, and
// the Workfront sandbox answers 503. Each kind draws from its own seeded PRNG
// (MCC_FAULT_SEED), so a run's sequence of faults per kind is repeatable.
// Faults are injected at the edges the deployed app also has — the Lambda
// service's answer and Workfront's HTTP answer — so the real retry and catch
// paths (the adapter's and the state machine's) are what get exercised.
import { z } from 'zod';
import type { InvokeResult } from './lambda/function-pool.ts';
import type { LocalFunction } from './template/app-model.ts';

const rate = z.coerce.number().min(0).max(1).default(0);

export const FaultConfigSchema = z.object({
  MCC_FAULT_SEED: z.coerce.number().int().default(1),
  /** Share of invocations of agent-backed functions (AGENT_PROVIDER set) answered `Throttled`, as after the adapter's own retries. */
  MCC_FAULT_AGENT_THROTTLE_RATE: rate,
  /** Share of Workfront sandbox requests answered 503 Service Unavailable. */
  MCC_FAULT_WORKFRONT_5XX_RATE: rate,
  /** Share of Lambda invocations that crash (Runtime.ExitError), as a process dying mid-invocation. */
  MCC_FAULT_LAMBDA_CRASH_RATE: rate,
});

export interface FaultConfig {
  readonly seed: number;
  readonly agentThrottleRate: number;
  readonly workfront5xxRate: number;
  readonly lambdaCrashRate: number;
}

export type FaultKind = 'agentThrottle' | 'workfront5xx' | 'lambdaCrash';

export function faultConfigFrom(env: NodeJS.ProcessEnv): FaultConfig {
  const parsed = FaultConfigSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid fault configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const c = parsed.data;
  return { seed: c.MCC_FAULT_SEED, agentThrottleRate: c.MCC_FAULT_AGENT_THROTTLE_RATE, workfront5xxRate: c.MCC_FAULT_WORKFRONT_5XX_RATE, lambdaCrashRate: c.MCC_FAULT_LAMBDA_CRASH_RATE };
}

/** mulberry32: a small, fast, seedable PRNG with values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const KINDS: readonly FaultKind[] = ['agentThrottle', 'workfront5xx', 'lambdaCrash'];

export class FaultInjector {
  readonly #rates: Record<FaultKind, number>;
  readonly #random: Record<FaultKind, () => number>;
  /** How many faults of each kind were injected so far. */
  readonly injected: Record<FaultKind, number> = { agentThrottle: 0, workfront5xx: 0, lambdaCrash: 0 };

  constructor(config: FaultConfig) {
    this.#rates = { agentThrottle: config.agentThrottleRate, workfront5xx: config.workfront5xxRate, lambdaCrash: config.lambdaCrashRate };
    const random = {} as Record<FaultKind, () => number>;
    KINDS.forEach((kind, i) => (random[kind] = seededRandom(config.seed * 31 + i)));
    this.#random = random;
  }

  get enabled(): boolean {
    return KINDS.some((kind) => this.#rates[kind] > 0);
  }

  /** Whether to inject a fault of this kind now (draws only when the kind is enabled). */
  roll(kind: FaultKind): boolean {
    if (this.#rates[kind] <= 0) return false;
    const hit = this.#random[kind]() < this.#rates[kind];
    if (hit) this.injected[kind] += 1;
    return hit;
  }

  /**
   * For the Lambda runner. A throttled agent call fails before the function does anything; a crash
   * happens after the function ran — its writes are done, its answer is lost — the hardest case for
   * idempotency, since the caller's retry repeats work that already happened.
   */
  async intercept(fn: LocalFunction, run: () => Promise<InvokeResult>): Promise<InvokeResult> {
    if (fn.environment.AGENT_PROVIDER !== undefined && this.roll('agentThrottle')) {
      return { ok: false, error: { errorType: 'Throttled', errorMessage: 'injected fault: the model is throttling requests (MCC_FAULT_AGENT_THROTTLE_RATE)' } };
    }
    if (!this.roll('lambdaCrash')) return run();
    await run();
    return { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: injected fault: ${fn.name} exited before answering (MCC_FAULT_LAMBDA_CRASH_RATE)` } };
  }

  /** For the Workfront sandbox: true when this request should be answered 503. */
  workfrontUnavailable(): boolean {
    return this.roll('workfront5xx');
  }
}
