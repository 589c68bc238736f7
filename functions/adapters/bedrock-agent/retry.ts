// Retries for calls to Bedrock with exponential backoff and full jitter
// (a random delay up to the capped exponential), so many Map iterations
// throttled together do not retry in lockstep. It covers errors the SDK never
// retries: an exception that arrives inside the InvokeAgent event stream
// after the HTTP call itself succeeded. When attempts run out, the error
// becomes Throttled or DependencyUnavailable, which the state machine retries
// on its own schedule.
import { setTimeout as sleep } from 'node:timers/promises';
import { DependencyUnavailableError, ThrottledError } from '../../domain/errors.ts';
import { classify } from '../dependency-errors.ts';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Injected so tests run without waiting and with a known random source. */
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 400, maxDelayMs: 8_000 };

/** Full jitter: uniform in [0, min(cap, base · 2^attempt)). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

export async function withRetry<T>(what: string, policy: RetryPolicy, call: () => Promise<T>): Promise<T> {
  const wait = policy.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const kind = classify(error);
      if (kind === 'permanent') throw error;
      const name = error instanceof Error ? error.name : 'Error';
      if (attempt + 1 >= policy.maxAttempts) {
        const message = `${what} failed after ${policy.maxAttempts} attempts: ${name}`;
        throw kind === 'throttled' ? new ThrottledError(message) : new DependencyUnavailableError(message);
      }
      await wait(backoffDelay(policy, attempt, policy.random));
    }
  }
}
