// Staged approvals on the local runtime, end to end: a tenant policy set
// through GraphQL, a Tier 1 campaign through three stages (a MAJORITY stage
// passing with one dissent, an ALL stage failing on one rejection into a
// revision that regenerates only the two rejected posts, an approver's edit
// carried into Workfront as edited), and a clean Tier 3 campaign approved by
// the policy itself. Decisions are the forms the approval pages post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignInStatus, campaigns, e2e, eventually, executionForEvent, outbox, putBuildEvent, settledExecution, uniqueCampaignId, validBrief, type OutboxMail } from '../support/e2e.ts';

const ctx = e2e();
const store = campaigns(ctx);
afterAll(() => store.close());

const COPY = ['ana@example.com', 'ben@example.com', 'cai@example.com'];
const LEGAL = ['lee@example.com', 'liv@example.com'];
const VP = ['val@example.com'];

async function graphql<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${ctx.gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function marketerToken(tenant: string): Promise<string> {
  const response = await fetch(`${ctx.gateway}/_local/token?${new URLSearchParams({ tenant, sub: 'sam.taylor', groups: 'marketers' })}`);
  return ((await response.json()) as { token: string }).token;
}

/** The approval e-mails of one stage (by its subject), once every approver of it has one. */
async function stageMails(campaignId: string, stage: string, approvers: readonly string[], round: number): Promise<Map<string, string>> {
  const mails = await eventually(async () => {
    const found = (await outbox(ctx)).filter((m) => m.campaignId === campaignId && m.subject.includes(stage));
    return found.length >= approvers.length * round ? found.slice(approvers.length * (round - 1)) : undefined;
  }, 60_000, `${stage} e-mails for ${campaignId}`);
  const to = (m: OutboxMail) => (Array.isArray(m.to) ? m.to[0] : m.to) as string;
  expect(mails.map(to).sort()).toEqual([...approvers].sort());
  return new Map(mails.map((m) => [to(m), (m.links?.approve ?? '').replace(/\?decision=approve$/, '')]));
}

async function decide(link: string, form: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: response.status, text: await response.text() };
}

describe('staged approvals on the local runtime', () => {
  const tenant = `stages${Math.random().toString(36).slice(2, 8)}`;

  // The tenant's policy, set as a marketer would, through GraphQL.
  beforeAll(async () => {
    const stage = (name: string, rule: string, people: readonly string[]) => ({ name, rule, people });
    await graphql(await marketerToken(tenant), 'mutation ($input: ApprovalPolicyInput!) { setApprovalPolicy(input: $input) { autoApproveTier3 } }', {
      input: {
        tier1: [stage('Copy review', 'MAJORITY', COPY), stage('Legal review', 'ALL', LEGAL), stage('VP sign-off', 'ANY', VP)],
        tier2: [stage('Director sign-off', 'ANY', VP)],
        tier3: [stage('Manager sign-off', 'ANY', VP)],
        autoApproveTier3: true,
      },
    });
  });

  it('runs a Tier 1 campaign through three stages, revising only the posts an ALL stage rejected, and carries an edit into Workfront', async () => {
    const campaignId = uniqueCampaignId('e2e-stages');
    const brief = { ...validBrief(`Staged launch ${campaignId}`), type: 'PRODUCT_LAUNCH', budget: { amount: 120000, currency: 'USD' } };
    const executionArn = await executionForEvent(ctx, await putBuildEvent(ctx.gateway, { tenantId: tenant, campaignId, brief }));
    await campaignInStatus(store.repository, tenant, campaignId, 'AWAITING_APPROVAL');
    const before = await store.repository.listPosts(tenant, campaignId);
    expect(before.length).toBeGreaterThanOrEqual(4);

    // Stage 1, MAJORITY: one dissent, two approvals.
    const copy = await stageMails(campaignId, 'stage 1 of 3', COPY, 1);
    expect((await decide(copy.get('ana@example.com') as string, { decision: 'reject', comment: 'Flat tone' })).text).toContain('still needed');
    await decide(copy.get('ben@example.com') as string, { decision: 'approve' });
    expect((await decide(copy.get('cai@example.com') as string, { decision: 'approve' })).text).toContain('Approved by cai@example.com');

    // Stage 2, ALL: one approval, then one rejection of two posts (and an edit of a third).
    const legal = await stageMails(campaignId, 'stage 2 of 3', LEGAL, 1);
    const [edited, keptA, rejectedA, rejectedB] = before as [(typeof before)[0], (typeof before)[0], (typeof before)[0], (typeof before)[0]];
    await decide(legal.get('lee@example.com') as string, { decision: 'approve' });
    const newBody = 'Five checks we run before every close, in plain words.';
    const rejection = await decide(legal.get('liv@example.com') as string, {
      decision: 'reject',
      comment: 'Two posts need sources',
      [`review.${rejectedA.postId}`]: 'reject',
      [`note.${rejectedA.postId}`]: 'Cite the study',
      [`review.${rejectedB.postId}`]: 'reject',
      [`review.${edited.postId}`]: 'edit',
      [`body.${edited.postId}`]: newBody,
    });
    expect(rejection.status).toBe(200);
    expect(rejection.text).toContain('Rejected by liv@example.com');

    // The revision regenerates only the two rejected posts; the others keep their IDs and content.
    const revised = await eventually(async () => {
      const c = await store.repository.get(tenant, campaignId);
      return c?.status === 'AWAITING_APPROVAL' && c.revision === 1 ? c : undefined;
    }, 60_000, 'the revision awaiting approval');
    expect(revised.revision).toBe(1);
    const after = new Map((await store.repository.listPosts(tenant, campaignId)).map((p) => [p.postId, p]));
    expect([...after.keys()].sort()).toEqual(before.map((p) => p.postId).sort());
    for (const post of before) {
      const now = after.get(post.postId);
      if (post.postId === rejectedA.postId || post.postId === rejectedB.postId) expect(now?.revision).toBe(1);
      else if (post.postId === edited.postId) expect(now).toMatchObject({ revision: 0, content: { ...post.content, body: newBody }, editedBy: 'liv@example.com' });
      else expect(now).toEqual(post);
    }
    expect(after.get(keptA.postId)).toEqual(keptA);

    // Round two: every stage again, all approve.
    for (const who of COPY) await decide((await stageMails(campaignId, 'stage 1 of 3', COPY, 2)).get(who) as string, { decision: 'approve' });
    for (const who of LEGAL) await decide((await stageMails(campaignId, 'stage 2 of 3', LEGAL, 2)).get(who) as string, { decision: 'approve' });
    await decide((await stageMails(campaignId, 'stage 3 of 3', VP, 1)).get('val@example.com') as string, { decision: 'approve' });

    expect((await settledExecution(ctx, executionArn)).status).toBe('SUCCEEDED');
    const synced = await campaignInStatus(store.repository, tenant, campaignId, 'SYNCED');
    // The edit reached Workfront as edited.
    const url = new URL(`${ctx.gateway}/_local/workfront/attask/api/v15.0/task/search`);
    for (const [k, v] of Object.entries({ projectID: synced.workfrontProjectId ?? '', fields: 'description,extRefID' })) url.searchParams.set(k, v);
    const tasks = ((await (await fetch(url, { headers: { apiKey: ctx.workfrontApiKey } })).json()) as { data: { extRefID: string; description: string }[] }).data;
    const task = tasks.find((t) => t.extRefID === edited.postId);
    expect(task?.description).toContain('Edited in review by liv@example.com');
    expect(task?.description).toContain(newBody);
  });

  it('approves a clean Tier 3 campaign by policy:auto, with the check results, without e-mailing anyone', async () => {
    const campaignId = uniqueCampaignId('e2e-auto');
    const brief = { ...validBrief(`Auto approval ${campaignId}`), type: 'CONTENT', budget: { amount: 8000, currency: 'USD' }, channels: ['LINKEDIN'] };
    const executionArn = await executionForEvent(ctx, await putBuildEvent(ctx.gateway, { tenantId: tenant, campaignId, brief }));
    expect((await settledExecution(ctx, executionArn)).status).toBe('SUCCEEDED');
    const synced = await campaignInStatus(store.repository, tenant, campaignId, 'SYNCED');
    expect(synced.tier).toBe(3);
    expect(synced.history.map((h) => h.status)).toEqual(expect.arrayContaining(['AWAITING_APPROVAL', 'APPROVED', 'SYNCED']));
    expect((await outbox(ctx)).filter((m) => m.campaignId === campaignId && /^Approval needed/.test(m.subject))).toEqual([]);
    const token = await marketerToken(tenant);
    const { campaignVersions } = await graphql<{ campaignVersions: { decisions: { approver: string; source: string; checks: { passed: boolean }[] }[] }[] }>(
      token,
      'query ($id: ID!) { campaignVersions(campaignId: $id) { decisions { approver source checks { passed } } } }',
      { id: campaignId },
    );
    const [decision] = campaignVersions[0]?.decisions ?? [];
    expect(decision).toMatchObject({ approver: 'policy:auto', source: 'POLICY' });
    expect(decision?.checks.length).toBeGreaterThan(0);
    expect(decision?.checks.every((c) => c.passed)).toBe(true);
  });
});
