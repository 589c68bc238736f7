// A pool of worker threads for one Lambda function: an idle worker takes the
// next invocation, and the pool grows when all are busy (so a Map's items run
// concurrently, as Lambda scales out), up to a bound. Each worker is one
// execution environment, timed as Lambda times one (issue 21):
// - the init phase (loading the bundle) is bounded on its own, and an
//   invocation's timeout starts when its handler starts — so a burst that
//   grows the pool waits for workers instead of spending its timeout on their
//   start-up;
// - a timed-out invocation ends its worker, as Lambda ends the environment;
// - a worker idle for a while is ended (Lambda reclaims idle environments
//   too), and each worker's heap is bounded by the function's MemorySize, so
//   the runtime's memory comes back after a burst.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LocalFunction } from '../template/app-model.ts';
import type { InitResponse, InvokeResponse, LambdaErrorPayload, WorkerData } from './worker-protocol.ts';

export type InvokeResult = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly error: LambdaErrorPayload };

/** Lambda's init phase limit; past it Lambda retries init under the function's own timeout, which this adds. */
export const INIT_LIMIT_MS = 10_000;
/** Workers one function may run at once unless told otherwise: more only contend for the same cores. */
export const DEFAULT_MAX_WORKERS = 6;
/** An idle worker is ended after this long. */
export const DEFAULT_IDLE_MS = 30_000;

export interface PoolOptions {
  readonly fn: LocalFunction;
  readonly env: Readonly<Record<string, string>>;
  readonly fallbackNodeModules: string;
  /** Where the worker's stdout/stderr lines go; default: this process's stdout, prefixed with the function name. */
  readonly log?: (fnName: string, line: string) => void;
  /** @default DEFAULT_MAX_WORKERS */
  readonly maxWorkers?: number;
  /** @default DEFAULT_IDLE_MS */
  readonly idleMs?: number;
}

interface Pending {
  readonly resolve: (result: InvokeResult) => void;
  readonly timer: NodeJS.Timeout;
}

interface Queued {
  readonly event: unknown;
  readonly resolve: (r: InvokeResult) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  state: 'starting' | 'idle' | 'busy';
  /** The invocation this worker was started for: as in Lambda, it runs there once init is done. */
  reserved?: Queued;
  pending: Map<number, Pending>;
  timer?: NodeJS.Timeout;
}

const WORKER_ENTRY = new URL('./worker-entry.ts', import.meta.url);

export function entryFileOf(fn: LocalFunction): string {
  const [file = 'index'] = fn.handler.split('.');
  if (!fn.codeDir) throw new Error(`The code of ${fn.name} is not in the cloud assembly`);
  for (const ext of ['.mjs', '.js', '.cjs']) {
    const candidate = join(fn.codeDir, `${file}${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`No ${file}.mjs or ${file}.js in ${fn.codeDir} for ${fn.name}`);
}

export class FunctionPool {
  readonly #options: PoolOptions;
  readonly #workers: PoolWorker[] = [];
  readonly #queue: Queued[] = [];
  #nextId = 1;
  #stopped = false;
  coldStarts = 0;

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#workers.length;
  }

  invoke(event: unknown): Promise<InvokeResult> {
    return new Promise((resolve) => {
      if (this.#stopped) return resolve({ ok: false, error: { errorType: 'Runtime.Stopped', errorMessage: 'The local runtime is stopping' } });
      this.#queue.push({ event, resolve });
      this.#drain();
    });
  }

  #drain(): void {
    if (this.#stopped) return;
    for (;;) {
      const slot = this.#workers.find((w) => w.state === 'idle');
      if (!slot) break;
      const next = this.#queue.shift();
      if (!next) break;
      this.#dispatch(slot, next);
    }
    // No idle worker: a new one for each waiting invocation, within the bound; the rest wait for the next free worker.
    while (this.#queue.length > 0 && this.#workers.length < (this.#options.maxWorkers ?? DEFAULT_MAX_WORKERS)) {
      this.#spawn(this.#queue.shift() as Queued);
    }
  }

  #spawn(reserved: Queued): PoolWorker {
    const { fn, env, fallbackNodeModules } = this.#options;
    const data: WorkerData = { entryFile: entryFileOf(fn), exportName: fn.handler.split('.').slice(1).join('.') || 'handler', fallbackNodeModules };
    const worker = new Worker(WORKER_ENTRY, {
      workerData: data,
      env: { ...env },
      stdout: true,
      stderr: true,
      // The function's MemorySize bounds its heap, as it bounds the environment's memory in Lambda.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, fn.memoryMb) },
    });
    const slot: PoolWorker = { worker, state: 'starting', pending: new Map(), reserved };
    const log = this.#options.log ?? ((name: string, line: string) => process.stdout.write(`[${name}] ${line}\n`));
    for (const stream of [worker.stdout, worker.stderr]) {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) log(fn.name, line);
      });
    }
    const initLimitMs = INIT_LIMIT_MS + fn.timeoutSeconds * 1000;
    slot.timer = setTimeout(() => this.#initFailed(slot, { errorType: 'Sandbox.Timedout', errorMessage: `Init phase timed out after ${(initLimitMs / 1000).toFixed(2)} seconds` }), initLimitMs);
    worker.on('message', (message: InvokeResponse | InitResponse) => {
      if ('init' in message) {
        if (!message.ok) return this.#initFailed(slot, message.error);
        clearTimeout(slot.timer);
        const first = slot.reserved;
        delete slot.reserved;
        if (first) this.#dispatch(slot, first);
        else this.#becomeIdle(slot);
        this.#drain();
        return;
      }
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      clearTimeout(pending.timer);
      slot.pending.delete(message.id);
      if (message.coldStart) this.coldStarts += 1;
      this.#becomeIdle(slot);
      pending.resolve(message.ok ? { ok: true, payload: message.payload } : { ok: false, error: message.error });
      this.#drain();
    });
    const fail = (error: LambdaErrorPayload) => {
      clearTimeout(slot.timer);
      this.#remove(slot);
      for (const pending of slot.pending.values()) {
        clearTimeout(pending.timer);
        pending.resolve({ ok: false, error });
      }
      slot.pending.clear();
      // A worker that died starting up answers for the invocation it was started for.
      slot.reserved?.resolve({ ok: false, error });
      delete slot.reserved;
      this.#drain();
    };
    worker.on('error', (error: Error & { code?: string }) =>
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: Runtime exited with error: the heap passed ${fn.memoryMb} MB` }
          : { errorType: error.name === 'Error' ? 'Runtime.UnhandledError' : error.name, errorMessage: error.message },
      ),
    );
    worker.on('exit', (code) => {
      if (this.#workers.includes(slot)) fail({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: exited with code ${code}` });
    });
    this.#workers.push(slot);
    return slot;
  }

  /** Init failed or ran out of time: as in Lambda, the invocation waiting for it gets the error, and the next one starts afresh. */
  #initFailed(slot: PoolWorker, error: LambdaErrorPayload): void {
    clearTimeout(slot.timer);
    if (!this.#workers.includes(slot)) return;
    this.#remove(slot);
    void slot.worker.terminate();
    slot.reserved?.resolve({ ok: false, error });
    delete slot.reserved;
    this.#drain();
  }

  #becomeIdle(slot: PoolWorker): void {
    slot.state = 'idle';
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      if (slot.state !== 'idle') return;
      this.#remove(slot);
      void slot.worker.terminate();
    }, this.#options.idleMs ?? DEFAULT_IDLE_MS);
    // An idle worker alone must not keep the process alive.
    slot.timer.unref();
  }

  #remove(slot: PoolWorker): void {
    const index = this.#workers.indexOf(slot);
    if (index >= 0) this.#workers.splice(index, 1);
  }

  #dispatch(slot: PoolWorker, { event, resolve }: Queued): void {
    const { fn } = this.#options;
    const id = this.#nextId++;
    const timeoutMs = fn.timeoutSeconds * 1000;
    clearTimeout(slot.timer);
    slot.state = 'busy';
    // The handler starts now: this is where its timeout runs from.
    const timer = setTimeout(() => {
      slot.pending.delete(id);
      this.#remove(slot);
      void slot.worker.terminate();
      resolve({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` } });
      this.#drain();
    }, timeoutMs);
    slot.pending.set(id, { resolve, timer });
    const requestId = randomUUID();
    slot.worker.postMessage({
      id,
      event,
      context: {
        awsRequestId: requestId,
        functionName: fn.name,
        functionVersion: '$LATEST',
        invokedFunctionArn: fn.arn,
        memoryLimitInMB: String(fn.memoryMb),
        logGroupName: `/aws/lambda/${fn.name}`,
        logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
        deadlineMs: Date.now() + timeoutMs,
      },
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const workers = this.#workers.splice(0);
    const stopping = { ok: false as const, error: { errorType: 'Runtime.Stopped', errorMessage: 'The local runtime is stopping' } };
    for (const w of workers) {
      clearTimeout(w.timer);
      w.reserved?.resolve(stopping);
    }
    for (const queued of this.#queue.splice(0)) queued.resolve(stopping);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
