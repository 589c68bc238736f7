// Executions as Step Functions reports them (DescribeExecution,
// ListExecutions, GetExecutionHistory), persisted one JSON file per execution
// under the data directory. Each record also keeps the top-level state the
// execution is in and that state's input, which is what a restart needs to
// resume it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  status: ExecutionStatus;
  /** JSON text, as the API returns it. */
  readonly input: string;
  output?: string;
  error?: string;
  cause?: string;
  readonly startDate: number;
  stopDate?: number;
  /** The top-level state the execution is in, with its input: where a restart resumes. */
  current?: { readonly stateName: string; readonly input: unknown; readonly enteredAt: number };
  resumedCount: number;
  events: HistoryEvent[];
}

export class ExecutionStore {
  readonly #dir: string | undefined;
  readonly #records = new Map<string, ExecutionRecord>();

  constructor(dir: string | undefined) {
    this.#dir = dir;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      try {
        const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExecutionRecord;
        this.#records.set(record.executionArn, record);
      } catch {
        // A file cut short by a crash mid-write is skipped; writes go through a rename, so this is rare.
      }
    }
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.#records.get(executionArn);
  }

  all(): ExecutionRecord[] {
    return [...this.#records.values()].sort((a, b) => b.startDate - a.startDate);
  }

  add(record: ExecutionRecord): void {
    this.#records.set(record.executionArn, record);
    this.save(record);
  }

  addEvent(record: ExecutionRecord, type: string, details: Record<string, unknown> = {}, timestamp = Date.now()): void {
    const previous = record.events.at(-1);
    record.events.push({ id: (previous?.id ?? 0) + 1, previousEventId: previous?.id ?? 0, timestamp, type, ...details });
  }

  save(record: ExecutionRecord): void {
    if (!this.#dir) return;
    const file = join(this.#dir, `${record.executionArn.split(':').slice(-2).join('__').replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(record));
    renameSync(temp, file);
  }

  exists(): boolean {
    return this.#dir !== undefined && existsSync(this.#dir);
  }
}
