// The Lambda runner on the fixture app's bundles: one cold start per worker,
// a pool that grows under concurrent invocations, Lambda's timeout, and
// errors in Lambda's shape.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaRunner } from '../../local/lambda/lambda-runner.ts';
import { buildAppModel, type LocalFunction } from '../../local/template/app-model.ts';
import { readCloudAssembly } from '../../local/template/cloud-assembly.ts';
import { synthesizeFixture } from '../support/fixture-runtime.ts';

let runner: LambdaRunner;
let workItem: LocalFunction;

beforeAll(() => {
  const model = buildAppModel(readCloudAssembly(synthesizeFixture({ callbackSeconds: 60 })), { region: 'us-east-1', account: '000000000000', gatewayUrl: 'http://127.0.0.1:9', namePrefix: '' });
  const found = model.functions.find((f) => f.logicalId.startsWith('WorkItem'));
  if (!found) throw new Error('fixture has no WorkItem function');
  workItem = found;
  // A copy of the same bundle with a timeout shorter than the handler's 300 ms.
  const impatient: LocalFunction = { ...found, name: 'Impatient', arn: `${found.arn}-impatient`, timeoutSeconds: 0.1 };
  runner = new LambdaRunner({ functions: [...model.functions, impatient], overrides: { AWS_REGION: 'us-east-1' }, fallbackNodeModules: fileURLToPath(new URL('../../node_modules', import.meta.url)), log: () => undefined });
}, 240_000);

afterAll(() => runner?.stop());

describe('LambdaRunner', () => {
  it('reuses a warm worker for sequential invocations and grows the pool for concurrent ones', async () => {
    const first = await runner.invoke(workItem.name, { item: 'a' });
    const second = await runner.invoke(workItem.arn, { item: 'b' });
    expect(first).toMatchObject({ ok: true, payload: { item: 'A', functionName: workItem.name } });
    expect(second.ok && (second.payload as { threadId: number }).threadId).toBe(first.ok && (first.payload as { threadId: number }).threadId);
    expect(runner.poolSize(workItem.name)).toBe(1);
    const concurrent = await Promise.all(['c', 'd', 'e'].map((item) => runner.invoke(workItem.name, { item })));
    const threads = new Set(concurrent.map((r) => r.ok && (r.payload as { threadId: number }).threadId));
    expect(threads.size).toBe(3);
    expect(runner.poolSize(workItem.name)).toBe(3);
  }, 60_000);

  it("reports a thrown error in Lambda's shape: errorType is the error's name", async () => {
    const result = await runner.invoke(workItem.name, { item: 'broken' });
    expect(result).toMatchObject({ ok: false, error: { errorType: 'ItemBroken', errorMessage: 'item broken is broken' } });
  });

  it("ends an invocation at the function's timeout, as Lambda does", async () => {
    const result = await runner.invoke('Impatient', { item: 'slow' });
    expect(result).toEqual({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.10 seconds' } });
    expect(runner.poolSize('Impatient')).toBe(0);
  }, 30_000);

  it('does not know functions that are not in the app', () => {
    expect(runner.find('arn:aws:lambda:us-east-1:111122223333:function:elsewhere')).toBeUndefined();
    expect(() => runner.invoke('elsewhere', {})).toThrow(/Function not found/);
  });
});
