// Restarts: data persists, and an execution that was waiting in a callback
// task when the runtime stopped is resumed at that state, still waiting on
// the token its function stored before the restart (as in Step Functions, a
// task token outlives the process), so a callback made at once after the
// restart completes it. One whose state cannot be resumed is marked FAILED.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, LOCAL_CLIENT, startFixtureRuntime, type FixtureRuntime } from '../support/fixture-runtime.ts';

const running: FixtureRuntime[] = [];
afterAll(async () => {
  for (const r of running) await r.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});
const dataDirs = new Set<string>();

async function start(dataDir?: string, namePrefix?: string): Promise<FixtureRuntime> {
  const runtime = await startFixtureRuntime({ ...(dataDir ? { dataDir } : {}), ...(namePrefix ? { namePrefix } : {}) });
  running.push(runtime);
  dataDirs.add(runtime.dataDir);
  return runtime;
}

async function tokenOf(runtime: FixtureRuntime, orderId: string, not?: string): Promise<string> {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.urls.dynamodb, ...LOCAL_CLIENT }));
  try {
    return await eventually(async () => {
      const item = (await doc.send(new GetCommand({ TableName: runtime.model.tables[0]?.name, Key: { PK: `ORDER#${orderId}`, SK: 'CALLBACK' } }))).Item;
      const token = item?.taskToken as string | undefined;
      return token && token !== not ? token : undefined;
    }, 30_000, 'the stored task token');
  } finally {
    doc.destroy();
  }
}

describe('restarting the local runtime', () => {
  it('resumes an execution waiting for a task token, and the callback then completes it', async () => {
    const namePrefix = `r${randomUUID().slice(0, 8)}-`;
    const first = await start(undefined, namePrefix);
    const machineArn = first.model.stateMachines[0]?.arn ?? '';
    const orderId = `resume-${Date.now()}`;
    const started = first.stepFunctions.startExecution(machineArn, orderId, JSON.stringify({ eventId: 'e1', detail: { orderId, items: ['a'] } }));
    const oldToken = await tokenOf(first, orderId);
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(first.dataDir, namePrefix);
    expect(second.resumed.resumed).toEqual([started.executionArn]);
    // At once, with the token stored before the restart: the task did not have to run again.
    expect(await tokenOf(second, orderId)).toBe(oldToken);
    const callback = await fetch(`${second.urls.gateway}/callbacks/${orderId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"after":"restart"}' });
    expect(callback.status).toBe(202);
    const done = await second.stepFunctions.settled(started.executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '{}')).toMatchObject({ saved: { orderId }, decision: { after: 'restart' } });
    expect(done.resumedCount).toBe(1);
    expect(await tokenOf(second, orderId)).toBe(oldToken);
    // The history kept what happened before the restart.
    expect(done.events.filter((e) => e.type === 'TaskStateEntered').length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('marks FAILED an execution whose recorded state is no longer in the definition', async () => {
    const namePrefix = `r${randomUUID().slice(0, 8)}-`;
    const first = await start(undefined, namePrefix);
    const machineArn = first.model.stateMachines[0]?.arn ?? '';
    const orderId = `gone-${Date.now()}`;
    const started = first.stepFunctions.startExecution(machineArn, orderId, JSON.stringify({ eventId: 'e2', detail: { orderId, items: ['a'] } }));
    await tokenOf(first, orderId);
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const dir = join(first.dataDir, 'executions');
    for (const file of readdirSync(dir)) {
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { executionArn: string; current: { stateName: string } };
      if (record.executionArn !== started.executionArn) continue;
      record.current.stateName = 'StateFromAnOlderDefinition';
      writeFileSync(join(dir, file), JSON.stringify(record));
    }

    const second = await start(first.dataDir, namePrefix);
    expect(second.resumed.failed).toEqual([started.executionArn]);
    const record = second.stepFunctions.execution(started.executionArn);
    expect(record).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(record.cause).toContain('StateFromAnOlderDefinition');
  }, 120_000);
});
