// Task tokens across a restart of the local runtime: a token handed out
// before the restart completes the resumed wait whenever its callback comes —
// before the resumed state waits again, while it waits, or when the state had
// to run its function again — and a closed task refuses it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TaskTokens } from '../../local/stepfunctions/task-tokens.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcc-task-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fileFor = () => join(dir, `tokens-${++n}.json`);
const EXECUTION = 'arn:aws:states:us-east-1:000000000000:execution:m:e1';

/** A first run: RequestApproval claimed a token and (optionally) its function returned; then the process stops. */
function firstRun(file: string, functionReturned: boolean): string {
  const tokens = new TaskTokens(file);
  const token = tokens.issue(EXECUTION);
  const [wait] = tokens.claim(EXECUTION, 'RequestApproval', { Payload: { taskToken: token } });
  if (functionReturned && wait) tokens.invoked([wait.token]);
  return token;
}

describe('task tokens across a restart', () => {
  it('a callback made before the resumed state waits again is kept and handed to it', async () => {
    const file = fileFor();
    const token = firstRun(file, true);
    const restarted = new TaskTokens(file);
    restarted.succeed(token, { decision: 'APPROVED' });
    // A crash right after the callback does not lose it either.
    const again = new TaskTokens(file);
    const carried = again.carried(EXECUTION, 'RequestApproval');
    await expect(carried?.result).resolves.toEqual({ decision: 'APPROVED' });
    // Handed over once.
    expect(again.carried(EXECUTION, 'RequestApproval')).toBeUndefined();
  });

  it('the resumed state waits on the same token when its function had returned', async () => {
    const file = fileFor();
    const token = firstRun(file, true);
    const restarted = new TaskTokens(file);
    const carried = restarted.carried(EXECUTION, 'RequestApproval');
    expect(carried).toBeDefined();
    restarted.fail(token, 'Rejected', 'no');
    await expect(carried?.result).rejects.toMatchObject({ name: 'Rejected', message: 'no' });
    expect(() => restarted.succeed(token, {})).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }) as Error);
  });

  it('when the function had not returned, the state runs again and the old token completes the new wait', async () => {
    const file = fileFor();
    const old = firstRun(file, false);
    const restarted = new TaskTokens(file);
    expect(restarted.carried(EXECUTION, 'RequestApproval')).toBeUndefined();
    const fresh = restarted.issue(EXECUTION);
    const [wait] = restarted.claim(EXECUTION, 'RequestApproval', { Payload: { taskToken: fresh } });
    restarted.succeed(old, { decision: 'REJECTED' });
    await expect(wait?.result).resolves.toEqual({ decision: 'REJECTED' });
  });

  it('a token of a task that stopped waiting answers TaskTimedOut, an unknown one TaskDoesNotExist', () => {
    const file = fileFor();
    const token = firstRun(file, true);
    const restarted = new TaskTokens(file);
    restarted.close(EXECUTION);
    expect(() => restarted.succeed(token, {})).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }) as Error);
    expect(() => new TaskTokens(file).succeed(token, {})).toThrow(expect.objectContaining({ code: 'TaskDoesNotExist' }) as Error);
    expect(() => restarted.succeed('not-a-token', {})).toThrow(expect.objectContaining({ code: 'InvalidToken' }) as Error);
  });

  it('without a file nothing outlives the instance', () => {
    const tokens = new TaskTokens();
    const token = tokens.issue(EXECUTION);
    tokens.claim(EXECUTION, 'RequestApproval', [token]);
    expect(() => new TaskTokens().succeed(token, {})).toThrow(expect.objectContaining({ code: 'TaskDoesNotExist' }) as Error);
  });
});
