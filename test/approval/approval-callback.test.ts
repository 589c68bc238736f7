// The approval flow through the real Lambda handlers: request-approval e-mails
// links (SES v2 on fake-aws), approval-callback serves GET / POST for them
// (API Gateway HTTP API payload 2.0 events), with DynamoDB Local for state and
// fake-aws for Secrets Manager, Step Functions and EventBridge.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_FORM_BYTES } from '../../functions/approval/decision-form.ts';
import { signApprovalToken } from '../../functions/approval/approval-token.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { seedGeneratedCampaign, StaticKeys, tokenFromEmail } from '../support/approval.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { FakeAws } from '../support/fake-aws.ts';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { startLocalScheduler, type RunningScheduler } from '../support/local-scheduler.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { loadHandler } from '../support/load-handler.ts';

const SECRET = 'k'.repeat(48);
const KEY = { kid: 'version-1', secret: new TextEncoder().encode(SECRET) };

let aws: FakeAws;
/** notifications (issue 17): the reminder schedules request-approval creates and a decision deletes. */
let scheduler: RunningScheduler;
let campaigns: CampaignRepository;
let approvals: ApprovalRepository;
let callback: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let request: (event: unknown) => Promise<unknown>;

beforeAll(async () => {
  aws = await new FakeAws().start();
  scheduler = await startLocalScheduler({ deliver: async () => ({ ok: true }) });
  aws.secrets.set('AWSCURRENT', { versionId: KEY.kid, value: SECRET });
  const table = await createTestTable();
  campaigns = new CampaignRepository(table.doc, table.tableName);
  approvals = new ApprovalRepository(table.doc, table.tableName);
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
});
afterAll(async () => {
  await scheduler.stop();
  await aws.stop();
});

const reminderSchedules = async (campaignId: string) =>
  (await scheduler.client.send(new ListSchedulesCommand({}))).Schedules?.filter((s) => s.Name && scheduler.service.schedule(s.Name, s.GroupName).Target.Input?.includes(`"${campaignId}"`)) ?? [];

/** Seeds a generated campaign, runs the real RequestApproval handler and returns the token from the first e-mail. */
async function requested(campaignId: string, tenantId = 'acme', approvers = ['maria.lopez@example.com']): Promise<string> {
  await seedGeneratedCampaign(campaigns, { tenantId, campaignId, brief: { approvers } });
  await request({ tenantId, campaignId, revision: 0, taskToken: `task-token-${tenantId}-${campaignId}` });
  const email = aws.emails.find((e) => e.tags.campaignId === campaignId && e.tags.tenantId === tenantId);
  return tokenFromEmail(email?.text ?? '');
}

interface EventOptions {
  body?: string;
  contentType?: string;
  base64?: boolean;
  query?: Record<string, string>;
}

function httpEvent(method: string, token: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const body = options.body === undefined ? undefined : options.base64 ? Buffer.from(options.body).toString('base64') : options.body;
  return {
    version: '2.0',
    routeKey: `${method} /approvals/{token}`,
    rawPath: `/approvals/${token}`,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { host: 'approvals.example.com', ...(options.contentType ? { 'content-type': options.contentType } : {}) },
    ...(options.query ? { queryStringParameters: options.query } : {}),
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
    isBase64Encoded: options.base64 ?? false,
  };
}

const post = (token: string, form: string, options: EventOptions = {}) =>
  callback(httpEvent('POST', token, { body: form, contentType: 'application/x-www-form-urlencoded', ...options }));

async function snapshot(tenantId: string, campaignId: string) {
  const campaign = await campaigns.require(tenantId, campaignId);
  return {
    approval: await approvals.get(tenantId, campaignId, 'rev-0'),
    status: campaign.status,
    version: campaign.version,
    callbacks: aws.requests.filter((r) => r.target?.startsWith('AWSStepFunctions.')).length,
  };
}

function expectSecurityHeaders(response: APIGatewayProxyStructuredResultV2) {
  expect(response.headers).toMatchObject({
    'content-type': 'text/html; charset=utf-8',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  const csp = String(response.headers?.['content-security-policy']);
  expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self' https:\/\/approvals\.example\.com;/);
  expect(csp).not.toContain('script-src');
  expect(String(response.body)).not.toMatch(/<script/i);
}

describe('GET /approvals/{token}', () => {
  it('GIVEN a genuine link THEN it shows the confirmation page with both buttons and changes nothing', async () => {
    const token = await requested('cmp-get');
    const before = await snapshot('acme', 'cmp-get');
    const response = await callback(httpEvent('GET', token, { query: { decision: 'reject' } }));
    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response);
    const body = String(response.body);
    expect(body).toContain('<form method="post" id="decision">');
    expect(body).toContain('name="decision" value="approve"');
    expect(body).toMatch(/name="decision" value="reject" class="reject chosen" autofocus/);
    expect(body).toContain('Spring analytics webinar series');
    expect(await snapshot('acme', 'cmp-get')).toEqual(before);
  });
});

describe('POST /approvals/{token}', () => {
  it('GIVEN approve THEN the approval is DECIDED with who, when and from where, the campaign APPROVED, and the workflow resumed with the outcome', async () => {
    const token = await requested('cmp-approve');
    expect(await reminderSchedules('cmp-approve')).toHaveLength(3);
    const response = await post(token, 'decision=approve&comment=');
    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response);
    expect(String(response.body)).toContain('Approved by maria.lopez@example.com');

    const approval = await approvals.get('acme', 'cmp-approve', 'rev-0');
    expect(approval).toMatchObject({ status: 'DECIDED', decision: 'APPROVED', decidedBy: 'maria.lopez@example.com', decidedFrom: 'Mozilla/5.0 (Test) from 203.0.113.7' });
    expect((await campaigns.require('acme', 'cmp-approve')).status).toBe('APPROVED');
    const sent = aws.calls('AWSStepFunctions.SendTaskSuccess').find((r) => r.body.taskToken === 'task-token-acme-cmp-approve');
    expect(JSON.parse(String(sent?.body.output))).toEqual({ decision: 'APPROVED', decidedBy: 'maria.lopez@example.com', decidedAt: approval?.decidedAt });
    // The wait is over: its reminders are gone.
    expect(await reminderSchedules('cmp-approve')).toEqual([]);
  });

  it('GIVEN a second decision on the same link THEN 409 shows the recorded outcome and nothing changes', async () => {
    const token = await requested('cmp-replay');
    expect((await post(token, 'decision=approve')).statusCode).toBe(200);
    const before = await snapshot('acme', 'cmp-replay');
    const replay = await post(token, 'decision=reject&comment=changed+my+mind');
    expect(replay.statusCode).toBe(409);
    expect(String(replay.body)).toContain('Approved by maria.lopez@example.com');
    expect(await snapshot('acme', 'cmp-replay')).toEqual(before);
  });

  it('GIVEN a base64-encoded rejection with a comment THEN the campaign is REJECTED with the comment as its reason', async () => {
    const token = await requested('cmp-reject');
    const response = await post(token, 'decision=reject&comment=Tone+is+off+%3Cb%3Efor%3C%2Fb%3E+finance', { base64: true, contentType: 'application/x-www-form-urlencoded; charset=UTF-8' });
    expect(response.statusCode).toBe(200);
    expect(String(response.body)).toContain('Comment: Tone is off &lt;b&gt;for&lt;/b&gt; finance');
    const campaign = await campaigns.require('acme', 'cmp-reject');
    expect(campaign).toMatchObject({ status: 'REJECTED', statusReason: 'Tone is off <b>for</b> finance' });
    const sent = aws.calls('AWSStepFunctions.SendTaskSuccess').find((r) => r.body.taskToken === 'task-token-acme-cmp-reject');
    expect(JSON.parse(String(sent?.body.output))).toMatchObject({ decision: 'REJECTED', comment: 'Tone is off <b>for</b> finance' });
  });

  it.each(['TaskTimedOut', 'TaskDoesNotExist'])('GIVEN SendTaskSuccess fails with %s THEN the approval and the campaign are EXPIRED and the page says so', async (error) => {
    const token = await requested(`cmp-late-${error}`);
    aws.sfnErrors.push(error);
    const response = await post(token, 'decision=approve');
    expect(response.statusCode).toBe(409);
    expect(String(response.body)).toContain('approval window had closed');
    expect(String(response.body)).toContain('The campaign is now EXPIRED.');
    expect(await approvals.get('acme', `cmp-late-${error}`, 'rev-0')).toMatchObject({ status: 'EXPIRED', decision: 'APPROVED' });
    expect(await campaigns.require('acme', `cmp-late-${error}`)).toMatchObject({ status: 'EXPIRED' });
  });

  it('GIVEN Step Functions fails transiently THEN the resume is retried and the decision applies', async () => {
    const token = await requested('cmp-flaky-sfn');
    aws.sfnErrors.push('ServiceUnavailable', 'ThrottlingException');
    const response = await post(token, 'decision=approve');
    expect(response.statusCode).toBe(200);
    expect(String(response.body)).toContain('Approved by maria.lopez@example.com');
    expect(aws.calls('AWSStepFunctions.SendTaskSuccess').filter((r) => r.body.taskToken === 'task-token-acme-cmp-flaky-sfn')).toHaveLength(3);
    expect(await approvals.get('acme', 'cmp-flaky-sfn', 'rev-0')).not.toHaveProperty('undeliveredSince');
  });

  it('GIVEN Step Functions stays unreachable THEN the page says the decision is recorded, nothing is stranded, and posting again delivers it', async () => {
    const token = await requested('cmp-sfn-down');
    aws.sfnErrors.push('ServiceUnavailable', 'ServiceUnavailable', 'ServiceUnavailable', 'ServiceUnavailable');
    const response = await post(token, 'decision=approve');
    expect(response.statusCode).toBe(202);
    expect(String(response.body)).toContain('Decision recorded');
    expect(String(response.body)).toContain('Send my decision again');
    expect(await approvals.get('acme', 'cmp-sfn-down', 'rev-0')).toMatchObject({ status: 'DECIDED', decision: 'APPROVED', undeliveredSince: expect.any(String) as string });
    expect((await campaigns.require('acme', 'cmp-sfn-down')).status).toBe('APPROVED');

    const opened = await callback(httpEvent('GET', token));
    expect(opened.statusCode).toBe(200);
    expect(String(opened.body)).toContain('Send my decision again');

    // Whatever the second form says, the recorded decision is the one delivered.
    const again = await post(token, 'decision=reject');
    expect(again.statusCode).toBe(200);
    expect(String(again.body)).toContain('Approved by maria.lopez@example.com');
    const sent = aws.calls('AWSStepFunctions.SendTaskSuccess').filter((r) => r.body.taskToken === 'task-token-acme-cmp-sfn-down');
    expect(sent).toHaveLength(5);
    expect(JSON.parse(String(sent.at(-1)?.body.output))).toMatchObject({ decision: 'APPROVED' });
    expect(await approvals.get('acme', 'cmp-sfn-down', 'rev-0')).not.toHaveProperty('undeliveredSince');
    // Delivered now: a further post is the usual 409 and calls nothing.
    expect((await post(token, 'decision=approve')).statusCode).toBe(409);
    expect(aws.calls('AWSStepFunctions.SendTaskSuccess').filter((r) => r.body.taskToken === 'task-token-acme-cmp-sfn-down')).toHaveLength(5);
  });

  it('GIVEN the campaign left AWAITING_APPROVAL while the link was open THEN the decision is not applied and the workflow is not called', async () => {
    const token = await requested('cmp-moved-on');
    await campaigns.transition('acme', 'cmp-moved-on', { to: 'FAILED', now: new Date() });
    const before = aws.calls('AWSStepFunctions.SendTaskSuccess').length;
    const response = await post(token, 'decision=approve');
    expect(response.statusCode).toBe(409);
    expect(String(response.body)).toContain('The campaign is now FAILED.');
    expect(await approvals.get('acme', 'cmp-moved-on', 'rev-0')).toMatchObject({ status: 'EXPIRED', decision: 'APPROVED' });
    expect((await campaigns.require('acme', 'cmp-moved-on')).status).toBe('FAILED');
    expect(aws.calls('AWSStepFunctions.SendTaskSuccess')).toHaveLength(before);
  });

  it("GIVEN a token naming another tenant's approval THEN it is refused and neither tenant's state changes", async () => {
    const acmeToken = await requested('cmp-shared');
    await requested('cmp-shared', 'globex', ['boss@globex.example']);
    const before = [await snapshot('acme', 'cmp-shared'), await snapshot('globex', 'cmp-shared')];
    // Even correctly signed (a key leak, a bug), a token whose approver is not on globex's approval is refused.
    const crossTenant = await signApprovalToken(new StaticKeys(KEY), {
      approvalId: 'rev-0',
      tenantId: 'globex',
      campaignId: 'cmp-shared',
      approver: 'maria.lopez@example.com',
      expiresAt: new Date(Date.now() + 3600_000),
      now: new Date(),
    });
    expect((await post(crossTenant, 'decision=approve')).statusCode).toBe(403);
    // And a tampered tenant claim breaks the signature.
    const [h, p, s] = acmeToken.split('.') as [string, string, string];
    const claims = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), tenant: 'globex' };
    expect((await post(`${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`, 'decision=approve')).statusCode).toBe(403);
    expect([await snapshot('acme', 'cmp-shared'), await snapshot('globex', 'cmp-shared')]).toEqual(before);
  });

  describe('refusals: 4xx, a clear page, nothing changes', () => {
    let token: string;
    beforeAll(async () => {
      token = await requested('cmp-refuse');
    });

    const expired = async () =>
      signApprovalToken(new StaticKeys(KEY), {
        approvalId: 'rev-0',
        tenantId: 'acme',
        campaignId: 'cmp-refuse',
        approver: 'maria.lopez@example.com',
        expiresAt: new Date(Date.now() - 3600_000),
        now: new Date(Date.now() - 7200_000),
      });
    const forged = async () =>
      new SignJWT({ tenant: 'acme', campaign: 'cmp-refuse', approver: 'maria.lopez@example.com' })
        .setProtectedHeader({ alg: 'HS256', kid: KEY.kid })
        .setIssuer('mcc')
        .setAudience('mcc-approval')
        .setSubject('rev-0')
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('an-attacker-secret-that-is-32-bytes-long'));
    const algNone = () => {
      const [, p] = token.split('.');
      return `${Buffer.from('{"alg":"none","kid":"version-1"}').toString('base64url')}.${p}.sig`;
    };

    const cases: [string, () => Promise<APIGatewayProxyStructuredResultV2>, number, RegExp][] = [
      ['a malformed token', () => post('not-a-token', 'decision=approve'), 400, /not valid/],
      ['an oversized token', () => post(`${token}${'A'.repeat(5000)}`, 'decision=approve'), 400, /not valid/],
      ['a forged signature', async () => post(await forged(), 'decision=approve'), 403, /could not be verified/],
      ['alg none', () => post(algNone(), 'decision=approve'), 403, /could not be verified/],
      ['an expired token', async () => post(await expired(), 'decision=approve'), 410, /expired/],
      ['an expired token (GET)', async () => callback(httpEvent('GET', await expired())), 410, /expired/],
      ['an unknown decision', () => post(token, 'decision=maybe'), 400, /Approve or Reject/],
      ['no decision', () => post(token, 'comment=hello'), 400, /Approve or Reject/],
      ['two decisions', () => post(token, 'decision=approve&decision=reject'), 400, /Approve or Reject/],
      ['an overlong comment', () => post(token, `decision=reject&comment=${'x'.repeat(4001)}`), 400, /at most 4000/],
      ['a JSON body', () => post(token, '{"decision":"approve"}', { contentType: 'application/json' }), 415, /form/],
      ['an oversized body', () => post(token, `decision=approve&pad=${'x'.repeat(MAX_FORM_BYTES)}`), 413, /too large/],
      ['a wrong method', () => callback(httpEvent('DELETE', token)), 405, /GET and POST/],
    ];

    it.each(cases)('GIVEN %s THEN the status and message are right', async (_, send, status, message) => {
      const before = await snapshot('acme', 'cmp-refuse');
      const response = await send();
      expect(response.statusCode).toBe(status);
      expect(String(response.body)).toMatch(message);
      expectSecurityHeaders(response);
      if (status === 405) expect(response.headers?.allow).toBe('GET, POST');
      expect(await snapshot('acme', 'cmp-refuse')).toEqual(before);
      expect(before.approval?.status).toBe('PENDING');
    });

    it('GIVEN arbitrary strings and mutated genuine tokens THEN never 5xx, never a decision, never a state change', async () => {
      const before = await snapshot('acme', 'cmp-refuse');
      const [h, p, s] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      const mutated = fc.oneof(
        fc.string({ maxLength: 5000 }),
        fc.tuple(fc.nat({ max: token.length - 1 }), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })).map(([at, c]) => `${token.slice(0, at)}${c}${token.slice(at + 1)}`),
        fc.constantFrom('none', 'RS256', 'HS512', 'ES256').map((alg) => `${Buffer.from(JSON.stringify({ alg, kid: KEY.kid })).toString('base64url')}.${p}.${s}`),
        fc.record({ tenant: fc.constantFrom('globex', 'acme'), sub: fc.constantFrom('rev-0', 'rev-1'), exp: fc.integer() }).map(
          (change) => `${h}.${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${s}`,
        ),
      );
      await fc.assert(
        fc.asyncProperty(mutated, fc.constantFrom('GET', 'POST'), async (candidate, method) => {
          fc.pre(candidate !== token);
          const response =
            method === 'GET' ? await callback(httpEvent('GET', candidate)) : await post(candidate, 'decision=approve');
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
        }),
        { numRuns: 150 },
      );
      expect(await snapshot('acme', 'cmp-refuse')).toEqual(before);
    });
  });
});
