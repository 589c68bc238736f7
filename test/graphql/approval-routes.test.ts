// The staged-approval GraphQL fields against DynamoDB Local: the tenant's
// policy (set by marketers, read by anyone in the tenant), decidePost's
// per-post review with its refusals, and campaignVersions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StageDecisionRepository } from '../../functions/data/stage-decision-repository.ts';
import { campaignIn } from '../support/campaign-in-status.ts';
import { NOW } from '../support/fixtures.ts';
import { aPost } from '../support/posts.ts';
import { appsyncEvent, cognito, startHarness, type Harness } from './resolver-harness.ts';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected the resolver to throw');
}

const POLICY_INPUT = {
  tier1: [
    { name: 'Copy review', rule: 'MAJORITY', roles: ['content-lead'] },
    { name: 'VP sign-off', rule: 'ANY', people: ['val@acme.example'] },
  ],
  tier2: [{ name: 'Director sign-off', rule: 'ANY', roles: ['director'] }],
  tier3: [{ name: 'Manager sign-off', rule: 'ANY', roles: ['manager'] }],
  roles: [{ role: 'content-lead', people: ['ana@acme.example', 'ben@acme.example'] }],
  autoApproveTier3: true,
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.events.close();
});

describe('approvalPolicy and setApprovalPolicy', () => {
  it('a marketer sets the tenant’s policy; anyone in the tenant reads it; other tenants and approvers cannot touch it', async () => {
    const marketer = cognito({ tenantId: 'pol' });
    expect(await h.resolve(appsyncEvent('Query', 'approvalPolicy', {}, marketer))).toBeNull();
    const saved = await h.resolve(appsyncEvent('Mutation', 'setApprovalPolicy', { input: POLICY_INPUT }, marketer));
    expect(saved).toEqual({
      tier1: [
        { name: 'Copy review', rule: 'MAJORITY', people: [], roles: ['content-lead'] },
        { name: 'VP sign-off', rule: 'ANY', people: ['val@acme.example'], roles: [] },
      ],
      tier2: [{ name: 'Director sign-off', rule: 'ANY', people: [], roles: ['director'] }],
      tier3: [{ name: 'Manager sign-off', rule: 'ANY', people: [], roles: ['manager'] }],
      roles: [{ role: 'content-lead', people: ['ana@acme.example', 'ben@acme.example'] }],
      autoApproveTier3: true,
    });
    expect(await h.resolve(appsyncEvent('Query', 'approvalPolicy', {}, cognito({ tenantId: 'pol', groups: ['approvers'] })))).toEqual(saved);
    expect(await h.resolve(appsyncEvent('Query', 'approvalPolicy', {}, cognito({ tenantId: 'other-pol' })))).toBeNull();
    const approver = await rejection(h.resolve(appsyncEvent('Mutation', 'setApprovalPolicy', { input: POLICY_INPUT }, cognito({ tenantId: 'pol', groups: ['approvers'] }))));
    expect(approver.name).toBe('Unauthorized');
  });

  it('refuses a policy without stages for a tier or with an unknown rule, naming the field, and keeps the stored one', async () => {
    const marketer = cognito({ tenantId: 'pol-bad' });
    await h.resolve(appsyncEvent('Mutation', 'setApprovalPolicy', { input: POLICY_INPUT }, marketer));
    const empty = await rejection(h.resolve(appsyncEvent('Mutation', 'setApprovalPolicy', { input: { ...POLICY_INPUT, tier3: [] } }, marketer)));
    expect(empty.name).toBe('ValidationError');
    expect(empty.message).toContain('tiers.3');
    const unknown = await rejection(h.resolve(appsyncEvent('Mutation', 'setApprovalPolicy', { input: { ...POLICY_INPUT, tier2: [{ name: 'x', rule: 'SOME' }] } }, marketer)));
    expect(unknown.name).toBe('ValidationError');
    expect(((await h.resolve(appsyncEvent('Query', 'approvalPolicy', {}, marketer))) as { tier3: unknown[] }).tier3).toHaveLength(1);
  });
});

describe('decidePost', () => {
  const tenantId = 'dp';
  const approver = cognito({ tenantId, groups: ['approvers'], email: 'lee@acme.example' });
  const decisions = () => new StageDecisionRepository(h.table.doc, h.table.tableName).listForCampaign(tenantId, 'cmp-dp');

  beforeAll(async () => {
    await campaignIn(h.campaigns, 'AWAITING_APPROVAL', { tenantId, campaignId: 'cmp-dp' });
    await h.campaigns.putPosts(
      tenantId,
      'cmp-dp',
      [0, 1, 2].map((n) => aPost('cmp-dp', n, { channel: 'X', status: 'GENERATED', content: { body: `Five checks before month end, part ${n}.`, callToAction: 'Get the checklist' } })),
    );
    await h.approvals.create({
      approvalId: 'rev-0',
      tenantId,
      campaignId: 'cmp-dp',
      approvers: ['lee@acme.example', 'liv@acme.example'],
      taskToken: 'token-dp',
      status: 'PENDING',
      revision: 0,
      createdAt: NOW.toISOString(),
      expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString(),
      stage: 0,
      stageName: 'Legal review',
      rule: 'ALL',
      stageCount: 2,
    });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['an unknown post', { reviews: [{ postId: 'post-999', verdict: 'REJECTED' }] }, 'InvalidPostReview', /post-999 is not a drafted post/],
    ['an edit over the X limit', { reviews: [{ postId: 'post-000', verdict: 'EDITED', content: { body: 'x'.repeat(281), callToAction: 'Go' } }] }, 'InvalidPostReview', /over the X limit of 280/],
    ['an edit without content', { reviews: [{ postId: 'post-000', verdict: 'EDITED' }] }, 'InvalidPostReview', /has no content/],
    ['a stage that has not started', { stage: 2, reviews: [{ postId: 'post-000', verdict: 'APPROVED' }] }, 'StageNotOpen', /Stage 2 of campaign cmp-dp has not started/],
    ['no reviews', { reviews: [] }, 'ValidationError', /reviews/],
  ])('GIVEN %s THEN a clear error and nothing changes', async (_label, extra, errorType, message) => {
    const error = await rejection(h.resolve(appsyncEvent('Mutation', 'decidePost', { campaignId: 'cmp-dp', ...extra }, approver)));
    expect(error.name).toBe(errorType);
    expect(error.message).toMatch(message);
    expect(await decisions()).toEqual([]);
    expect((await h.approvals.get(tenantId, 'cmp-dp', 'rev-0'))?.status).toBe('PENDING');
    expect(h.resumed).toEqual([]);
  });

  it('records each approver’s per-post review once; a rejected post under ALL fails the stage with that post named', async () => {
    const first = (await h.resolve(
      appsyncEvent('Mutation', 'decidePost', { campaignId: 'cmp-dp', stage: 1, reviews: [{ postId: 'post-000', verdict: 'EDITED', content: { body: 'Five checks, tightened.', callToAction: 'Get the checklist' } }] }, approver),
    )) as Record<string, unknown>;
    expect(first).toMatchObject({ status: 'PENDING', stage: 1, stageName: 'Legal review', rule: 'ALL', stageCount: 2 });
    expect(await h.campaigns.getPost(tenantId, 'cmp-dp', 'post-000')).toMatchObject({ content: { body: 'Five checks, tightened.' }, editedBy: 'lee@acme.example' });
    const twice = await rejection(h.resolve(appsyncEvent('Mutation', 'decidePost', { campaignId: 'cmp-dp', reviews: [{ postId: 'post-001', verdict: 'REJECTED' }] }, approver)));
    expect(twice.name).toBe('AlreadyDecided');

    const liv = cognito({ tenantId, groups: ['approvers'], email: 'liv@acme.example' });
    const last = (await h.resolve(
      appsyncEvent('Mutation', 'decidePost', { campaignId: 'cmp-dp', comment: 'One claim needs a source', reviews: [{ postId: 'post-002', verdict: 'REJECTED', comment: 'Source?' }] }, liv),
    )) as Record<string, unknown>;
    expect(last).toMatchObject({ status: 'DECIDED', decision: 'REJECTED', rejectedPostIds: ['post-002'] });
    expect(h.resumed).toEqual([{ taskToken: 'token-dp', outcome: expect.objectContaining({ decision: 'REJECTED', rejectedPostIds: ['post-002'] }) }]);
    expect((await decisions()).map((d) => [d.approver, d.decision, d.source])).toEqual([
      ['lee@acme.example', 'APPROVED', 'GRAPHQL'],
      ['liv@acme.example', 'REJECTED', 'GRAPHQL'],
    ]);
  });

  it('campaignVersions shows the revision with its posts (the edit attributed), the stage and every decision; another tenant sees nothing', async () => {
    const versions = (await h.resolve(appsyncEvent('Query', 'campaignVersions', { campaignId: 'cmp-dp' }, cognito({ tenantId })))) as {
      revision: number;
      posts: { postId: string; editedBy: string | null }[];
      approvals: { approvalId: string; decision: string }[];
      decisions: { approver: string; stage: number; posts: { postId: string; verdict: string }[] }[];
    }[];
    expect(versions).toHaveLength(1);
    expect(versions[0]?.posts.map((p) => [p.postId, p.editedBy])).toEqual([
      ['post-000', 'lee@acme.example'],
      ['post-001', null],
      ['post-002', null],
    ]);
    expect(versions[0]?.approvals).toEqual([expect.objectContaining({ approvalId: 'rev-0', decision: 'REJECTED' })]);
    expect(versions[0]?.decisions.map((d) => [d.approver, d.stage, d.posts])).toEqual([
      ['lee@acme.example', 1, [{ postId: 'post-000', verdict: 'EDITED', comment: null }]],
      ['liv@acme.example', 1, [{ postId: 'post-002', verdict: 'REJECTED', comment: 'Source?' }]],
    ]);
    expect(await h.resolve(appsyncEvent('Query', 'campaignVersions', { campaignId: 'cmp-dp' }, cognito({ tenantId: 'someone-else' })))).toEqual([]);
  });
});
