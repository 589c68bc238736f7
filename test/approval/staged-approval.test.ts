// Staged approvals against DynamoDB Local: a tenant policy's stages asked in
// turn, quorum rules, per-post review with edits, revisions of only the
// rejected posts, auto-approval of a clean Tier 3 campaign, and refusals of
// bad input that change nothing.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signApprovalToken } from '../../functions/approval/approval-token.ts';
import { InvalidApprovalLinkError } from '../../functions/approval/approval-token.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { InvalidPostReviewError } from '../../functions/domain/approval-errors.ts';
import { AUTO_APPROVER, DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../../functions/domain/approval-policy.ts';
import type { Post } from '../../functions/domain/post.ts';
import type { TaskCallbacks } from '../../functions/ports/task-callbacks.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import { decideApproval, type DecideApprovalDeps } from '../../functions/use-cases/decide-approval.ts';
import { requestApproval, type RequestApprovalDeps } from '../../functions/use-cases/request-approval.ts';
import { reviseCampaign } from '../../functions/use-cases/revise-campaign.ts';
import type { ApprovalOutcome } from '../../functions/workflow/contracts.ts';
import { stageRepositories } from '../support/approval-stages.ts';
import { keyOf, OutboxMailer, StaticKeys, tokenFromEmail } from '../support/approval.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { FakeAws, TEST_AWS } from '../support/fake-aws.ts';
import { aCampaign, NOW } from '../support/fixtures.ts';
import { aPost } from '../support/posts.ts';

let aws: FakeAws;
let campaigns: CampaignRepository;
let approvals: ApprovalRepository;
let stages: ReturnType<typeof stageRepositories>;
let updates: CampaignUpdates;
beforeAll(async () => {
  aws = await new FakeAws().start();
  const table = await createTestTable();
  campaigns = new CampaignRepository(table.doc, table.tableName);
  approvals = new ApprovalRepository(table.doc, table.tableName);
  stages = stageRepositories(table);
  updates = new CampaignUpdates(new EventBridgeClient({ endpoint: aws.endpoint, ...TEST_AWS }), 'mcc');
});
afterAll(() => aws.stop());

class RecordingTasks implements TaskCallbacks {
  readonly succeeded: { token: string; output: ApprovalOutcome }[] = [];
  async succeed(token: string, output: unknown) {
    this.succeeded.push({ token, output: output as ApprovalOutcome });
  }
  async fail() {}
}

const keys = new StaticKeys(keyOf('v1'));
const PEOPLE = {
  content: ['ana@acme.example', 'ben@acme.example', 'cai@acme.example'],
  legal: ['lee@acme.example', 'liv@acme.example'],
  vp: ['val@acme.example'],
  manager: ['max@acme.example'],
};
const POLICY: ApprovalPolicy = {
  ...DEFAULT_APPROVAL_POLICY,
  roles: { 'content-lead': PEOPLE.content, legal: PEOPLE.legal, vp: PEOPLE.vp, manager: PEOPLE.manager },
};

/** Copy that passes every automated check. */
const CLEAN = {
  body: 'Month end is stressful. Here are five checks to run before you close the books, whatever tool you use.',
  callToAction: 'Get the checklist',
  hashtags: ['#MonthEndClose'],
};

function tenant(name: string) {
  return `${name}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A campaign drafted and GENERATING with `count` clean LinkedIn posts, under `policy`. */
async function seed(tenantId: string, options: { tier1?: boolean; count?: number; policy?: ApprovalPolicy; body?: string } = {}) {
  const campaign = aCampaign({
    tenantId,
    campaignId: 'cmp-staged',
    brief: { channels: ['LINKEDIN'], ...(options.tier1 ? { type: 'PRODUCT_LAUNCH' } : {}), approvers: ['brief.approver@acme.example'] },
  });
  await campaigns.create(campaign);
  await campaigns.transition(tenantId, campaign.campaignId, { to: 'PLANNING', now: NOW });
  await campaigns.transition(tenantId, campaign.campaignId, { to: 'GENERATING', now: NOW });
  const posts = Array.from({ length: options.count ?? 4 }, (_, i) =>
    aPost(campaign.campaignId, i, { channel: 'LINKEDIN', status: 'GENERATED', content: { ...CLEAN, title: `Post ${i}`, ...(options.body ? { body: options.body } : {}) } }),
  );
  await campaigns.putPosts(tenantId, campaign.campaignId, posts);
  if (options.policy) await stages.policies.put(tenantId, options.policy, NOW);
  return { campaign, posts };
}

function harness() {
  const mailer = new OutboxMailer();
  const tasks = new RecordingTasks();
  const request: RequestApprovalDeps = {
    campaigns,
    approvals,
    ...stages,
    updates,
    mailer,
    keys,
    tasks,
    approvalBaseUrl: 'https://approvals.example.com',
    windowSeconds: 72 * 3600,
    now: () => NOW,
  };
  const decide: DecideApprovalDeps = { campaigns, approvals, ...stages, updates, keys, tasks, now: () => NOW };
  /** Runs RequestApproval for the stage; returns each approver's link token. */
  const ask = async (tenantId: string, stage: number, revision = 0) => {
    const before = mailer.sent.length;
    const result = await requestApproval(request, { tenantId, campaignId: 'cmp-staged', revision, stage, taskToken: `token-${revision}-${stage}` });
    const links = new Map(mailer.sent.slice(before).map((m) => [m.to[0] as string, tokenFromEmail(m.text)]));
    return { result, links, mails: mailer.sent.slice(before) };
  };
  return { mailer, tasks, request, decide, ask };
}

describe('staged approvals', () => {
  it('GIVEN a Tier 1 campaign under the default policy THEN three stages are asked in turn, each of its own approvers, and only the last moves the campaign', async () => {
    const t = tenant('tier1');
    await seed(t, { tier1: true, policy: POLICY });
    const { ask, decide, tasks } = harness();

    // Stage 1: copy review, MAJORITY of three; one dissent does not stop it.
    const first = await ask(t, 0);
    expect([...first.links.keys()]).toEqual(PEOPLE.content);
    expect(first.mails[0]?.subject).toContain('stage 1 of 3: Copy and design review');
    const [ana, ben, cai] = PEOPLE.content.map((p) => first.links.get(p) as string);
    expect((await decideApproval(decide, { token: ana as string, decision: 'REJECTED', comment: 'Tone is a little flat' })).kind).toBe('counted');
    expect((await decideApproval(decide, { token: ben as string, decision: 'APPROVED' })).kind).toBe('counted');
    expect(tasks.succeeded).toEqual([]);
    const passed = await decideApproval(decide, { token: cai as string, decision: 'APPROVED' });
    expect(passed.kind).toBe('decided');
    expect(tasks.succeeded.at(-1)).toMatchObject({ token: 'token-0-0', output: { decision: 'APPROVED', nextStage: 1, comment: 'Tone is a little flat' } });
    expect((await campaigns.require(t, 'cmp-staged')).status).toBe('AWAITING_APPROVAL');

    // Stage 2: legal, ALL of two.
    const second = await ask(t, 1);
    expect(second.result.approvalId).toBe('rev-0-stage-1');
    expect([...second.links.keys()]).toEqual(PEOPLE.legal);
    for (const who of PEOPLE.legal) await decideApproval(decide, { token: second.links.get(who) as string, decision: 'APPROVED' });
    expect(tasks.succeeded.at(-1)).toMatchObject({ token: 'token-0-1', output: { decision: 'APPROVED', nextStage: 2 } });

    // Stage 3: VP sign-off, ANY.
    const third = await ask(t, 2);
    expect([...third.links.keys()]).toEqual(PEOPLE.vp);
    await decideApproval(decide, { token: third.links.get('val@acme.example') as string, decision: 'APPROVED' });
    const last = tasks.succeeded.at(-1)?.output;
    expect(last).toMatchObject({ decision: 'APPROVED', decidedBy: 'val@acme.example' });
    expect(last?.nextStage).toBeUndefined();
    expect((await campaigns.require(t, 'cmp-staged')).status).toBe('APPROVED');
    expect(tasks.succeeded).toHaveLength(3);

    // Every decision recorded once, with who, when and from where.
    const recorded = await stages.decisions.listForCampaign(t, 'cmp-staged');
    expect(recorded.map((d) => [d.stage, d.approver, d.decision, d.source])).toEqual(
      expect.arrayContaining([
        [0, 'ana@acme.example', 'REJECTED', 'LINK'],
        [0, 'ben@acme.example', 'APPROVED', 'LINK'],
        [0, 'cai@acme.example', 'APPROVED', 'LINK'],
        [1, 'lee@acme.example', 'APPROVED', 'LINK'],
        [1, 'liv@acme.example', 'APPROVED', 'LINK'],
        [2, 'val@acme.example', 'APPROVED', 'LINK'],
      ]),
    );
    expect(recorded).toHaveLength(6);
  });

  it('GIVEN an ALL stage where one approver rejects two posts THEN it fails with consolidated feedback, and the revision regenerates only those two', async () => {
    const t = tenant('all');
    const policy: ApprovalPolicy = { ...POLICY, tiers: { ...POLICY.tiers, '3': [{ name: 'Legal review', rule: 'ALL', people: [], roles: ['legal'] }] } };
    const { posts } = await seed(t, { policy, count: 5 });
    const { ask, decide, tasks } = harness();
    const { links } = await ask(t, 0);
    const rejected = [posts[1]?.postId, posts[3]?.postId] as string[];

    const lee = await decideApproval(decide, {
      token: links.get('lee@acme.example') as string,
      decision: 'REJECTED',
      comment: 'Two posts make claims we cannot back',
      posts: [
        { postId: rejected[0] as string, verdict: 'REJECTED', comment: 'Needs a source' },
        { postId: rejected[1] as string, verdict: 'REJECTED' },
        { postId: posts[0]?.postId as string, verdict: 'APPROVED' },
      ],
    });
    expect(lee.kind).toBe('decided');
    const outcome = tasks.succeeded.at(-1)?.output as ApprovalOutcome;
    expect(outcome).toMatchObject({ decision: 'REJECTED', rejectedPostIds: rejected, comment: 'Two posts make claims we cannot back\non post-001: Needs a source' });
    // The other approver's link no longer decides anything.
    expect((await decideApproval(decide, { token: links.get('liv@acme.example') as string, decision: 'APPROVED' })).kind).toBe('closed');
    expect((await campaigns.require(t, 'cmp-staged')).status).toBe('REJECTED');

    const revised = await reviseCampaign({ campaigns, updates, postVersions: stages.postVersions, now: () => NOW }, {
      tenantId: t,
      campaignId: 'cmp-staged',
      approval: outcome,
      generation: { postIds: posts.map((p) => p.postId), revision: 0, guidance: null },
    });
    expect(revised).toEqual({ revise: true, generation: { postIds: rejected, revision: 1, guidance: outcome.comment } });
    // The drafts being replaced are kept as versions; the others are untouched.
    expect((await stages.postVersions.list(t, 'cmp-staged')).map((p) => p.postId).sort()).toEqual(rejected);
    expect(await campaigns.listPosts(t, 'cmp-staged')).toEqual(posts);
  });

  it('GIVEN an approver edits a post THEN the edit becomes its content, attributed to them, and the draft it replaced stays readable', async () => {
    const t = tenant('edit');
    const { posts } = await seed(t);
    const { ask, decide, tasks } = harness();
    const { links } = await ask(t, 0);
    const body = 'Month end is stressful. Here are five checks we run before every close.';
    const edited = { ...posts[2]?.content, body };
    const result = await decideApproval(decide, {
      token: links.get('brief.approver@acme.example') as string,
      decision: 'APPROVED',
      posts: [{ postId: posts[2]?.postId as string, verdict: 'EDITED', body, comment: 'Tightened the copy' }],
    });
    expect(result.kind).toBe('decided');
    expect(tasks.succeeded.at(-1)?.output).toMatchObject({ decision: 'APPROVED', comment: 'on post-002: Tightened the copy' });
    const post = await campaigns.getPost(t, 'cmp-staged', posts[2]?.postId as string);
    expect(post).toMatchObject({ content: edited, editedBy: 'brief.approver@acme.example', editedAt: NOW.toISOString() });
    expect(await stages.postVersions.list(t, 'cmp-staged')).toEqual([posts[2]]);
  });

  it('GIVEN a clean Tier 3 campaign and auto-approval on THEN policy:auto approves it with the check results and nobody is e-mailed', async () => {
    const t = tenant('auto');
    await seed(t, { policy: { ...POLICY, autoApproveTier3: true } });
    const { ask, tasks } = harness();
    const { result, mails } = await ask(t, 0);
    expect(result).toMatchObject({ autoApproved: true, emailed: 0 });
    expect(mails).toEqual([]);
    expect(tasks.succeeded).toEqual([{ token: 'token-0-0', output: expect.objectContaining({ decision: 'APPROVED', decidedBy: AUTO_APPROVER }) }]);
    expect((await campaigns.require(t, 'cmp-staged')).status).toBe('APPROVED');
    const [decision] = await stages.decisions.listForCampaign(t, 'cmp-staged');
    expect(decision).toMatchObject({ approver: AUTO_APPROVER, source: 'POLICY', decision: 'APPROVED' });
    expect(decision?.checks).toHaveLength(4);
    expect(decision?.checks?.every((c) => c.passed)).toBe(true);
  });

  it('GIVEN auto-approval on but a post failing a check THEN people are asked, with the scorecard on the approval', async () => {
    const t = tenant('noauto');
    await seed(t, { policy: { ...POLICY, autoApproveTier3: true }, body: 'The FASTEST close you will ever see. Read more at http://bit.ly/close' });
    const { ask, tasks } = harness();
    const { result, links } = await ask(t, 0);
    expect(result.autoApproved).toBeUndefined();
    expect([...links.keys()]).toEqual(PEOPLE.manager);
    expect(tasks.succeeded).toEqual([]);
    const approval = await approvals.get(t, 'cmp-staged', 'rev-0');
    const failing = approval?.scorecard?.[0]?.checks.filter((c) => !c.passed).map((c) => c.check);
    expect(failing).toEqual(expect.arrayContaining(['claims', 'links', 'all-caps']));
  });

  describe('bad input gets a clear error and changes nothing', () => {
    async function pending() {
      const t = tenant('bad');
      const { posts } = await seed(t);
      const h = harness();
      const { links } = await h.ask(t, 0);
      return { t, posts, ...h, token: links.get('brief.approver@acme.example') as string };
    }
    async function unchanged(t: string, posts: Post[]) {
      expect(await stages.decisions.listForCampaign(t, 'cmp-staged')).toEqual([]);
      expect(await campaigns.listPosts(t, 'cmp-staged')).toEqual(posts);
      expect((await approvals.get(t, 'cmp-staged', 'rev-0'))?.status).toBe('PENDING');
      expect((await campaigns.require(t, 'cmp-staged')).status).toBe('AWAITING_APPROVAL');
    }

    it('an unknown post ID', async () => {
      const { t, posts, decide, token, tasks } = await pending();
      await expect(decideApproval(decide, { token, decision: 'REJECTED', posts: [{ postId: 'post-999', verdict: 'REJECTED' }] })).rejects.toThrow(
        new InvalidPostReviewError('Post post-999 is not a drafted post of this approval'),
      );
      await unchanged(t, posts);
      expect(tasks.succeeded).toEqual([]);
    });

    it('an edit that breaks the channel limits, and a post reviewed twice', async () => {
      const { t, posts, decide, token } = await pending();
      await expect(
        decideApproval(decide, { token, decision: 'APPROVED', posts: [{ postId: posts[0]?.postId as string, verdict: 'EDITED', body: 'x '.repeat(1600) }] }),
      ).rejects.toThrow(/breaks the LINKEDIN rules: body is 3200 characters, over the LINKEDIN limit of 3000/);
      const id = posts[0]?.postId as string;
      await expect(decideApproval(decide, { token, decision: 'APPROVED', posts: [{ postId: id, verdict: 'APPROVED' }, { postId: id, verdict: 'APPROVED' }] })).rejects.toThrow(
        /reviewed more than once/,
      );
      await unchanged(t, posts);
    });

    it('a decision that contradicts its post reviews', async () => {
      const { t, posts, decide, token } = await pending();
      await expect(decideApproval(decide, { token, decision: 'APPROVED', posts: [{ postId: posts[0]?.postId as string, verdict: 'REJECTED' }] })).rejects.toThrow(
        InvalidPostReviewError,
      );
      await unchanged(t, posts);
    });

    it('a link for a stage that has not started', async () => {
      const { t, posts, decide } = await pending();
      const forged = await signApprovalToken(keys, {
        approvalId: 'rev-0-stage-1',
        tenantId: t,
        campaignId: 'cmp-staged',
        approver: 'brief.approver@acme.example',
        expiresAt: new Date(NOW.getTime() + 3600_000),
        now: NOW,
      });
      await expect(decideApproval(decide, { token: forged, decision: 'APPROVED' })).rejects.toThrow(InvalidApprovalLinkError);
      await unchanged(t, posts);
    });

    it('the same approver deciding twice in an open stage: the first decision stands', async () => {
      const t = tenant('twice');
      const { posts } = await seed(t, { policy: POLICY, tier1: true });
      const { ask, decide, tasks } = harness();
      const { links } = await ask(t, 0);
      const ana = links.get('ana@acme.example') as string;
      expect((await decideApproval(decide, { token: ana, decision: 'APPROVED' })).kind).toBe('counted');
      const again = await decideApproval(decide, { token: ana, decision: 'REJECTED', comment: 'changed my mind' });
      expect(again).toMatchObject({ kind: 'already-decided', decision: { decision: 'APPROVED', approver: 'ana@acme.example' } });
      expect((await stages.decisions.listForCampaign(t, 'cmp-staged')).map((d) => d.decision)).toEqual(['APPROVED']);
      expect(tasks.succeeded).toEqual([]);
      expect(await campaigns.listPosts(t, 'cmp-staged')).toEqual(posts);
    });
  });
});
