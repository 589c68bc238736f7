// One benchmark part on its own: the synthesized app (synthesized when stale,
// as `npm start` does) on a fresh local runtime with its own DynamoDB Local
// and a temporary data directory, torn down afterwards. `npm run bench` runs
// every part on one runtime; this is for re-measuring one figure quickly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadLocalConfig } from '../local/config.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/free-port.ts';
import { startLocalRuntime, type LocalRuntime } from '../local/runtime.ts';
import { synthesize, synthReason } from '../local/synth.ts';

export async function withStandaloneRuntime(name: string, part: (runtime: LocalRuntime, dynamoEndpoint: string) => Promise<void>): Promise<void> {
  const projectDir = resolve(import.meta.dirname, '..');
  const config = loadLocalConfig(process.env, projectDir);
  const outDir = join(projectDir, 'cdk.out');
  const reason = synthReason(projectDir, outDir, config.cdkContext);
  if (reason) await synthesize(projectDir, outDir, config.cdkContext, (line) => console.log(`[bench] ${line}`));
  const dataDir = mkdtempSync(join(tmpdir(), `mcc-bench-${name}-`));
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  let runtime: LocalRuntime | undefined;
  try {
    runtime = await startLocalRuntime({ cloudAssemblyDir: outDir, dataDir, port: 0, s3Port: 0, dynamodb: { endpoint: dynamo.endpoint }, environment: { POWERTOOLS_LOG_LEVEL: 'WARN' }, log: () => undefined, functionLog: (fn, line) => console.error(`[${fn}] ${line}`) });
    await part(runtime, dynamo.endpoint);
  } finally {
    await runtime?.stop();
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `main` when the module is the process's entry point, exiting 0 or 1. */
export function runWhenMain(meta: ImportMeta, main: () => Promise<void>): void {
  if (!meta.main) return;
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
