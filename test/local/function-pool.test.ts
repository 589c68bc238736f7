// Execution environments timed as Lambda times them (issue 21): an init phase
// slower than the function's timeout still serves the invocation (the timeout
// starts with the handler), a burst larger than the pool waits for workers
// instead of timing out, idle workers are ended, and a worker over its
// function's MemorySize ends with Runtime.OutOfMemory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionPool } from '../../local/lambda/function-pool.ts';
import type { LocalFunction } from '../../local/template/app-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcc-pool-'));
const pools: FunctionPool[] = [];
afterAll(async () => {
  for (const pool of pools) await pool.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A bundle on disk: `init` runs at module load, the handler echoes after `handlerMs`. */
function bundle(name: string, init: string, handlerMs = 0): LocalFunction {
  const codeDir = join(dir, name);
  mkdirSync(codeDir, { recursive: true });
  writeFileSync(
    join(codeDir, 'index.mjs'),
    `${init}\nexport async function handler(event) { await new Promise((r) => setTimeout(r, ${handlerMs})); return { echo: event, thread: (await import('node:worker_threads')).threadId }; }\n`,
  );
  return { logicalId: name, stackName: 'Test', name, arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`, runtime: 'nodejs24.x', handler: 'index.handler', timeoutSeconds: 0.5, memoryMb: 128, codeDir, environment: {} };
}

function pool(fn: LocalFunction, options: { maxWorkers?: number; idleMs?: number } = {}): FunctionPool {
  const p = new FunctionPool({ fn, env: {}, fallbackNodeModules: fileURLToPath(new URL('../../node_modules', import.meta.url)), log: () => undefined, ...options });
  pools.push(p);
  return p;
}

/** Busy-waits at module load, as a heavy bundle's init does. */
const SLOW_INIT = 'const until = Date.now() + 1500; while (Date.now() < until) {}';

describe('function pool', () => {
  it('GIVEN an init phase three times longer than the timeout THEN the invocation is served: the timeout runs from handler start', async () => {
    const result = await pool(bundle('slow-init', SLOW_INIT)).invoke({ n: 1 });
    expect(result).toMatchObject({ ok: true, payload: { echo: { n: 1 } } });
  }, 30_000);

  it('GIVEN 30 concurrent invocations on a pool of 3 slow-starting workers THEN every one succeeds, on at most 3 threads', async () => {
    const p = pool(bundle('burst', SLOW_INIT, 20), { maxWorkers: 3 });
    const results = await Promise.all(Array.from({ length: 30 }, (_, n) => p.invoke({ n })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.ok && (r.payload as { thread: number }).thread)).size).toBeLessThanOrEqual(3);
    expect(p.size).toBeLessThanOrEqual(3);
  }, 60_000);

  it('GIVEN a handler longer than the timeout THEN Sandbox.Timedout and the worker is ended', async () => {
    const p = pool(bundle('slow-handler', '', 2000));
    expect(await p.invoke({})).toEqual({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.50 seconds' } });
    expect(p.size).toBe(0);
  }, 30_000);

  it('GIVEN workers left idle THEN the pool shrinks to none', async () => {
    const p = pool(bundle('idle', ''), { idleMs: 200 });
    await Promise.all([p.invoke({}), p.invoke({})]);
    expect(p.size).toBeGreaterThan(0);
    await expect.poll(() => p.size, { timeout: 10_000, interval: 50 }).toBe(0);
    // And a later invocation starts a worker again.
    expect(await p.invoke({ again: true })).toMatchObject({ ok: true });
  }, 30_000);

  it("GIVEN a handler that outgrows its function's MemorySize THEN Runtime.OutOfMemory, and the pool carries on", async () => {
    const fn = bundle('hog', '');
    writeFileSync(join(fn.codeDir ?? '', 'index.mjs'), 'const keep = []; export async function handler(e) { if (e.hog) for (;;) keep.push(new Array(1e5).fill({ x: keep.length })); return { ok: true }; }\n');
    const p = pool({ ...fn, timeoutSeconds: 60 });
    expect(await p.invoke({ hog: true })).toMatchObject({ ok: false, error: { errorType: 'Runtime.OutOfMemory' } });
    expect(await p.invoke({ hog: false })).toEqual({ ok: true, payload: { ok: true } });
  }, 90_000);
});
