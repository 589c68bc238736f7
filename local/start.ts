// `npm start`: MCC on this machine, no AWS account needed. Synthesizes the CDK
// app when cdk.out is stale (and builds the web console when web/ is), then runs the whole system from it (see
// runtime.ts) and prints where everything is. `npm start -- --reset` wipes
// local data first. Ctrl-C stops every child process.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureConsoleBuilt } from '../lib/console-build.ts';
import { banner } from './banner.ts';
import { loadLocalConfig } from './config.ts';
import { faultConfigFrom } from './faults.ts';
import { startLocalRuntime, type LocalRuntime } from './runtime.ts';
import { synthesize, synthReason } from './synth.ts';

const projectDir = resolve(import.meta.dirname, '..');

function step(message: string): void {
  console.log(`[mcc] ${message}`);
}

async function main(): Promise<void> {
  const config = loadLocalConfig(process.env, projectDir);
  if (process.argv.includes('--reset')) {
    rmSync(config.dataDir, { recursive: true, force: true });
    step(`reset: removed ${config.dataDir}`);
  }
  // The web console first: the Web stack's asset is the same build, so synth then finds it current.
  const consoleDir = ensureConsoleBuilt(step);
  const outDir = join(projectDir, 'cdk.out');
  const reason = synthReason(projectDir, outDir, config.cdkContext);
  if (reason) {
    step(`synthesizing the CDK app (${reason})…`);
    await synthesize(projectDir, outDir, config.cdkContext, step);
  } else {
    step('cdk.out is up to date');
  }

  // Set once started; a Ctrl-C during start-up ends the children through the terminal's signal.
  const started: { runtime?: LocalRuntime } = {};
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    step('stopping…');
    await started.runtime?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  const runtime = await startLocalRuntime({
    cloudAssemblyDir: outDir,
    dataDir: config.dataDir,
    port: config.port,
    dynamodb: { port: config.dynamoDbPort },
    s3Port: config.s3Port,
    agentProvider: config.agentProvider,
    ...(config.workfrontWebhookToken ? { workfrontWebhookToken: config.workfrontWebhookToken } : {}),
    faults: faultConfigFrom(process.env),
    consoleDir,
    sampleTeam: true,
    progress: step,
    onFatal: (why) => {
      console.error(`[mcc] ${why}; stopping.`);
      void shutdown(1);
    },
  });
  started.runtime = runtime;
  const { resumed, failed } = runtime.resumed;
  if (resumed.length) step(`resumed ${resumed.length} execution(s) that were running when MCC last stopped`);
  if (failed.length) step(`marked ${failed.length} execution(s) FAILED: they could not be resumed`);
  console.log(banner(runtime, config.dataDir));
}

main().catch((error: unknown) => {
  console.error(`[mcc] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
