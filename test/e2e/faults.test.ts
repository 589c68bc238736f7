// Resilience under injected faults (local/faults.ts): the model throttles,
// Workfront answers 503 and Lambda processes die after doing their work. The
// state machine's Retry blocks must absorb them: no campaign is lost or built
// twice, every execution's outcome matches its campaign's status, and a
// SYNCED campaign has exactly one Workfront project with one task per post.
// This file runs its own runtime (faults are a runtime option) over the
// assembly the e2e setup synthesized.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.ts';
import { campaigns, e2e, eventually, executionForEvent, mailsFor, putBuildEvent, settledExecution, uniqueCampaignId, validBrief, type E2eContext } from '../support/e2e.ts';

const shared = e2e();
const dataDir = mkdtempSync(join(tmpdir(), 'mcc-e2e-faults-'));
const CAMPAIGNS = 3;
let runtime: LocalRuntime;
let ctx: E2eContext;
let apiKey = '';

beforeAll(async () => {
  runtime = await startLocalRuntime({
    cloudAssemblyDir: shared.cloudAssemblyDir,
    dataDir,
    port: await freePort(),
    s3Port: await freePort(),
    dynamodb: { endpoint: inject('dynamoEndpoint') },
    namePrefix: `f${randomUUID().slice(0, 6)}-`,
    faults: { seed: 7, agentThrottleRate: 0.2, workfront5xxRate: 0.2, lambdaCrashRate: 0.1 },
    log: () => undefined,
    functionLog: () => undefined,
  });
  ctx = {
    gateway: runtime.urls.gateway,
    stateMachineArn: runtime.model.stateMachines.find((m) => m.logicalId.startsWith('CampaignBuild'))?.arn ?? '',
    tableName: runtime.model.tables.find((t) => t.logicalId.startsWith('CampaignTable'))?.name ?? '',
  };
  const credentialsId = runtime.model.functions.map((f) => f.environment.WORKFRONT_CREDENTIALS_SECRET_ID).find(Boolean);
  apiKey = credentialsId ? ((JSON.parse(runtime.secrets.get(credentialsId).SecretString ?? '{}') as { apiKey?: string }).apiKey ?? '') : '';
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The sandbox is under fault injection too, so a reader retries its 503s like any client. */
async function workfront(path: string, query: Record<string, string>): Promise<{ ID: string; extRefID?: string }[]> {
  const url = new URL(`${ctx.gateway}/_local/workfront/attask/api/v15.0/${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return eventually(async () => {
    const response = await fetch(url, { headers: { apiKey } });
    return response.status === 200 ? ((await response.json()) as { data: { ID: string; extRefID?: string }[] }).data : undefined;
  }, 20_000, `Workfront ${path}`);
}

async function retriedTasks(executionArn: string): Promise<number> {
  const sfn = new SFNClient({ endpoint: ctx.gateway, ...LOCAL_AWS });
  try {
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return events.filter((e) => e.type === 'TaskFailed' || e.type === 'LambdaFunctionFailed').length;
  } finally {
    sfn.destroy();
  }
}

describe('campaign builds under injected faults', () => {
  it('GIVEN throttling, Workfront 503s and crashing functions WHEN campaigns are built and approved THEN each ends in a truthful status, none is lost or doubled, and Workfront holds exactly what SYNCED campaigns own', async () => {
    const store = campaigns(ctx);
    try {
      const ids = Array.from({ length: CAMPAIGNS }, () => uniqueCampaignId('e2e-fault'));
      const executions = await Promise.all(
        ids.map(async (campaignId) => executionForEvent(ctx, await putBuildEvent(ctx.gateway, { tenantId: 'acme', campaignId, brief: validBrief(`Fault drill ${campaignId}`) }), 60_000)),
      );

      // Approve whatever reaches approval; anything else must already be a finished failure.
      await Promise.all(
        ids.map(async (campaignId) => {
          const campaign = await eventually(async () => {
            const c = await store.repository.get('acme', campaignId);
            return c && ['AWAITING_APPROVAL', 'FAILED'].includes(c.status) ? c : undefined;
          }, 150_000, `${campaignId} to reach approval or fail`);
          if (campaign.status !== 'AWAITING_APPROVAL') return;
          const [mail] = await mailsFor(ctx, campaignId, /^Approval needed/, 1, 60_000);
          const decided = await fetch(mail?.links?.approve?.split('?')[0] ?? '', { method: 'POST', body: new URLSearchParams({ decision: 'approve' }) });
          expect(decided.status).toBe(200);
        }),
      );

      const outcomes = await Promise.all(executions.map((arn) => settledExecution(ctx, arn, 150_000)));
      let retries = 0;
      for (const [i, campaignId] of ids.entries()) {
        const outcome = outcomes[i];
        const campaign = await store.repository.require('acme', campaignId);
        // The execution's outcome and the campaign's status tell the same story.
        expect(`${outcome?.status} ${campaign.status}`).toMatch(/^(SUCCEEDED SYNCED|FAILED FAILED)$/);
        retries += await retriedTasks(executions[i] ?? '');
        const projects = await workfront('proj/search', { extRefID: campaignId });
        if (campaign.status === 'SYNCED') {
          expect(projects).toHaveLength(1);
          const tasks = await workfront('task/search', { projectID: projects[0]?.ID ?? '' });
          const generated = (await store.repository.listPosts('acme', campaignId)).filter((p) => p.status === 'GENERATED');
          // One task per generated post (its publish task keeps the post ID), each execution task once (issue 15).
          expect(tasks.filter((t) => !String(t.extRefID).startsWith('mcc-task:'))).toHaveLength(generated.length);
          expect(new Set(tasks.map((t) => t.extRefID)).size).toBe(tasks.length);
          expect(campaign.workfrontProjectId).toBe(projects[0]?.ID);
        } else {
          expect(projects.length).toBeLessThanOrEqual(1);
        }
      }
      // One campaign item per request: none lost, none doubled.
      const listed = await store.repository.list('acme', { limit: 100 });
      expect(listed.items.filter((c) => ids.includes(c.campaignId)).map((c) => c.campaignId).sort()).toEqual([...ids].sort());
      // The faults did happen, and the workflow retried through them.
      const injected = runtime.faults?.injected ?? { agentThrottle: 0, workfront5xx: 0, lambdaCrash: 0 };
      expect(injected.agentThrottle + injected.workfront5xx + injected.lambdaCrash).toBeGreaterThan(0);
      expect(retries).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o?.status === 'SUCCEEDED').length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 400_000);
});
