// Test helper: the fixture CDK app (test/local/fixture-app) synthesized with
// real esbuild bundling, and the local runtime started over it on free ports,
// sharing the test run's DynamoDB Local. The assembly is cached by the
// fixture's content, so test files that run together synthesize it once; it
// lives under node_modules/.cache so the bundles find the SDK packages the
// Lambda runtime would provide.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../local/runtime.ts';
import { buildFixtureApp } from '../local/fixture-app/app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(ROOT, 'test/local/fixture-app');

function hashTree(dir: string, hash = createHash('sha256')): ReturnType<typeof createHash> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) hashTree(path, hash);
    else hash.update(path).update(readFileSync(path));
  }
  return hash;
}

/** Synthesizes the fixture app (once per fixture content and context) and returns the assembly directory. */
export function synthesizeFixture(context: Record<string, unknown> = {}): string {
  const key = hashTree(FIXTURE).update(JSON.stringify(context)).update(readFileSync(join(ROOT, 'functions/data/dynamodb-document-client.ts'))).digest('hex').slice(0, 16);
  const cacheRoot = join(ROOT, 'node_modules/.cache/mcc-local-fixture');
  const outDir = join(cacheRoot, key);
  if (existsSync(join(outDir, 'manifest.json'))) return outDir;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = join(cacheRoot, `staging-${randomUUID()}`);
  buildFixtureApp(staging, context).synth();
  try {
    renameSync(staging, outDir);
  } catch {
    // Another test file synthesized it at the same time; theirs is identical.
    rmSync(staging, { recursive: true, force: true });
  }
  return outDir;
}

export interface FixtureRuntime extends LocalRuntime {
  readonly dataDir: string;
}

export async function startFixtureRuntime(overrides: Partial<LocalRuntimeOptions> & { dataDir?: string } = {}): Promise<FixtureRuntime> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'mcc-local-'));
  const lines: string[] = [];
  const runtime = await startLocalRuntime({
    cloudAssemblyDir: synthesizeFixture({ callbackSeconds: 60 }),
    dataDir,
    port: 0,
    s3Port: 0,
    dynamodb: { endpoint: inject('dynamoEndpoint') },
    namePrefix: `t${randomUUID().slice(0, 8)}-`,
    knowledgeDir: join(FIXTURE, 'knowledge'),
    workfrontSandbox: false,
    log: (line) => lines.push(line),
    functionLog: (fn, line) => lines.push(`[${fn}] ${line}`),
    ...overrides,
  });
  return Object.assign(runtime, { dataDir });
}

export const LOCAL_CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } as const;

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
