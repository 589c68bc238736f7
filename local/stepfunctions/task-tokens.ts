// Task tokens for `.waitForTaskToken` states. `$$.Task.Token` issues a fresh
// token each time the interpreter reads it; the Task's handler then claims the
// tokens it finds in its own input and waits for SendTaskSuccess,
// SendTaskFailure or the state's timeout. Errors are the ones Step Functions
// returns: InvalidToken (not a token at all), TaskDoesNotExist (unknown),
// TaskTimedOut (the task is no longer waiting).
//
// As in Step Functions, a token outlives the process that issued it: waiting
// tokens are persisted (`file`), so after a restart the resumed execution
// waits on the very same token — a callback made at any moment after the
// restart applies, even before the resumed state is waiting again (it is
// kept and handed over when it is).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AwsServiceError } from '../aws-error.ts';

const PREFIX = 'mcc-local-task-token.';

type Outcome = { readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly error: string; readonly cause: string };

interface TokenEntry {
  readonly executionArn: string;
  stateName?: string;
  status: 'issued' | 'waiting' | 'closed';
  /** The state's function returned: the task only waits for its callback now, so a resumed state need not run it again. */
  invoked?: boolean;
  /** Loaded from a previous run of the runtime. */
  carried?: boolean;
  /** A callback that arrived after a restart, before the resumed state waited again. */
  early?: Outcome;
  settle?: { resolve: (output: unknown) => void; reject: (error: Error) => void };
  lastHeartbeat?: number;
}

interface PersistedToken {
  readonly token: string;
  readonly executionArn: string;
  readonly stateName?: string;
  readonly invoked?: boolean;
  readonly early?: Outcome;
}

export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

export class TaskTokens {
  readonly #tokens = new Map<string, TokenEntry>();
  readonly #file: string | undefined;

  /** `file`: where waiting tokens are kept across restarts; in memory only when undefined. */
  constructor(file?: string) {
    this.#file = file;
    if (!file || !existsSync(file)) return;
    try {
      for (const saved of JSON.parse(readFileSync(file, 'utf8')) as PersistedToken[]) {
        this.#tokens.set(saved.token, {
          executionArn: saved.executionArn,
          ...(saved.stateName !== undefined ? { stateName: saved.stateName } : {}),
          status: saved.early ? 'closed' : 'waiting',
          carried: true,
          ...(saved.invoked ? { invoked: true } : {}),
          ...(saved.early ? { early: saved.early } : {}),
        });
      }
    } catch {
      // Writes go through a rename, so a torn file means a damaged disk; the executions then time out as they would.
    }
  }

  issue(executionArn: string): string {
    const token = `${PREFIX}${randomBytes(48).toString('base64url')}`;
    this.#tokens.set(token, { executionArn, status: 'issued' });
    return token;
  }

  /**
   * For a state resumed after a restart: the wait it was in. Resolves with a
   * callback that already arrived, or waits on the carried token when the
   * state's function had returned before the restart; undefined when the
   * state has to run again (nothing carried, or its function had not returned).
   */
  carried(executionArn: string, stateName: string): { result: Promise<unknown> } | undefined {
    const mine = [...this.#tokens.entries()].filter(([, e]) => e.carried && e.executionArn === executionArn && e.stateName === stateName);
    const early = mine.find(([, e]) => e.early);
    if (early) {
      const outcome = early[1].early as Outcome;
      delete early[1].early;
      this.#persist();
      const result = outcome.ok ? Promise.resolve(outcome.output) : Promise.reject(new TaskFailure(outcome.error, outcome.cause));
      result.catch(() => undefined);
      return { result };
    }
    const waiting = mine.filter(([, e]) => e.status === 'waiting' && e.invoked && !e.settle);
    if (!waiting.length) return undefined;
    const result = new Promise<unknown>((resolve, reject) => {
      for (const [, entry] of waiting) entry.settle = { resolve, reject };
    });
    result.catch(() => undefined);
    return { result };
  }

  /** Tokens of this execution found in a Task's input, now waiting for a callback. Call before invoking anything. */
  claim(executionArn: string, stateName: string, input: unknown): { token: string; result: Promise<unknown> }[] {
    const found: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') {
        const entry = this.#tokens.get(value);
        if (entry && entry.executionArn === executionArn && entry.status === 'issued') found.push(value);
      } else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(input);
    const waits = found.map((token) => {
      const entry = this.#tokens.get(token) as TokenEntry;
      entry.status = 'waiting';
      entry.stateName = stateName;
      const result = new Promise<unknown>((resolve, reject) => (entry.settle = { resolve, reject }));
      // The interpreter may abandon the wait (timeout, abort); nothing else awaits a rejection then.
      result.catch(() => undefined);
      return { token, result };
    });
    // Tokens of this state from before a restart whose function had not returned (it may have stored one
    // anyway): a callback on them completes the state's new wait.
    const first = waits[0];
    if (first) {
      const settle = (this.#tokens.get(first.token) as TokenEntry).settle;
      for (const entry of this.#tokens.values()) {
        if (entry.carried && entry.executionArn === executionArn && entry.stateName === stateName && entry.status === 'waiting' && !entry.settle && settle) entry.settle = settle;
      }
    }
    this.#persist();
    return waits;
  }

  /** The state's function returned: from now on a restart resumes the wait instead of running the function again. */
  invoked(tokens: readonly string[]): void {
    for (const token of tokens) {
      const entry = this.#tokens.get(token);
      if (entry && entry.status === 'waiting') entry.invoked = true;
    }
    this.#persist();
  }

  #waiting(token: string): TokenEntry {
    if (typeof token !== 'string' || !token.startsWith(PREFIX) || token.length > 2048) throw new AwsServiceError('InvalidToken', 'Invalid token');
    const entry = this.#tokens.get(token);
    if (!entry) throw new AwsServiceError('TaskDoesNotExist', 'Task does not exist anymore');
    if (entry.status !== 'waiting') throw new AwsServiceError('TaskTimedOut', 'Task Timed Out');
    return entry;
  }

  succeed(token: string, output: unknown): void {
    this.#settle(this.#waiting(token), { ok: true, output });
  }

  fail(token: string, error: string, cause: string): void {
    this.#settle(this.#waiting(token), { ok: false, error, cause });
  }

  #settle(entry: TokenEntry, outcome: Outcome): void {
    entry.status = 'closed';
    if (!entry.settle) entry.early = outcome;
    else if (outcome.ok) entry.settle.resolve(outcome.output);
    else entry.settle.reject(new TaskFailure(outcome.error, outcome.cause));
    this.#persist();
  }

  heartbeat(token: string): void {
    this.#waiting(token).lastHeartbeat = Date.now();
  }

  /** The state stopped waiting (timed out, failed, or the execution ended): its tokens now answer TaskTimedOut. */
  close(executionArn: string, stateName?: string): void {
    let changed = false;
    for (const entry of this.#tokens.values()) {
      if (entry.executionArn !== executionArn) continue;
      if (stateName !== undefined && entry.stateName !== stateName) continue;
      if (entry.early) {
        delete entry.early;
        changed = true;
      }
      if (entry.status === 'closed') continue;
      if (entry.status === 'waiting') changed = true;
      entry.status = 'closed';
      entry.settle?.reject(new TaskFailure('States.Timeout', 'The task is no longer waiting'));
    }
    if (changed) this.#persist();
  }

  /** Waiting tokens, and callbacks not yet handed to their resumed state, written through a rename (a crash leaves the old file). */
  #persist(): void {
    if (!this.#file) return;
    const saved: PersistedToken[] = [];
    for (const [token, e] of this.#tokens) {
      if (e.status !== 'waiting' && !e.early) continue;
      saved.push({ token, executionArn: e.executionArn, ...(e.stateName !== undefined ? { stateName: e.stateName } : {}), ...(e.invoked ? { invoked: true } : {}), ...(e.early ? { early: e.early } : {}) });
    }
    mkdirSync(dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.tmp`;
    writeFileSync(temp, JSON.stringify(saved));
    renameSync(temp, this.#file);
  }
}
