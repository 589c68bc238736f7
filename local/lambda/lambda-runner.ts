// The Lambda service, locally: every Node.js function of the app, found by
// name or ARN, invoked in its own worker pool with the template's environment
// plus local overrides (service endpoints, dummy credentials, the agent
// provider, …). Pools start lazily, on a function's first invocation.
import type { LocalFunction } from '../template/app-model.ts';
import { FunctionPool, type InvokeResult } from './function-pool.ts';

export interface LambdaRunnerOptions {
  readonly functions: readonly LocalFunction[];
  /** Environment every function gets on top of its template environment. */
  readonly overrides: Readonly<Record<string, string>>;
  /** Per-function environment changes, e.g. a Workfront base URL pointing at the sandbox. */
  readonly adjustEnvironment?: (fn: LocalFunction, env: Record<string, string>) => Record<string, string>;
  readonly fallbackNodeModules: string;
  readonly log?: (fnName: string, line: string) => void;
  /** Wraps every invocation, e.g. to inject faults (local/faults.ts). */
  readonly intercept?: (fn: LocalFunction, run: () => Promise<InvokeResult>) => Promise<InvokeResult>;
  /** Workers per function at most (function-pool.ts DEFAULT_MAX_WORKERS when omitted). */
  readonly maxWorkersPerFunction?: number;
  /** How long an idle worker is kept (function-pool.ts DEFAULT_IDLE_MS when omitted). */
  readonly idleMs?: number;
}

export class FunctionNotFoundError extends Error {
  constructor(nameOrArn: string) {
    super(`Function not found: ${nameOrArn}`);
    this.name = 'ResourceNotFoundException';
  }
}

export class LambdaRunner {
  readonly #byKey = new Map<string, LocalFunction>();
  readonly #pools = new Map<string, FunctionPool>();
  readonly #options: LambdaRunnerOptions;

  constructor(options: LambdaRunnerOptions) {
    this.#options = options;
    for (const fn of options.functions) {
      if (!fn.runtime.startsWith('nodejs') || !fn.codeDir) continue;
      this.#byKey.set(fn.arn, fn);
      this.#byKey.set(fn.name, fn);
      this.#byKey.set(`${fn.arn}:$LATEST`, fn);
    }
  }

  get functions(): LocalFunction[] {
    return [...new Set(this.#byKey.values())];
  }

  find(nameOrArn: string): LocalFunction | undefined {
    return this.#byKey.get(nameOrArn);
  }

  environmentOf(fn: LocalFunction): Record<string, string> {
    const env = { ...fn.environment, ...this.#options.overrides, AWS_LAMBDA_FUNCTION_NAME: fn.name, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb), AWS_LAMBDA_FUNCTION_VERSION: '$LATEST' };
    return this.#options.adjustEnvironment ? this.#options.adjustEnvironment(fn, env) : env;
  }

  /** Invokes synchronously (RequestResponse); a function error comes back as `{ ok: false, error }`, like Lambda's FunctionError. */
  invoke(nameOrArn: string, event: unknown): Promise<InvokeResult> {
    const fn = this.find(nameOrArn);
    if (!fn) throw new FunctionNotFoundError(nameOrArn);
    let pool = this.#pools.get(fn.arn);
    if (!pool) {
      const { log, maxWorkersPerFunction, idleMs } = this.#options;
      pool = new FunctionPool({
        fn,
        env: this.environmentOf(fn),
        fallbackNodeModules: this.#options.fallbackNodeModules,
        ...(log ? { log } : {}),
        ...(maxWorkersPerFunction ? { maxWorkers: maxWorkersPerFunction } : {}),
        ...(idleMs ? { idleMs } : {}),
      });
      this.#pools.set(fn.arn, pool);
    }
    const running = pool;
    return this.#options.intercept ? this.#options.intercept(fn, () => running.invoke(event)) : running.invoke(event);
  }

  poolSize(nameOrArn: string): number {
    const fn = this.find(nameOrArn);
    return fn ? (this.#pools.get(fn.arn)?.size ?? 0) : 0;
  }

  /** Worker threads running across every function (each one execution environment). */
  get workerCount(): number {
    let total = 0;
    for (const pool of this.#pools.values()) total += pool.size;
    return total;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#pools.values()].map((pool) => pool.stop()));
    this.#pools.clear();
  }
}
