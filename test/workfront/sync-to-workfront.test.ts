// SyncToWorkfront against DynamoDB Local and the Workfront sandbox over HTTP:
// one project and one task per generated post, however often the step runs.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { ExecutionRepository } from '../../functions/data/execution-repository.ts';
import { TeamRepository } from '../../functions/data/team-repository.ts';
import { InvalidTransitionError } from '../../functions/domain/errors.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import { syncToWorkfront, type SyncDeps } from '../../functions/use-cases/sync-to-workfront.ts';
import { ApiKeyAuth } from '../../functions/workfront/auth.ts';
import { WorkfrontClient } from '../../functions/workfront/client.ts';
import { WorkfrontUnavailableError } from '../../functions/workfront/errors.ts';
import { listen, type WorkfrontSandbox } from '../../local/workfront-sandbox/index.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { campaignIn } from '../support/campaign-in-status.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { startFakeAws, type FakeAws } from '../support/fake-aws.ts';
import { NOW } from '../support/fixtures.ts';
import { aPost } from '../support/posts.ts';

let sandbox: WorkfrontSandbox;
let closeSandbox: () => Promise<void>;
let aws: FakeAws;
let deps: SyncDeps;
let repo: CampaignRepository;
let sandboxUrl: string;

const clientOptions = (baseUrl: string) => ({
  baseUrl,
  apiVersion: 'v22.0',
  auth: new ApiKeyAuth(async () => ({ apiKey: 'k' })),
  retry: { maxAttempts: 2, baseDelayMs: 1 },
});

beforeAll(async () => {
  const table = await createTestTable();
  repo = new CampaignRepository(table.doc, table.tableName);
  aws = await startFakeAws();
  const started = await listen({ apiKeys: ['k'] });
  sandbox = started.sandbox;
  closeSandbox = started.close;
  sandboxUrl = started.url;
  deps = {
    repo,
    execution: new ExecutionRepository(table.doc, table.tableName),
    team: new TeamRepository(table.doc, table.tableName),
    updates: new CampaignUpdates(new EventBridgeClient({ endpoint: aws.endpoint, ...LOCAL_AWS }), 'mcc'),
    workfront: new WorkfrontClient(clientOptions(started.url)),
    now: () => NOW,
  };
});
afterAll(async () => {
  await closeSandbox();
  await aws.close();
});

const generated = (campaignId: string, n: number) =>
  aPost(campaignId, n, { status: 'GENERATED', content: { title: `Post ${n}`, body: 'Join us.', callToAction: 'Register' } });

describe('SyncToWorkfront', () => {
  it('creates the project and one task per generated post, links them and marks the campaign SYNCED', async () => {
    const ids = { tenantId: 'acme', campaignId: 'sync-1' };
    await campaignIn(repo, 'APPROVED', ids);
    await repo.putPosts('acme', 'sync-1', [generated('sync-1', 1), generated('sync-1', 2), aPost('sync-1', 3, { status: 'FAILED', failureReason: 'x' })]);

    const output = await syncToWorkfront(deps, ids);

    const projects = sandbox.store.list('PROJ').filter((p) => p.extRefID === 'sync-1');
    expect(projects).toHaveLength(1);
    const project = projects[0];
    expect(project).toMatchObject({ name: 'Spring analytics webinar series', plannedStartDate: '2027-02-15', plannedCompletionDate: '2027-03-31' });
    // A post's publish task keeps the post ID; the rest of the execution plan is prefixed (execution, issue 15).
    const tasks = sandbox.store.list('TASK').filter((t) => t.projectID === project?.ID && !t.extRefID?.startsWith('mcc-task:'));
    expect(tasks.map((t) => t.extRefID).sort()).toEqual(['post-001', 'post-002']);
    expect(output).toEqual({ workfrontProjectId: project?.ID, workfrontUrl: expect.stringContaining(`/project/${project?.ID}`) });

    const campaign = await repo.require('acme', 'sync-1');
    expect(campaign).toMatchObject({ status: 'SYNCED', workfrontProjectId: project?.ID, workfrontUrl: output.workfrontUrl });
    expect(await repo.findWorkfrontLink('acme', 'PROJ', project?.ID ?? '')).toMatchObject({ campaignId: 'sync-1' });
    for (const task of tasks) {
      expect(await repo.findWorkfrontLink('acme', 'TASK', task.ID)).toMatchObject({ campaignId: 'sync-1', postId: task.extRefID });
    }
    const published = aws.entries.filter((e) => JSON.parse(e.Detail).campaignId === 'sync-1').map((e) => JSON.parse(e.Detail).status);
    expect(published).toEqual(['SYNCING', 'SYNCED']);
  });

  it('a retry after a failure half-way finds the project and tasks by extRefID instead of creating them again', async () => {
    const ids = { tenantId: 'acme', campaignId: 'sync-2' };
    await campaignIn(repo, 'APPROVED', ids);
    await repo.putPosts('acme', 'sync-2', [1, 2, 3].map((n) => generated('sync-2', n)));
    // The project and two tasks get created, then Workfront fails on the third task.
    let creates = 0;
    class FlakyClient extends WorkfrontClient {
      override async createTask(fields: Parameters<WorkfrontClient['createTask']>[0]) {
        creates += 1;
        if (creates === 3) throw new WorkfrontUnavailableError('Workfront answered 503', 503);
        return super.createTask(fields);
      }
    }
    const flaky: SyncDeps = { ...deps, workfront: new FlakyClient(clientOptions(sandboxUrl)) };
    await expect(syncToWorkfront(flaky, ids)).rejects.toBeInstanceOf(WorkfrontUnavailableError);
    expect((await repo.require('acme', 'sync-2')).status).toBe('SYNCING');

    const first = await syncToWorkfront(deps, ids);
    const second = await syncToWorkfront(deps, ids);
    expect(second).toEqual(first);
    const projects = sandbox.store.list('PROJ').filter((p) => p.extRefID === 'sync-2');
    expect(projects).toHaveLength(1);
    const tasks = sandbox.store.list('TASK').filter((t) => t.projectID === projects[0]?.ID);
    expect(tasks.filter((t) => !t.extRefID?.startsWith('mcc-task:')).map((t) => t.extRefID).sort()).toEqual(['post-001', 'post-002', 'post-003']);
    // Every task of the execution plan exists once.
    expect(new Set(tasks.map((t) => t.extRefID)).size).toBe(tasks.length);
    expect((await repo.require('acme', 'sync-2')).status).toBe('SYNCED');
  });

  it('refuses a campaign that was never approved', async () => {
    const ids = { tenantId: 'acme', campaignId: 'sync-3' };
    await campaignIn(repo, 'AWAITING_APPROVAL', ids);
    await expect(syncToWorkfront(deps, ids)).rejects.toBeInstanceOf(InvalidTransitionError);
    expect(sandbox.store.list('PROJ').some((p) => p.extRefID === 'sync-3')).toBe(false);
  });
});
