// Execution in Workfront, against DynamoDB Local and the Workfront sandbox
// over HTTP: an approved Tier 1 launch syncs every task of its plan with its
// planned dates, its assignee's Workfront user and its predecessors; the
// sandbox takes the documented nested payloads; a task completed in
// Workfront flows back into the MCC task through the webhook's apply.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeduplicationStore } from '../../functions/data/deduplication-store.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import { applyWorkfrontEvent } from '../../functions/use-cases/apply-workfront-event.ts';
import { putTeamMember } from '../../functions/use-cases/execution/manage-team.ts';
import { TASK_REF_PREFIX } from '../../functions/use-cases/execution/workfront-task-fields.ts';
import { syncToWorkfront, type SyncDeps } from '../../functions/use-cases/sync-to-workfront.ts';
import { ApiKeyAuth } from '../../functions/workfront/auth.ts';
import { WorkfrontClient } from '../../functions/workfront/client.ts';
import { parseWorkfrontEvent } from '../../functions/workfront/event-payload.ts';
import { WorkfrontObjectEvents } from '../../functions/workfront/object-updated-events.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { listen, type WorkfrontSandbox } from '../../local/workfront-sandbox/index.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { aPlannedCampaign, executionDeps, SAMPLE_TEAM } from '../support/execution.ts';
import { startFakeAws, type FakeAws } from '../support/fake-aws.ts';
import { NOW } from '../support/fixtures.ts';
import { aPost } from '../support/posts.ts';
import { DOCUMENTED_ASSIGNMENTS_UPDATE, DOCUMENTED_TASKS_BY_ID } from './fixtures/execution-payloads.ts';
import type { ExecutionDeps } from '../../functions/use-cases/execution/execution-deps.ts';

let sandbox: WorkfrontSandbox;
let close: () => Promise<void>;
let url: string;
let aws: FakeAws;
let exec: ExecutionDeps;
let table: Awaited<ReturnType<typeof createTestTable>>;
let sync: SyncDeps;
const delivered: string[] = [];

beforeAll(async () => {
  table = await createTestTable();
  exec = executionDeps(table);
  aws = await startFakeAws();
  const started = await listen({ apiKeys: ['k'], deliverWebhook: async (_url, request) => (delivered.push(request.body), 200) });
  sandbox = started.sandbox;
  close = started.close;
  url = started.url;
  const events = new EventBridgeClient({ endpoint: aws.endpoint, ...LOCAL_AWS });
  sync = {
    repo: exec.campaigns,
    execution: exec.execution,
    team: exec.team,
    updates: new CampaignUpdates(events, 'mcc'),
    workfront: new WorkfrontClient({ baseUrl: url, apiVersion: 'v22.0', auth: new ApiKeyAuth(async () => ({ apiKey: 'k' })), retry: { maxAttempts: 2, baseDelayMs: 1 } }),
    now: () => NOW,
  };
  for (const m of SAMPLE_TEAM) await putTeamMember(exec, 'acme', m);
});
afterAll(async () => {
  await close();
  await aws.close();
});

async function approvedLaunch(campaignId: string) {
  const campaign = await aPlannedCampaign(exec, { tenantId: 'acme', campaignId, brief: { type: 'PRODUCT_LAUNCH', channels: ['EMAIL', 'LINKEDIN'], budget: { amount: 150_000, currency: 'USD' } } });
  for (const to of ['PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'APPROVED'] as const) await exec.campaigns.transition('acme', campaignId, { to, now: NOW });
  await exec.campaigns.putPosts('acme', campaignId, (campaign.plan?.posts ?? []).map((p, i) =>
    aPost(campaignId, i + 1, { postId: p.postId, channel: p.channel, publishDate: p.publishDate, status: 'GENERATED', content: { title: `Post ${i + 1}`, body: 'Launch day.', callToAction: 'Try it' } }),
  ));
  return campaign;
}

describe('execution in Workfront', () => {
  it('syncs every task of a Tier 1 launch with planned dates, assignee and predecessors', async () => {
    const campaign = await approvedLaunch('wf-exec-1');
    expect(campaign.tier).toBe(1);
    const { workfrontProjectId } = await syncToWorkfront(sync, { tenantId: 'acme', campaignId: 'wf-exec-1' });
    const tasks = await exec.execution.listTasks('acme', 'wf-exec-1');
    const inWorkfront = sandbox.store.list('TASK').filter((t) => t.projectID === workfrontProjectId);
    expect(inWorkfront).toHaveLength(tasks.length);
    const byWorkfrontId = new Map(inWorkfront.map((t) => [t.ID, t]));
    const members = new Map(SAMPLE_TEAM.map((m) => [m.memberId, m]));
    let withAssignee = 0;
    let withPredecessors = 0;
    for (const task of tasks) {
      const wf = byWorkfrontId.get(task.workfrontTaskId ?? '');
      expect(wf, task.taskId).toBeDefined();
      if (!wf) continue;
      expect(wf).toMatchObject({ plannedStartDate: task.startDate, plannedCompletionDate: task.endDate });
      expect(wf.extRefID).toBe(task.taskId.endsWith('-publish') ? task.postId : `${TASK_REF_PREFIX}${task.taskId}`);
      const userId = task.assigneeId ? members.get(task.assigneeId)?.workfrontUserId : undefined;
      expect(wf.assignedToID ?? undefined).toBe(userId);
      if (userId) withAssignee += 1;
      const preds = (wf.predecessors ?? []) as { predecessorID: string; predecessorType: string; lagDays: number }[];
      expect(preds.map((p) => ({ taskId: byWorkfrontId.get(p.predecessorID)?.extRefID, type: p.predecessorType, lag: p.lagDays })).sort((a, b) => String(a.taskId).localeCompare(String(b.taskId)))).toEqual(
        task.dependsOn.map((d) => ({ taskId: tasks.find((t) => t.taskId === d.taskId)?.taskId.endsWith('-publish') ? tasks.find((t) => t.taskId === d.taskId)?.postId : `${TASK_REF_PREFIX}${d.taskId}`, type: 'fs', lag: d.lagDays })).sort((a, b) => String(a.taskId).localeCompare(String(b.taskId))),
      );
      if (preds.length > 0) withPredecessors += 1;
    }
    expect(withAssignee).toBeGreaterThan(5);
    expect(withPredecessors).toBe(tasks.filter((t) => t.dependsOn.length > 0).length);
    // A retry creates nothing more.
    await syncToWorkfront(sync, { tenantId: 'acme', campaignId: 'wf-exec-1' });
    expect(sandbox.store.list('TASK').filter((t) => t.projectID === workfrontProjectId)).toHaveLength(tasks.length);
  });

  it('completing a task in the sandbox marks the MCC task done through the webhook apply', async () => {
    await approvedLaunch('wf-exec-2');
    const { workfrontProjectId } = await syncToWorkfront(sync, { tenantId: 'acme', campaignId: 'wf-exec-2' });
    sandbox.store.subscriptions.set('sub-task-update', { id: 'sub-task-update', customerId: 'c', objId: null, objCode: 'TASK', eventType: 'UPDATE', url: 'http://mcc.invalid/webhooks/workfront?tenant=acme', authToken: 't', base64Encoding: false });
    const task = (await exec.execution.listTasks('acme', 'wf-exec-2')).find((t) => t.taskId === 'brief');
    if (!task?.workfrontTaskId) throw new Error('brief not synced');
    delivered.length = 0;
    sandbox.setTaskStatus(task.workfrontTaskId, 'INP', 30);
    sandbox.setTaskStatus(task.workfrontTaskId, 'CPL');
    await sandbox.idle();
    expect(delivered).toHaveLength(2);
    const events = delivered.map((body) => parseWorkfrontEvent(JSON.parse(body)));
    expect(events.map((e) => [e.status, e.percentComplete])).toEqual([['INP', 30], ['CPL', 100]]);

    const apply = {
      repo: exec.campaigns,
      dedup: new DeduplicationStore(table.doc, table.tableName),
      events: new WorkfrontObjectEvents(new EventBridgeClient({ endpoint: aws.endpoint, ...LOCAL_AWS }), 'mcc'),
      now: () => NOW,
      execution: exec.execution,
    };
    expect(await applyWorkfrontEvent(apply, 'acme', events[0] as (typeof events)[number])).toBe('applied');
    expect(await exec.execution.requireTask('acme', 'wf-exec-2', 'brief')).toMatchObject({ state: 'IN_PROGRESS', percentComplete: 30 });
    expect(await applyWorkfrontEvent(apply, 'acme', events[1] as (typeof events)[number])).toBe('applied');
    expect(await exec.execution.requireTask('acme', 'wf-exec-2', 'brief')).toMatchObject({ state: 'DONE', percentComplete: 100 });
    // The redelivery of an older event changes nothing.
    expect(await applyWorkfrontEvent(apply, 'acme', events[0] as (typeof events)[number])).toBe('duplicate');
    expect(await exec.execution.requireTask('acme', 'wf-exec-2', 'brief')).toMatchObject({ state: 'DONE', percentComplete: 100 });
    expect(workfrontProjectId).toBeDefined();
  });

  it('accepts the documented nested assignments update and reads documented task statuses', async () => {
    const project = await sync.workfront.createProject({ name: 'Fixture project' });
    const task = await sync.workfront.createTask({ name: 'Fixture task', projectID: project.ID });
    const response = await fetch(`${url}/attask/api/v22.0/task/${task.ID}?apiKey=k`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(DOCUMENTED_ASSIGNMENTS_UPDATE) });
    expect(response.status).toBe(200);
    const stored = sandbox.store.objects.get(task.ID);
    expect(stored?.assignedToID).toBe(DOCUMENTED_ASSIGNMENTS_UPDATE.assignments[0]?.assignedToID);
    expect((stored?.assignments as unknown[]).length).toBe(2);
    const bad = await fetch(`${url}/attask/api/v22.0/task/${task.ID}?apiKey=k`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ predecessors: [{ predecessorID: 'f'.repeat(32), predecessorType: 'fs' }] }) });
    expect(bad.status).toBe(422);
    for (const t of Object.values(DOCUMENTED_TASKS_BY_ID.data)) expect(['NEW', 'INP', 'CPL']).toContain(t.status.split(':')[0]);
    // Tasks have their own page, so the projects page keeps one status select per project.
    const tasksPage = await (await fetch(`${url}/tasks?project=${project.ID}`)).text();
    expect(tasksPage).toContain('aria-label="Status of task Fixture task"');
    expect(await (await fetch(`${url}/`)).text()).not.toContain('Status of task');
  });
});
