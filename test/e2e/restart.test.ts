// Stopping the local runtime while a campaign awaits approval, then starting
// it again on the same data directory and ports: the e-mailed link (signed
// before the restart) still opens the request, and its decision, posted the
// moment the runtime is back, completes the execution. This file runs its own runtime over the same assembly, because
// the shared one must keep running for the other files.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../local/free-port.ts';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { createDocumentClient } from '../../functions/data/dynamodb-document-client.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { campaignInStatus, campaigns, e2e, executionForEvent, mailsFor, putBuildEvent, settledExecution, uniqueCampaignId, validBrief, type E2eContext } from '../support/e2e.ts';

const shared = e2e();
const dataDir = mkdtempSync(join(tmpdir(), 'mcc-e2e-restart-'));
const namePrefix = `r${randomUUID().slice(0, 6)}-`;
const running: LocalRuntime[] = [];
afterAll(async () => {
  for (const runtime of running) await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number, s3Port: number): Promise<{ runtime: LocalRuntime; ctx: E2eContext }> {
  const runtime = await startLocalRuntime({
    cloudAssemblyDir: shared.cloudAssemblyDir,
    dataDir,
    port,
    s3Port,
    dynamodb: { endpoint: inject('dynamoEndpoint') },
    namePrefix,
    log: () => undefined,
    functionLog: () => undefined,
  });
  running.push(runtime);
  return {
    runtime,
    ctx: {
      gateway: runtime.urls.gateway,
      stateMachineArn: runtime.model.stateMachines.find((m) => m.logicalId.startsWith('CampaignBuild'))?.arn ?? '',
      tableName: runtime.model.tables.find((t) => t.logicalId.startsWith('CampaignTable'))?.name ?? '',
    },
  };
}

describe('restarting the runtime while a campaign awaits approval', () => {
  it('GIVEN a campaign awaiting approval, WHEN the runtime is stopped and started again on the same data and ports, THEN the original approval link still works and the execution completes SYNCED', async () => {
    const [port, s3Port] = [await freePort(), await freePort()];
    const first = await start(port, s3Port);
    const store = campaigns(first.ctx);
    try {
      const campaignId = uniqueCampaignId('e2e-restart');
      const executionArn = await executionForEvent(first.ctx, await putBuildEvent(first.ctx.gateway, { tenantId: 'acme', campaignId, brief: validBrief(`Restart check ${campaignId}`) }));
      await campaignInStatus(store.repository, 'acme', campaignId, 'AWAITING_APPROVAL');
      const [mail] = await mailsFor(first.ctx, campaignId, /^Approval needed/);
      const approvals = new ApprovalRepository(createDocumentClient({ endpoint: inject('dynamoEndpoint'), ...LOCAL_AWS }), first.ctx.tableName);
      const tokenBefore = (await approvals.get('acme', campaignId, 'rev-0'))?.taskToken;
      expect(tokenBefore).toBeTruthy();
      await first.runtime.stop();
      running.splice(running.indexOf(first.runtime), 1);

      const second = await start(port, s3Port);
      expect(second.runtime.resumed.resumed).toContain(executionArn);
      // At once, with no waiting for the resumed task: the task token persisted across the restart
      // (issue 21), so the stored approval keeps the token it had and the decision reaches the wait.
      const link = mail?.links?.approve ?? '';
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`Restart check ${campaignId}`);
      const decided = await fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve', comment: 'after the restart' }) });
      expect(decided.status).toBe(200);
      expect((await settledExecution(second.ctx, executionArn)).status).toBe('SUCCEEDED');
      await campaignInStatus(store.repository, 'acme', campaignId, 'SYNCED');
      expect((await approvals.get('acme', campaignId, 'rev-0'))?.taskToken).toBe(tokenBefore);
      expect(await mailsFor(second.ctx, campaignId, /^Approval needed/)).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
