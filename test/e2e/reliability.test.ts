// The reliability tier (issue 21): the probes that once lost decisions, froze
// every endpoint or failed bursts, repeated on the whole app.
// - kill -9 mid-Generate, start again: no post lost or doubled; kill -9 while
//   awaiting approval, start again, approve at once: the decision applies
//   (stopping cleanly and approving at once is in restart.test.ts);
// - a fragment bomb is answered within 1 s with an error while health stays
//   responsive;
// - 50 concurrent deliveries of one Workfront event right after start: all
//   2xx, exactly one applied;
// - 50 concurrent builds all reach AWAITING_APPROVAL, with the gateway
//   process's memory reported.
// Each probe runs its own runtime over the assembly the e2e setup
// synthesized, sharing its DynamoDB Local (tables are name-prefixed).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { createDocumentClient } from '../../functions/data/dynamodb-document-client.ts';
import { tenantWebhookToken } from '../../functions/workfront/webhook-token.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../local/runtime.ts';
import { campaignInStatus, campaigns, e2e, eventually, executionForEvent, mailsFor, putBuildEvent, settledExecution, uniqueCampaignId, validBrief, type E2eContext } from '../support/e2e.ts';

const shared = e2e();
const CHILD = fileURLToPath(new URL('../support/runtime-child.ts', import.meta.url));
const dirs: string[] = [];
const running: LocalRuntime[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const runtime of running) await runtime.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcc-e2e-reliability-'));
  dirs.push(dir);
  return dir;
}

function contextOf(runtime: LocalRuntime): E2eContext {
  return {
    gateway: runtime.urls.gateway,
    stateMachineArn: runtime.model.stateMachines.find((m) => m.logicalId.startsWith('CampaignBuild'))?.arn ?? '',
    tableName: runtime.model.tables.find((t) => t.logicalId.startsWith('CampaignTable'))?.name ?? '',
  };
}

type Options = Omit<LocalRuntimeOptions, 'log' | 'functionLog'>;

/** A runtime in a child process, so it can be killed with SIGKILL; resolves once it answers. */
async function startChild(options: Options): Promise<{ child: ChildProcess; ctx: E2eContext }> {
  const child = spawn(process.execPath, [CHILD], { env: { ...process.env, MCC_CHILD_OPTIONS: JSON.stringify(options) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const ctx = await new Promise<E2eContext>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\{.*\})\n/.exec(output);
      if (ready?.[1]) resolve(JSON.parse(ready[1]) as E2eContext);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => reject(new Error(`the runtime child exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
  return { child, ctx };
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function startHere(options: Options): Promise<LocalRuntime> {
  const runtime = await startLocalRuntime({ ...options, log: () => undefined, functionLog: () => undefined });
  running.push(runtime);
  return runtime;
}

describe('reliability', () => {
  it('GIVEN kill -9 mid-Generate and again while awaiting approval THEN the build resumes with no post lost or doubled, and an approval posted the moment the runtime is back applies', async () => {
    const [port, s3Port] = [await freePort(), await freePort()];
    const namePrefix = `k${randomUUID().slice(0, 6)}-`;
    // A model latency keeps Generate running long enough to be interrupted.
    const options: Options = { cloudAssemblyDir: shared.cloudAssemblyDir, dataDir: freshDataDir(), port, s3Port, dynamodb: { endpoint: inject('dynamoEndpoint') }, namePrefix, environment: { LOCAL_AGENT_LATENCY_MS: '400' } };
    const first = await startChild(options);
    const { ctx } = first;
    const store = campaigns(ctx);
    const approvals = new ApprovalRepository(createDocumentClient({ endpoint: inject('dynamoEndpoint'), ...LOCAL_AWS }), ctx.tableName);
    try {
      const campaignId = uniqueCampaignId('e2e-kill');
      const executionArn = await executionForEvent(ctx, await putBuildEvent(ctx.gateway, { tenantId: 'acme', campaignId, brief: validBrief(`Kill check ${campaignId}`) }));
      // Mid-Generate: some posts drafted, some still planned.
      const planned = await eventually(async () => {
        const posts = await store.repository.listPosts('acme', campaignId);
        return posts.some((p) => p.status === 'GENERATED') && posts.some((p) => p.status === 'PLANNED') ? posts.map((p) => p.postId) : undefined;
      }, 90_000, 'Generate under way', 50);
      await kill9(first.child);

      const second = await startChild(options);
      await campaignInStatus(store.repository, 'acme', campaignId, 'AWAITING_APPROVAL', 120_000);
      const posts = await store.repository.listPosts('acme', campaignId);
      expect(posts.map((p) => p.postId).sort()).toEqual([...planned].sort());
      expect(posts.every((p) => p.status === 'GENERATED' || p.status === 'FAILED')).toBe(true);
      const [mail] = await mailsFor(second.ctx, campaignId, /^Approval needed/);
      const tokenBefore = (await approvals.get('acme', campaignId, 'rev-0'))?.taskToken;
      await kill9(second.child);

      const third = await startHere(options);
      expect(third.resumed.resumed).toContain(executionArn);
      // At once: no waiting for the resumed task.
      const decided = await fetch(mail?.links?.approve ?? '', { method: 'POST', body: new URLSearchParams({ decision: 'approve', comment: 'right after kill -9' }) });
      expect(decided.status).toBe(200);
      expect((await settledExecution(contextOf(third), executionArn, 120_000)).status).toBe('SUCCEEDED');
      await campaignInStatus(store.repository, 'acme', campaignId, 'SYNCED');
      expect((await approvals.get('acme', campaignId, 'rev-0'))?.taskToken).toBe(tokenBefore);
      expect(await mailsFor(contextOf(third), campaignId, /^Approval needed/)).toHaveLength(1);
    } finally {
      store.close();
    }
  }, 420_000);

  it('GIVEN a fragment bomb THEN it is answered within 1 s with an error while health stays responsive', async () => {
    const runtime = await startHere({ cloudAssemblyDir: shared.cloudAssemblyDir, dataDir: freshDataDir(), port: 0, s3Port: 0, dynamodb: { endpoint: inject('dynamoEndpoint') }, namePrefix: `g${randomUUID().slice(0, 6)}-` });
    const { token } = (await (await fetch(`${runtime.urls.gateway}/_local/token?tenant=acme&sub=sam&groups=marketers`)).json()) as { token: string };
    let fragments = '';
    for (let i = 0; i < 30; i += 1) fragments += `fragment F${i} on Campaign { campaignId ${i + 1 < 30 ? `...F${i + 1} ...F${i + 1}` : 'name'} }\n`;
    const started = Date.now();
    const bomb = fetch(`${runtime.urls.graphql}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: `{ listCampaigns { items { ...F0 } } }\n${fragments}` }) });
    const health = await fetch(runtime.urls.health);
    const healthMs = Date.now() - started;
    const answer = await bomb;
    const answeredMs = Date.now() - started;
    const body = (await answer.json()) as { errors?: { message: string }[] };
    expect(health.status).toBe(200);
    expect(body.errors?.[0]?.message).toContain('field selections through its fragments');
    expect(answeredMs).toBeLessThan(1_000);
    expect(healthMs).toBeLessThan(1_000);
  }, 120_000);

  it('GIVEN 50 concurrent deliveries of one Workfront event right after start THEN all 2xx, exactly one applied', async () => {
    const secret = `reliability-webhook-secret-${randomUUID()}`;
    const namePrefix = `w${randomUUID().slice(0, 6)}-`;
    const runtime = await startHere({ cloudAssemblyDir: shared.cloudAssemblyDir, dataDir: freshDataDir(), port: 0, s3Port: 0, dynamodb: { endpoint: inject('dynamoEndpoint') }, namePrefix, workfrontWebhookToken: secret, workfrontSandbox: false });
    const ctx = contextOf(runtime);
    const store = campaigns(ctx);
    try {
      const campaignId = uniqueCampaignId('e2e-burst');
      const objId = `proj${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      await store.repository.putWorkfrontLink('acme', { objCode: 'PROJ', objId, campaignId, status: 'CUR', updatedAt: new Date().toISOString() });
      const event = JSON.stringify({ eventType: 'UPDATE', subscriptionId: 'sub-burst', eventTime: { epochSecond: Math.floor(Date.now() / 1000), nano: 0 }, newState: { ID: objId, objCode: 'PROJ', status: 'ONH' }, oldState: { ID: objId, objCode: 'PROJ', status: 'CUR' } });
      const deliveries = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const res = await fetch(`${runtime.urls.gateway}/webhooks/workfront?tenant=acme`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tenantWebhookToken(secret, 'acme')}` }, body: event });
          return { status: res.status, outcome: ((await res.json()) as { outcome?: string }).outcome };
        }),
      );
      expect(deliveries.filter((d) => d.status < 200 || d.status >= 300)).toEqual([]);
      expect(deliveries.filter((d) => d.outcome === 'applied')).toHaveLength(1);
      expect(deliveries.filter((d) => d.outcome === 'duplicate')).toHaveLength(49);
      expect((await store.repository.findWorkfrontLink('acme', 'PROJ', objId))?.status).toBe('ONH');
    } finally {
      store.close();
    }
  }, 180_000);

  it('GIVEN 50 concurrent builds THEN every one reaches AWAITING_APPROVAL, and the memory the runtime used is reported', async () => {
    const namePrefix = `b${randomUUID().slice(0, 6)}-`;
    const runtime = await startHere({ cloudAssemblyDir: shared.cloudAssemblyDir, dataDir: freshDataDir(), port: 0, s3Port: 0, dynamodb: { endpoint: inject('dynamoEndpoint') }, namePrefix });
    const ctx = contextOf(runtime);
    const store = campaigns(ctx);
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
    try {
      const started = Date.now();
      const ids = Array.from({ length: 50 }, (_, i) => uniqueCampaignId(`e2e-burst-${i}`));
      // All at once through the EventBridge API (fifty AWS CLI processes would measure Python start-up instead).
      const entries = ids.map((campaignId) => ({ EventBusName: 'mcc', Source: 'mcc.campaigns', DetailType: 'Campaign Build Requested', Detail: JSON.stringify({ tenantId: 'acme', campaignId, brief: validBrief(`Burst ${campaignId}`) }) }));
      const puts = await Promise.all(
        Array.from({ length: entries.length / 10 }, async (_, i) => {
          const res = await fetch(runtime.urls.gateway, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' }, body: JSON.stringify({ Entries: entries.slice(i * 10, i * 10 + 10) }) });
          return (await res.json()) as { FailedEntryCount: number };
        }),
      );
      expect(puts.map((p) => p.FailedEntryCount)).toEqual([0, 0, 0, 0, 0]);
      await Promise.all(ids.map((campaignId) => campaignInStatus(store.repository, 'acme', campaignId, 'AWAITING_APPROVAL', 600_000)));
      const seconds = (Date.now() - started) / 1000;
      // This test process is the gateway's process: the runtime runs in it.
      console.log(`[reliability] 50 builds: last AWAITING_APPROVAL after ${seconds.toFixed(1)} s; peak RSS ${(peakRss / 2 ** 30).toFixed(2)} GiB; ${runtime.lambda.workerCount} workers left`);
      expect(runtime.stepFunctions.executions(undefined, 'FAILED')).toEqual([]);
    } finally {
      clearInterval(sampler);
      store.close();
    }
  }, 900_000);
});
