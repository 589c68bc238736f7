// Task tokens for `.waitForTaskToken` states. `$$.Task.Token` issues a fresh
// token each time the interpreter reads it; the Task's handler then claims the
// tokens it finds in its own input and waits for SendTaskSuccess,
// SendTaskFailure or the state's timeout. Errors are the ones Step Functions
// returns: InvalidToken (not a token at all), TaskDoesNotExist (unknown),
// TaskTimedOut (the task is no longer waiting).
import { randomBytes } from 'node:crypto';
import { AwsServiceError } from '../aws-error.ts';

const PREFIX = 'mcc-local-task-token.';

interface TokenEntry {
  readonly executionArn: string;
  stateName?: string;
  status: 'issued' | 'waiting' | 'closed';
  settle?: { resolve: (output: unknown) => void; reject: (error: Error) => void };
  lastHeartbeat?: number;
}

export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

export class TaskTokens {
  readonly #tokens = new Map<string, TokenEntry>();

  issue(executionArn: string): string {
    const token = `${PREFIX}${randomBytes(48).toString('base64url')}`;
    this.#tokens.set(token, { executionArn, status: 'issued' });
    return token;
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
    return found.map((token) => {
      const entry = this.#tokens.get(token) as TokenEntry;
      entry.status = 'waiting';
      entry.stateName = stateName;
      const result = new Promise<unknown>((resolve, reject) => (entry.settle = { resolve, reject }));
      // The interpreter may abandon the wait (timeout, abort); nothing else awaits a rejection then.
      result.catch(() => undefined);
      return { token, result };
    });
  }

  #waiting(token: string): TokenEntry {
    if (typeof token !== 'string' || !token.startsWith(PREFIX) || token.length > 2048) throw new AwsServiceError('InvalidToken', 'Invalid token');
    const entry = this.#tokens.get(token);
    if (!entry) throw new AwsServiceError('TaskDoesNotExist', 'Task does not exist anymore');
    if (entry.status !== 'waiting') throw new AwsServiceError('TaskTimedOut', 'Task Timed Out');
    return entry;
  }

  succeed(token: string, output: unknown): void {
    const entry = this.#waiting(token);
    entry.status = 'closed';
    entry.settle?.resolve(output);
  }

  fail(token: string, error: string, cause: string): void {
    const entry = this.#waiting(token);
    entry.status = 'closed';
    entry.settle?.reject(new TaskFailure(error, cause));
  }

  heartbeat(token: string): void {
    this.#waiting(token).lastHeartbeat = Date.now();
  }

  /** The state stopped waiting (timed out, failed, or the execution ended): its tokens now answer TaskTimedOut. */
  close(executionArn: string, stateName?: string): void {
    for (const [token, entry] of this.#tokens) {
      if (entry.executionArn !== executionArn || entry.status === 'closed') continue;
      if (stateName !== undefined && entry.stateName !== stateName) continue;
      entry.status = 'closed';
      entry.settle?.reject(new TaskFailure('States.Timeout', 'The task is no longer waiting'));
      this.#tokens.set(token, entry);
    }
  }
}
