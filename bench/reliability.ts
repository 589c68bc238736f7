// `reliability` in bench/results.json (issue 21): 50 campaign builds started
// at once on a fresh local runtime — the peak RSS of the runtime's process
// (gateway, Step Functions, every Lambda worker thread) while they run, the
// time until the last reaches AWAITING_APPROVAL, and how many worker threads
// are left a while after. Run alone with `node bench/reliability.ts
// [cloud-assembly-dir]` (merges its key into results.json), or as part of
// `npm run bench`.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CampaignRepository } from '../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../functions/data/dynamodb-document-client.ts';
import { LOCAL_AWS, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/free-port.ts';
import { startLocalRuntime } from '../local/runtime.ts';

export interface ReliabilityFigure {
  readonly builds: number;
  readonly secondsToLastAwaitingApproval: number;
  readonly peakRssGiB: number;
  readonly rssBeforeGiB: number;
  readonly peakThreads: number;
  readonly workersAfterIdleSeconds: { readonly seconds: number; readonly workers: number };
  readonly failedExecutions: number;
}

const BRIEF = {
  type: 'WEBINAR',
  objective: 'Generate 400 qualified registrations from mid-market finance teams for the analytics webinar series',
  audience: 'Finance leaders at companies with 200-2,000 employees',
  budget: { amount: 30000, currency: 'USD' },
  channels: ['EMAIL', 'LINKEDIN'],
  launchDate: '2027-06-01',
  endDate: '2027-07-31',
  approvers: ['maria.lopez@example.com'],
  requestedBy: 'sam.taylor@example.com',
};

function threads(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('Threads:'));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 100) / 100;

export async function runReliability(options: { cloudAssemblyDir: string; dynamoEndpoint: string; builds?: number; log?: (line: string) => void }): Promise<ReliabilityFigure> {
  const builds = options.builds ?? 50;
  const dataDir = mkdtempSync(join(tmpdir(), 'mcc-bench-reliability-'));
  const runtime = await startLocalRuntime({ cloudAssemblyDir: options.cloudAssemblyDir, dataDir, port: 0, s3Port: 0, dynamodb: { endpoint: options.dynamoEndpoint }, namePrefix: 'rel-', log: () => undefined, functionLog: () => undefined });
  const doc = createDocumentClient({ endpoint: options.dynamoEndpoint, ...LOCAL_AWS });
  const repository = new CampaignRepository(doc, runtime.model.tables.find((t) => t.logicalId.startsWith('CampaignTable'))?.name ?? '');
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  let peakThreads = threads();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakThreads = Math.max(peakThreads, threads());
  }, 250);
  try {
    const started = Date.now();
    const ids = Array.from({ length: builds }, (_, i) => `cmp-rel-${started}-${i}`);
    const entries = ids.map((campaignId) => ({ EventBusName: 'mcc', Source: 'mcc.campaigns', DetailType: 'Campaign Build Requested', Detail: JSON.stringify({ tenantId: 'bench-rel', campaignId, brief: { ...BRIEF, name: `Burst ${campaignId}` } }) }));
    // PutEvents takes at most 10 entries per call.
    await Promise.all(
      Array.from({ length: Math.ceil(entries.length / 10) }, (_, i) =>
        fetch(runtime.urls.gateway, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' }, body: JSON.stringify({ Entries: entries.slice(i * 10, i * 10 + 10) }) }),
      ),
    );
    const waiting = new Set(ids);
    while (waiting.size > 0) {
      for (const id of [...waiting]) if ((await repository.get('bench-rel', id))?.status === 'AWAITING_APPROVAL') waiting.delete(id);
      if (runtime.stepFunctions.executions(undefined, 'FAILED').length > 0 && waiting.size > 0) {
        const failed = runtime.stepFunctions.executions(undefined, 'FAILED').length;
        if (failed >= waiting.size) break;
      }
      if (waiting.size > 0) await sleep(500);
      if (Date.now() - started > 20 * 60_000) throw new Error(`${waiting.size} builds still not AWAITING_APPROVAL after 20 minutes`);
    }
    const seconds = (Date.now() - started) / 1000;
    options.log?.(`${builds} builds: last AWAITING_APPROVAL after ${seconds.toFixed(1)} s, peak RSS ${gib(peakRss)} GiB`);
    const idleSeconds = 40;
    await sleep(idleSeconds * 1000);
    return {
      builds,
      secondsToLastAwaitingApproval: Math.round(seconds * 10) / 10,
      peakRssGiB: gib(peakRss),
      rssBeforeGiB: gib(rssBefore),
      peakThreads,
      workersAfterIdleSeconds: { seconds: idleSeconds, workers: runtime.lambda.workerCount },
      failedExecutions: runtime.stepFunctions.executions(undefined, 'FAILED').length,
    };
  } finally {
    clearInterval(sampler);
    doc.destroy();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Merges `reliability` into bench/results.json, keeping every other key. */
export function writeReliability(figure: ReliabilityFigure): void {
  const file = new URL('./results.json', import.meta.url);
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...current, reliability: { measuredAt: new Date().toISOString(), ...figure } }, null, 2)}\n`);
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const projectDir = resolve(import.meta.dirname, '..');
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  try {
    // An assembly directory may be given (e.g. the e2e tier's synthesized copy); cdk.out otherwise.
    const cloudAssemblyDir = resolve(process.argv[2] ?? join(projectDir, 'cdk.out'));
    const figure = await runReliability({ cloudAssemblyDir, dynamoEndpoint: dynamo.endpoint, log: (line) => console.log(`[bench] ${line}`) });
    writeReliability(figure);
    console.table(figure);
  } finally {
    await dynamo.stop();
  }
  process.exit(0);
}
