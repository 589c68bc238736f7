// Vitest global setup of the end-to-end project: the system tools the tier
// drives (Java, the AWS CLI, Chromium — installed with apt when root), the
// REAL CDK app synthesized once into a cached cloud assembly, and one local
// runtime over it on free ports with its own DynamoDB Local and a temporary
// data directory, shared by every e2e file through `provide`.
//
// The approval window: the app refuses approvalWindowSeconds below 300 (lib/config.ts),
// and an expiry test cannot wait five minutes. So the app is synthesized with
// the distinctive window SYNTH_WINDOW, and the e2e copy of the assembly has that
// one value — the callback task's TimeoutSeconds and RequestApproval's
// APPROVAL_WINDOW_SECONDS — shortened to E2E_APPROVAL_WINDOW_SECONDS.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureConsoleBuilt } from '../../lib/console-build.ts';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';
import { startLocalRuntime } from '../../local/runtime.ts';
import { synthesize, synthReason } from '../../local/synth.ts';
import { awsCli, chromium, ensureSystemTool, java } from '../../local/system-tools.ts';

export const E2E_APPROVAL_WINDOW_SECONDS = 60;
const SYNTH_WINDOW = 317;
const ROOT = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    e2e: {
      readonly gateway: string;
      readonly cloudAssemblyDir: string;
      readonly dataDir: string;
      readonly tableName: string;
      readonly stateMachineArn: string;
      readonly workfrontApiKey: string;
      readonly approvalWindowSeconds: number;
    };
  }
}

/** The real app's cloud assembly (synthesized when its sources changed) with the short approval window. */
export async function e2eCloudAssembly(log: (line: string) => void = () => undefined): Promise<string> {
  const cache = join(ROOT, 'node_modules/.cache/mcc-e2e');
  const synthDir = join(cache, 'cdk.out');
  const context = { approvalWindowSeconds: String(SYNTH_WINDOW), mapConcurrency: '5' };
  const reason = synthReason(ROOT, synthDir, context);
  const e2eDir = join(cache, `cdk.out-window-${E2E_APPROVAL_WINDOW_SECONDS}`);
  // The marker is written last, so an interrupted copy or patch is redone.
  const marker = join(e2eDir, '.e2e-approval-window');
  if (reason || !existsSync(marker)) {
    if (reason) {
      log(`[e2e] synthesizing the CDK app (${reason})…`);
      rmSync(synthDir, { recursive: true, force: true });
      await synthesize(ROOT, synthDir, context, log);
    }
    rmSync(e2eDir, { recursive: true, force: true });
    cpSync(synthDir, e2eDir, { recursive: true });
    shortenApprovalWindow(e2eDir);
    writeFileSync(marker, String(E2E_APPROVAL_WINDOW_SECONDS));
  }
  return e2eDir;
}

function shortenApprovalWindow(dir: string): void {
  let timeouts = 0;
  let envs = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.template.json'))) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const patched = text
      .replaceAll(`\\"TimeoutSeconds\\":${SYNTH_WINDOW},`, () => (timeouts++, `\\"TimeoutSeconds\\":${E2E_APPROVAL_WINDOW_SECONDS},`))
      .replaceAll(new RegExp(`"APPROVAL_WINDOW_SECONDS":(\\s*)"${SYNTH_WINDOW}"`, 'g'), (_all, space: string) => (envs++, `"APPROVAL_WINDOW_SECONDS":${space}"${E2E_APPROVAL_WINDOW_SECONDS}"`));
    if (patched !== text) writeFileSync(path, patched);
  }
  if (timeouts !== 1 || envs !== 1) {
    throw new Error(`Expected one approval TimeoutSeconds and one APPROVAL_WINDOW_SECONDS of ${SYNTH_WINDOW} in the assembly, found ${timeouts} and ${envs}`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const tool of [java, awsCli, chromium]) ensureSystemTool(tool);
  const cloudAssemblyDir = await e2eCloudAssembly((line) => console.log(line));
  const consoleDir = ensureConsoleBuilt((line) => console.log(`[e2e] ${line}`));
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const dataDir = mkdtempSync(join(tmpdir(), 'mcc-e2e-'));
  const lines: string[] = [];
  try {
    const runtime = await startLocalRuntime({
      cloudAssemblyDir,
      dataDir,
      port: 0,
      s3Port: 0,
      dynamodb: { endpoint: dynamo.endpoint },
      namePrefix: 'e2e-',
      consoleDir,
      sampleTeam: true,
      log: (line) => lines.push(line),
      functionLog: (fn, line) => lines.push(`[${fn}] ${line}`),
    });
    const credentialsId = runtime.model.functions.map((f) => f.environment.WORKFRONT_CREDENTIALS_SECRET_ID).find((id) => typeof id === 'string');
    const credentials = credentialsId ? (JSON.parse(runtime.secrets.get(credentialsId).SecretString ?? '{}') as { apiKey?: string }) : {};
    const campaignTable = runtime.model.tables.find((t) => t.logicalId.startsWith('CampaignTable'));
    project.provide('dynamoEndpoint', dynamo.endpoint);
    project.provide('e2e', {
      gateway: runtime.urls.gateway,
      cloudAssemblyDir,
      dataDir,
      tableName: campaignTable?.name ?? '',
      stateMachineArn: runtime.model.stateMachines.find((m) => m.logicalId.startsWith('CampaignBuild'))?.arn ?? '',
      workfrontApiKey: credentials.apiKey ?? '',
      approvalWindowSeconds: E2E_APPROVAL_WINDOW_SECONDS,
    });
    return async () => {
      await runtime.stop();
      await dynamo.stop();
      if (process.env.MCC_E2E_LOG) writeFileSync(process.env.MCC_E2E_LOG, lines.join('\n'));
      rmSync(dataDir, { recursive: true, force: true });
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
