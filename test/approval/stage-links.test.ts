// The approval-link guarantees hold for every stage's links, through the real
// handlers: GET changes nothing; forged, tampered, expired, replayed and
// foreign links get a 4xx and change nothing; a first-stage link replayed
// while the second stage waits decides nothing there; per-post review posted
// as a form counts, and a bad post review is a 400 that changes nothing.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signApprovalToken } from '../../functions/approval/approval-token.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { DEFAULT_APPROVAL_POLICY } from '../../functions/domain/approval-policy.ts';
import { stageRepositories } from '../support/approval-stages.ts';
import { seedGeneratedCampaign, StaticKeys, tokenFromEmail } from '../support/approval.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { FakeAws } from '../support/fake-aws.ts';
import { startLocalScheduler, type RunningScheduler } from '../support/local-scheduler.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { loadHandler } from '../support/load-handler.ts';
import { NOW } from '../support/fixtures.ts';

const SECRET = 's'.repeat(48);
const KEY = { kid: 'version-1', secret: new TextEncoder().encode(SECRET) };
const TENANT = 'stagelinks';
const FIRST = ['maria.lopez@example.com'];
const SECOND = ['lee@example.com', 'liv@example.com'];

let aws: FakeAws;
let scheduler: RunningScheduler;
let campaigns: CampaignRepository;
let approvals: ApprovalRepository;
let stages: ReturnType<typeof stageRepositories>;
let callback: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let request: (event: unknown) => Promise<unknown>;

beforeAll(async () => {
  aws = await new FakeAws().start();
  // The request and callback handlers schedule and clear approval reminders (issue 17) on a local Scheduler.
  scheduler = await startLocalScheduler({ deliver: async () => ({ ok: true }) });
  aws.secrets.set('AWSCURRENT', { versionId: KEY.kid, value: SECRET });
  const table = await createTestTable();
  campaigns = new CampaignRepository(table.doc, table.tableName);
  approvals = new ApprovalRepository(table.doc, table.tableName);
  stages = stageRepositories(table);
  const env = {
    TABLE_NAME: table.tableName,
    EVENT_BUS_NAME: 'mcc',
    APPROVAL_BASE_URL: 'https://approvals.example.com',
    APPROVAL_WINDOW_SECONDS: String(72 * 3600),
    SIGNING_KEY_SECRET_ID: 'mcc/approval-signing-key',
    MAIL_FROM: 'MCC <approvals@example.com>',
    AWS_MAX_ATTEMPTS: '1',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_SFN: aws.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_ENDPOINT_URL_SESV2: aws.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: aws.endpoint,
    AWS_ENDPOINT_URL_SCHEDULER: scheduler.endpoint,
    REMINDER_GROUP_PREFIX: 'mcc-test-apr-',
    REMINDER_TARGET_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:approval-reminder',
    REMINDER_ROLE_ARN: 'arn:aws:iam::000000000000:role/reminder-scheduler',
  };
  callback = await loadHandler<typeof callback>('approval-callback', env);
  const requestHandler = await loadHandler('request-approval', env);
  request = (event) => requestHandler(event, lambdaContext());
  await stages.policies.put(
    TENANT,
    {
      ...DEFAULT_APPROVAL_POLICY,
      tiers: {
        ...DEFAULT_APPROVAL_POLICY.tiers,
        '3': [
          { name: 'Copy review', rule: 'ANY', people: FIRST, roles: [] },
          { name: 'Legal review', rule: 'ALL', people: SECOND, roles: [] },
        ],
      },
    },
    NOW,
  );
});
afterAll(async () => {
  await scheduler.stop();
  await aws.stop();
});

function httpEvent(method: string, token: string, body?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} /approvals/{token}`,
    rawPath: `/approvals/${token}`,
    rawQueryString: '',
    headers: { host: 'approvals.example.com', ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
    pathParameters: { token },
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'approvals.example.com',
      domainPrefix: 'approvals',
      http: { method, path: `/approvals/${token}`, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (Test)' },
      requestId: 'r',
      routeKey: `${method} /approvals/{token}`,
      stage: '$default',
      time: '04/Jan/2027:09:00:00 +0000',
      timeEpoch: 0,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}
const post = (token: string, form: string) => callback(httpEvent('POST', token, form));
const get = (token: string) => callback(httpEvent('GET', token));

/** Tokens per approver from the e-mails of one campaign's stage. */
function linksFor(campaignId: string, from: number) {
  return new Map(aws.emails.filter((e) => e.tags.campaignId === campaignId).slice(from).map((e) => [e.to[0] as string, tokenFromEmail(e.text)]));
}

/** A campaign whose first stage passed and whose second (legal, ALL) waits: both stages' links. */
async function atSecondStage(campaignId: string) {
  await seedGeneratedCampaign(campaigns, { tenantId: TENANT, campaignId });
  await request({ tenantId: TENANT, campaignId, revision: 0, stage: 0, taskToken: `task-${campaignId}-0` });
  const first = linksFor(campaignId, 0);
  expect((await post(first.get(FIRST[0] as string) as string, 'decision=approve')).statusCode).toBe(200);
  const sent = aws.emails.filter((e) => e.tags.campaignId === campaignId).length;
  await request({ tenantId: TENANT, campaignId, revision: 0, stage: 1, taskToken: `task-${campaignId}-1` });
  const second = linksFor(campaignId, sent);
  expect([...second.keys()]).toEqual(SECOND);
  return { first, second };
}

async function snapshot(campaignId: string) {
  const campaign = await campaigns.require(TENANT, campaignId);
  return {
    stage0: await approvals.get(TENANT, campaignId, 'rev-0'),
    stage1: await approvals.get(TENANT, campaignId, 'rev-0-stage-1'),
    decisions: await stages.decisions.listForCampaign(TENANT, campaignId),
    posts: await campaigns.listPosts(TENANT, campaignId),
    status: campaign.status,
    version: campaign.version,
    callbacks: aws.requests.filter((r) => r.target?.startsWith('AWSStepFunctions.')).length,
  };
}

describe('second-stage links', () => {
  let links: Awaited<ReturnType<typeof atSecondStage>>;
  beforeAll(async () => {
    links = await atSecondStage('cmp-stage-refuse');
  });

  const lee = () => links.second.get('lee@example.com') as string;
  const expired = () =>
    signApprovalToken(new StaticKeys(KEY), {
      approvalId: 'rev-0-stage-1',
      tenantId: TENANT,
      campaignId: 'cmp-stage-refuse',
      approver: 'lee@example.com',
      expiresAt: new Date(Date.now() - 3600_000),
      now: new Date(Date.now() - 7200_000),
    });
  const forged = () =>
    new SignJWT({ tenant: TENANT, campaign: 'cmp-stage-refuse', approver: 'lee@example.com' })
      .setProtectedHeader({ alg: 'HS256', kid: KEY.kid })
      .setIssuer('mcc')
      .setAudience('mcc-approval')
      .setSubject('rev-0-stage-1')
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('an-attacker-secret-that-is-32-bytes-long'));
  const foreign = async () => {
    // A genuine link of another tenant's campaign, with this campaign's IDs swapped into its claims.
    await seedGeneratedCampaign(campaigns, { tenantId: 'otherco', campaignId: 'cmp-stage-refuse' });
    await request({ tenantId: 'otherco', campaignId: 'cmp-stage-refuse', revision: 0, taskToken: 'task-other' });
    const theirs = tokenFromEmail(aws.emails.find((e) => e.tags.tenantId === 'otherco')?.text ?? '');
    const [h, p, sig] = theirs.split('.') as [string, string, string];
    const claims = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), tenant: TENANT, sub: 'rev-0-stage-1', approver: 'lee@example.com' };
    return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
  };

  it('GET shows the stage and its scorecard and changes nothing', async () => {
    const before = await snapshot('cmp-stage-refuse');
    const response = await get(lee());
    expect(response.statusCode).toBe(200);
    expect(String(response.body)).toContain('Stage 2 of 2: Legal review (every approver must approve)');
    expect(String(response.body)).toContain('Automated checks');
    expect(await snapshot('cmp-stage-refuse')).toEqual(before);
  });

  it.each<[string, () => Promise<APIGatewayProxyStructuredResultV2>, number, RegExp]>([
    ['a forged signature', async () => post(await forged(), 'decision=approve'), 403, /could not be verified/],
    // The signature's last character carries 4 bits: 'A' and 'E' are both canonical, so the link is well-formed and only its signature is wrong.
    ['a tampered token', async () => post(lee().replace(/.$/, (c) => (c === 'A' ? 'E' : 'A')), 'decision=approve'), 403, /could not be verified/],
    ['an expired token', async () => post(await expired(), 'decision=approve'), 410, /expired/],
    ['another tenant’s link re-aimed at this stage', async () => post(await foreign(), 'decision=approve'), 403, /could not be verified/],
    ['the first stage’s link replayed', async () => post(links.first.get(FIRST[0] as string) as string, 'decision=reject&comment=again'), 409, /Already decided/],
    ['a review of an unknown post', async () => post(lee(), 'decision=reject&review.post-999=reject'), 400, /post-999 is not a drafted post/],
    ['an edit without text', async () => post(lee(), 'decision=approve&review.post-000=edit'), 400, /must hold your text/],
    ['an approval that rejects a post', async () => post(lee(), 'decision=approve&review.post-000=reject'), 400, /can only be rejected/],
  ])('GIVEN %s THEN a 4xx page and nothing changes', async (_label, send, status, message) => {
    const before = await snapshot('cmp-stage-refuse');
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(String(response.body)).toMatch(message);
    const after = await snapshot('cmp-stage-refuse');
    expect(after).toEqual(before);
    expect(after.stage1?.status).toBe('PENDING');
  });

  it('GIVEN mutated genuine second-stage tokens THEN never 5xx and never a decision', async () => {
    const before = await snapshot('cmp-stage-refuse');
    const token = lee();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom('A', 'b', '-', '_', '.'), async (at, c) => {
        const candidate = `${token.slice(0, at)}${c}${token.slice(at + 1)}`;
        fc.pre(candidate !== token);
        const response = await post(candidate, 'decision=approve');
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    expect(await snapshot('cmp-stage-refuse')).toEqual(before);
  });
});

describe('deciding the second stage by form', () => {
  it('counts each approver once, rejects only the posts named, and a replayed link is 409 with the first decision standing', async () => {
    const { second } = await atSecondStage('cmp-stage-decide');
    const lee = second.get('lee@example.com') as string;
    const liv = second.get('liv@example.com') as string;
    const first = await post(lee, 'decision=approve&note.post-000=Fine');
    expect(first.statusCode).toBe(200);
    expect(String(first.body)).toContain('the other approvers');
    const replay = await post(lee, 'decision=reject');
    expect(replay.statusCode).toBe(409);
    expect(String(replay.body)).toContain('that decision stands');
    const last = await post(liv, 'decision=reject&comment=Claims+need+sources&review.post-001=reject&note.post-001=No+source');
    expect(last.statusCode).toBe(200);
    expect(String(last.body)).toContain('Rejected by liv@example.com');
    const stage1 = await approvals.get(TENANT, 'cmp-stage-decide', 'rev-0-stage-1');
    expect(stage1).toMatchObject({ status: 'DECIDED', decision: 'REJECTED', rejectedPostIds: ['post-001'] });
    expect(stage1?.comment).toBe('lee@example.com: on post-000: Fine\nliv@example.com: Claims need sources\nliv@example.com: on post-001: No source');
    const sends = aws.requests.filter((r) => r.target === 'AWSStepFunctions.SendTaskSuccess' && JSON.stringify(r.body).includes('task-cmp-stage-decide-1'));
    expect(sends).toHaveLength(1);
    expect((await campaigns.require(TENANT, 'cmp-stage-decide')).status).toBe('REJECTED');
  });
});
