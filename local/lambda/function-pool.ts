// A pool of worker threads for one Lambda function: an idle worker takes the
// next invocation, and the pool grows when all are busy (so a Map's items run
// concurrently, as Lambda scales out). Each worker is one execution
// environment: it cold-starts once. A timed-out invocation ends its worker,
// as Lambda ends the environment.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LocalFunction } from '../template/app-model.ts';
import type { InvokeResponse, LambdaErrorPayload, WorkerData } from './worker-protocol.ts';

export type InvokeResult = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly error: LambdaErrorPayload };

export interface PoolOptions {
  readonly fn: LocalFunction;
  readonly env: Readonly<Record<string, string>>;
  readonly fallbackNodeModules: string;
  /** Where the worker's stdout/stderr lines go; default: this process's stdout, prefixed with the function name. */
  readonly log?: (fnName: string, line: string) => void;
  readonly maxWorkers?: number;
}

interface Pending {
  readonly resolve: (result: InvokeResult) => void;
  readonly timer: NodeJS.Timeout;
}

interface PoolWorker {
  readonly worker: Worker;
  busy: boolean;
  pending: Map<number, Pending>;
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
  readonly #queue: { event: unknown; resolve: (r: InvokeResult) => void }[] = [];
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
    while (this.#queue.length > 0) {
      let slot = this.#workers.find((w) => !w.busy);
      if (!slot) {
        if (this.#workers.length >= (this.#options.maxWorkers ?? 64)) return;
        slot = this.#spawn();
      }
      const next = this.#queue.shift();
      if (!next) return;
      this.#dispatch(slot, next.event, next.resolve);
    }
  }

  #spawn(): PoolWorker {
    const { fn, env, fallbackNodeModules } = this.#options;
    const data: WorkerData = { entryFile: entryFileOf(fn), exportName: fn.handler.split('.').slice(1).join('.') || 'handler', fallbackNodeModules };
    const worker = new Worker(WORKER_ENTRY, { workerData: data, env: { ...env }, stdout: true, stderr: true });
    const slot: PoolWorker = { worker, busy: false, pending: new Map() };
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
    worker.on('message', (message: InvokeResponse) => {
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      clearTimeout(pending.timer);
      slot.pending.delete(message.id);
      if (message.coldStart) this.coldStarts += 1;
      slot.busy = false;
      pending.resolve(message.ok ? { ok: true, payload: message.payload } : { ok: false, error: message.error });
      this.#drain();
    });
    const fail = (error: LambdaErrorPayload) => {
      this.#remove(slot);
      for (const pending of slot.pending.values()) {
        clearTimeout(pending.timer);
        pending.resolve({ ok: false, error });
      }
      slot.pending.clear();
      this.#drain();
    };
    worker.on('error', (error) => fail({ errorType: error.name === 'Error' ? 'Runtime.UnhandledError' : error.name, errorMessage: error.message }));
    worker.on('exit', (code) => fail({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: exited with code ${code}` }));
    this.#workers.push(slot);
    return slot;
  }

  #remove(slot: PoolWorker): void {
    const index = this.#workers.indexOf(slot);
    if (index >= 0) this.#workers.splice(index, 1);
  }

  #dispatch(slot: PoolWorker, event: unknown, resolve: (r: InvokeResult) => void): void {
    const { fn } = this.#options;
    const id = this.#nextId++;
    const timeoutMs = fn.timeoutSeconds * 1000;
    slot.busy = true;
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
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
