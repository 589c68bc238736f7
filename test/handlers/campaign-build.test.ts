// The campaign build through its Lambda handlers, as the state machine calls
// them: real DynamoDB Local, the local agent indexing knowledge-content/ from
// an s3rver bucket, and Campaign Updated events sent by a real EventBridge
// client to a local PutEvents endpoint — configured only through the
// environment, exactly as the local runtime configures the bundles.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { MAX_REVISIONS } from '../../functions/domain/campaign-status.ts';
import type { CampaignBrief } from '../../functions/domain/campaign-brief.ts';
import type { Post } from '../../functions/domain/post.ts';
import { summarizeGeneration } from '../../functions/use-cases/generation-summary.ts';
import type { Generation } from '../../functions/workflow/contracts.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { EventCapture } from '../support/event-capture.ts';
import { aBrief } from '../support/fixtures.ts';
import { S3RVER_CREDENTIALS, startKnowledgeBucket, type KnowledgeBucket } from '../support/knowledge-bucket.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { loadHandler } from '../support/load-handler.ts';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
let save: Handler;
let plan: Handler;
let generate: Handler;
let outcome: Handler;
let repo: CampaignRepository;
let knowledge: KnowledgeBucket;
const events = new EventCapture();

const call = (handler: Handler, name: string, event: unknown) => handler(event, lambdaContext(name));

beforeAll(async () => {
  const table = await createTestTable();
  repo = new CampaignRepository(table.doc, table.tableName);
  knowledge = await startKnowledgeBucket();
  const eventBridge = await events.start();
  const env: Record<string, string> = {
    TABLE_NAME: table.tableName,
    EVENT_BUS_NAME: 'mcc',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge,
    AWS_ENDPOINT_URL_S3: knowledge.endpoint,
    AGENT_PROVIDER: 'local',
    KNOWLEDGE_BUCKET: knowledge.bucket,
    S3_FORCE_PATH_STYLE: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  save = await loadHandler<Handler>('save-campaign', env);
  plan = await loadHandler<Handler>('plan-campaign', env);
  generate = await loadHandler<Handler>('generate-post', env);
  outcome = await loadHandler<Handler>('campaign-outcome', env);
});

afterAll(async () => {
  await events.stop();
  await knowledge?.stop();
});

const launchBrief = (over: Partial<CampaignBrief> = {}) =>
  aBrief({
    name: 'Northwind Insights 4.0 launch',
    type: 'PRODUCT_LAUNCH',
    objective: 'Book 120 demos with mid-market finance teams in the launch quarter',
    channels: ['EMAIL', 'BLOG', 'LINKEDIN', 'X', 'INSTAGRAM'],
    launchDate: '2027-03-01',
    endDate: '2027-04-30',
    ...over,
  });

/** Runs every Map item the way the state machine would, a few at a time. */
async function generateAll(tenantId: string, campaignId: string, generation: Generation): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let i = 0; i < generation.postIds.length; i += 5) {
    const batch = generation.postIds.slice(i, i + 5).map((postId) =>
      call(generate, 'generate-post', { tenantId, campaignId, postId, revision: generation.revision, guidance: generation.guidance }),
    );
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

async function buildToGenerated(eventId: string, brief = launchBrief()) {
  const saved = (await call(save, 'save-campaign', { eventId, detail: { tenantId: 'acme', brief } })) as { tenantId: string; campaignId: string };
  const generation = (await call(plan, 'plan-campaign', { tenantId: 'acme', campaignId: saved.campaignId })) as Generation;
  await generateAll('acme', saved.campaignId, generation);
  return { campaignId: saved.campaignId, generation };
}

/** What request-approval and the approval callback (other handlers) do between Generate and Revise. */
async function rejectAsReviewer(campaignId: string) {
  await repo.transition('acme', campaignId, { from: 'GENERATING', to: 'AWAITING_APPROVAL', now: new Date() });
  await repo.transition('acme', campaignId, { from: 'AWAITING_APPROVAL', to: 'REJECTED', reason: 'Rejected by maria.lopez@example.com', now: new Date() });
}

const approval = (comment?: string) => ({
  decision: 'REJECTED',
  decidedBy: 'maria.lopez@example.com',
  decidedAt: '2027-02-20T10:00:00.000Z',
  ...(comment ? { comment } : {}),
});

describe('save → plan → generate for a 26-post Tier 1 launch', () => {
  it('saves, plans every post from the playbooks, drafts them all, and announces each status', async () => {
    const saved = await call(save, 'save-campaign', { eventId: 'evt-launch-1', detail: { tenantId: 'acme', brief: launchBrief() } });
    expect(saved).toEqual({ tenantId: 'acme', campaignId: 'cmp-evt-launch-1', duplicate: false });

    const generation = (await call(plan, 'plan-campaign', { tenantId: 'acme', campaignId: 'cmp-evt-launch-1' })) as Generation;
    expect(generation.postIds).toHaveLength(4 + 4 + 6 + 6 + 6);
    expect(generation).toMatchObject({ revision: 0, guidance: null });

    const results = await generateAll('acme', 'cmp-evt-launch-1', generation);
    expect(results).toEqual(generation.postIds.map((postId) => ({ postId, status: 'GENERATED' })));

    const campaign = await repo.require('acme', 'cmp-evt-launch-1');
    expect(campaign.history.map((h) => h.status)).toEqual(['REQUESTED', 'PLANNING', 'GENERATING']);
    expect(campaign.status).toBe('GENERATING');
    expect(campaign.tier).toBe(1);
    expect(campaign.plan?.posts.map((p) => p.postId)).toEqual(generation.postIds);
    expect(events.statusesOf('cmp-evt-launch-1')).toEqual(['REQUESTED', 'PLANNING', 'GENERATING']);
    expect(events.events.every((e) => e.source === 'mcc.campaigns' && e.detailType === 'Campaign Updated' && e.busName === 'mcc')).toBe(true);

    const posts = await repo.listPosts('acme', 'cmp-evt-launch-1');
    expect(posts).toHaveLength(26);
    for (const post of posts) {
      expect(post).toMatchObject({ status: 'GENERATED', revision: 0 });
      expect(post.content?.callToAction).toBeTruthy();
      expect(post.citations.map((c) => c.documentId)).toContain('guidelines/brand-voice.md');
      expect(post.publishDate >= '2027-03-01' && post.publishDate <= '2027-04-30').toBe(true);
    }
    expect(posts.filter((p) => p.channel === 'EMAIL').every((p) => p.content?.subjectLines?.length === 3)).toBe(true);
    expect(await summarizeGeneration(repo, 'acme', 'cmp-evt-launch-1', 0)).toMatchObject({ total: 26, generated: 26, failed: 0, allFailed: false });
  });

  it('returns the stored generation when Plan is retried after it finished, changing nothing', async () => {
    const { campaignId, generation } = await buildToGenerated('evt-plan-retry');
    const before = await repo.require('acme', campaignId);
    const again = await call(plan, 'plan-campaign', { tenantId: 'acme', campaignId });
    expect(again).toEqual(generation);
    const after = await repo.require('acme', campaignId);
    expect(after.version).toBe(before.version);
  });

  it('continues a Plan retried after a crash left the campaign PLANNING', async () => {
    await call(save, 'save-campaign', { eventId: 'evt-crash', detail: { tenantId: 'acme', brief: launchBrief({ channels: ['X'] }) } });
    await repo.transition('acme', 'cmp-evt-crash', { from: 'REQUESTED', to: 'PLANNING', now: new Date() });
    const generation = (await call(plan, 'plan-campaign', { tenantId: 'acme', campaignId: 'cmp-evt-crash' })) as Generation;
    expect(generation.postIds).toEqual(['x-1', 'x-2', 'x-3', 'x-4', 'x-5', 'x-6']);
    expect((await repo.listPosts('acme', 'cmp-evt-crash')).every((p: Post) => p.status === 'PLANNED')).toBe(true);
  });
});

describe('Save', () => {
  it('ends a redelivered event quietly: one campaign, one build', async () => {
    const event = { eventId: 'evt-dup', detail: { tenantId: 'acme', brief: launchBrief({ channels: ['EMAIL'] }) } };
    expect(await call(save, 'save-campaign', event)).toMatchObject({ campaignId: 'cmp-evt-dup', duplicate: false });
    await call(plan, 'plan-campaign', { tenantId: 'acme', campaignId: 'cmp-evt-dup' });
    expect(await call(save, 'save-campaign', event)).toEqual({ tenantId: 'acme', campaignId: 'cmp-evt-dup', duplicate: true });
    const campaign = await repo.require('acme', 'cmp-evt-dup');
    expect(campaign.history.map((h) => h.status)).toEqual(['REQUESTED', 'PLANNING', 'GENERATING']);
  });

  it('lets a retried Save continue when its own earlier attempt already wrote the campaign', async () => {
    const event = { eventId: 'evt-partial', detail: { tenantId: 'acme', brief: launchBrief({ channels: ['EMAIL'] }) } };
    await call(save, 'save-campaign', event);
    expect(await call(save, 'save-campaign', event)).toMatchObject({ duplicate: false });
  });

  it('GIVEN a redelivered event started a second execution while the first is still REQUESTED THEN only the execution that wrote the campaign carries on', async () => {
    const event = { eventId: 'evt-race', detail: { tenantId: 'acme', brief: launchBrief({ channels: ['EMAIL'] }) } };
    const first = { ...event, executionId: 'arn:aws:states:us-east-1:000000000000:execution:build:first' };
    const second = { ...event, executionId: 'arn:aws:states:us-east-1:000000000000:execution:build:second' };
    expect(await call(save, 'save-campaign', first)).toMatchObject({ duplicate: false });
    expect(await call(save, 'save-campaign', second)).toMatchObject({ duplicate: true });
    // The first execution's own retry still continues.
    expect(await call(save, 'save-campaign', first)).toMatchObject({ duplicate: false });
    expect((await repo.require('acme', 'cmp-evt-race')).buildExecutionId).toBe(first.executionId);
  });

  it('treats another event naming an existing campaign ID as a duplicate', async () => {
    const detail = { tenantId: 'acme', campaignId: 'spring-2027', brief: launchBrief({ channels: ['EMAIL'] }) };
    expect(await call(save, 'save-campaign', { eventId: 'evt-a', detail })).toMatchObject({ campaignId: 'spring-2027', duplicate: false });
    expect(await call(save, 'save-campaign', { eventId: 'evt-b', detail })).toMatchObject({ campaignId: 'spring-2027', duplicate: true });
  });

  it('refuses a malformed brief with a ValidationError naming every field, and writes nothing', async () => {
    const detail = {
      tenantId: 'malformed',
      brief: { ...launchBrief(), name: '', budget: { amount: -5, currency: 'XXX' }, channels: ['TIKTOK'], approvers: ['not-an-address'] },
      extra: true,
    };
    const error = await call(save, 'save-campaign', { eventId: 'evt-bad', detail }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError' });
    const message = (error as Error).message;
    for (const field of ['detail.brief.name', 'detail.brief.budget.amount', 'detail.brief.budget.currency', 'detail.brief.channels.0', 'detail.brief.approvers.0', 'detail']) {
      expect(message).toContain(`${field}:`);
    }
    expect((await repo.list('malformed')).items).toEqual([]);
    expect(await repo.get('malformed', 'cmp-evt-bad')).toBeUndefined();
  });

  it('names the end date of a window that ends before it starts, and a missing brief', async () => {
    const backwards = { tenantId: 'malformed', brief: launchBrief({ endDate: '2027-01-01' }) };
    await expect(call(save, 'save-campaign', { eventId: 'evt-backwards', detail: backwards })).rejects.toThrow(/detail\.brief\.endDate: must not be before launchDate/);
    await expect(call(save, 'save-campaign', { eventId: 'evt-empty', detail: { tenantId: 'malformed' } })).rejects.toThrow(/detail\.brief: /);
    expect((await repo.list('malformed')).items).toEqual([]);
  });
});

describe('campaign outcome', () => {
  it('records a post whose generation failed, with a readable reason, and the others stand', async () => {
    const { campaignId, generation } = await buildToGenerated('evt-failure', launchBrief({ channels: ['LINKEDIN'] }));
    const [first] = generation.postIds;
    const cause = JSON.stringify({ errorType: 'Throttled', errorMessage: 'InvokeAgent (writer) failed after 4 attempts: ThrottlingException' });
    const result = await call(outcome, 'campaign-outcome', {
      action: 'recordPostFailure',
      tenantId: 'acme',
      campaignId,
      postId: first,
      revision: 0,
      guidance: null,
      error: { Error: 'Throttled', Cause: cause },
    });
    expect(result).toEqual({ postId: first, status: 'FAILED' });
    const post = await repo.getPost('acme', campaignId, first ?? '');
    expect(post).toMatchObject({ status: 'FAILED', failureReason: 'Throttled: InvokeAgent (writer) failed after 4 attempts: ThrottlingException' });
    expect(post?.content).toBeUndefined();
    expect(await summarizeGeneration(repo, 'acme', campaignId, 0)).toMatchObject({ total: 6, generated: 5, failed: 1, allFailed: false });
  });

  it('revises a rejected campaign with the reviewer’s comment, then stops when the revisions are spent', async () => {
    const { campaignId, generation } = await buildToGenerated('evt-revise', launchBrief({ channels: ['LINKEDIN'] }));
    const firstDrafts = await repo.listPosts('acme', campaignId);
    let current = generation;
    for (let round = 1; round <= MAX_REVISIONS; round++) {
      await rejectAsReviewer(campaignId);
      const revised = (await call(outcome, 'campaign-outcome', {
        action: 'revise',
        tenantId: 'acme',
        campaignId,
        approval: approval('Make the posts shorter'),
        generation: current,
      })) as { revise: boolean; generation: Generation };
      expect(revised).toEqual({ revise: true, generation: { postIds: generation.postIds, revision: round, guidance: 'Make the posts shorter' } });
      current = revised.generation;
      await generateAll('acme', campaignId, current);
      const drafts = await repo.listPosts('acme', campaignId);
      expect(drafts.every((p) => p.status === 'GENERATED' && p.revision === round)).toBe(true);
      for (const draft of drafts) {
        const before = firstDrafts.find((p) => p.postId === draft.postId);
        expect(draft.content?.body.length).toBeLessThan(before?.content?.body.length ?? 0);
      }
    }
    await rejectAsReviewer(campaignId);
    const spent = await call(outcome, 'campaign-outcome', { action: 'revise', tenantId: 'acme', campaignId, approval: approval('Again'), generation: current });
    expect(spent).toEqual({ revise: false, generation: current });
    const campaign = await repo.require('acme', campaignId);
    expect(campaign).toMatchObject({ status: 'REJECTED', revision: MAX_REVISIONS });
    expect(events.statusesOf(campaignId)).toEqual(['REQUESTED', 'PLANNING', 'GENERATING', 'GENERATING', 'GENERATING']);
  });

  it('does not revise without a reviewer comment', async () => {
    const { campaignId, generation } = await buildToGenerated('evt-no-comment', launchBrief({ channels: ['X'] }));
    await rejectAsReviewer(campaignId);
    const result = await call(outcome, 'campaign-outcome', { action: 'revise', tenantId: 'acme', campaignId, approval: approval(), generation });
    expect(result).toEqual({ revise: false, generation });
    expect(await repo.require('acme', campaignId)).toMatchObject({ status: 'REJECTED', revision: 0 });
  });

  it('marks a campaign FAILED with the error as its reason, and tolerates one already finished or missing', async () => {
    await call(save, 'save-campaign', { eventId: 'evt-fail', detail: { tenantId: 'acme', brief: launchBrief({ channels: ['X'] }) } });
    const error = { Error: 'InvalidPlan', Cause: JSON.stringify({ errorType: 'InvalidPlan', errorMessage: 'no valid plan in 3 attempts' }) };
    const failed = await call(outcome, 'campaign-outcome', { action: 'markFailed', tenantId: 'acme', campaignId: 'cmp-evt-fail', error });
    expect(failed).toEqual({ campaignId: 'cmp-evt-fail', status: 'FAILED' });
    expect(await repo.require('acme', 'cmp-evt-fail')).toMatchObject({ status: 'FAILED', statusReason: 'InvalidPlan: no valid plan in 3 attempts' });
    expect(events.statusesOf('cmp-evt-fail')).toEqual(['REQUESTED', 'FAILED']);

    expect(await call(outcome, 'campaign-outcome', { action: 'markFailed', tenantId: 'acme', campaignId: 'cmp-evt-fail', error })).toEqual({
      campaignId: 'cmp-evt-fail',
      status: 'FAILED',
    });
    expect(await call(outcome, 'campaign-outcome', { action: 'markFailed', tenantId: 'acme', campaignId: 'nothing-here', error })).toEqual({
      campaignId: 'nothing-here',
      status: null,
    });
  });

  it('refuses an unknown action, and a post that does not exist, with named errors', async () => {
    await expect(call(outcome, 'campaign-outcome', { action: 'approve', tenantId: 'acme', campaignId: 'x' })).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(
      call(generate, 'generate-post', { tenantId: 'acme', campaignId: 'cmp-evt-launch-1', postId: 'nope-1', revision: 0, guidance: null }),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });
});
