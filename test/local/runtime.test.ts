// The local runtime end to end, over the fixture CDK app: real SDK clients
// and the real AWS CLI against the gateway, events through a rule's input
// transformer into the state machine, Lambdas in worker threads, a Map,
// waitForTaskToken completed through an HTTP route, timeouts, Catch on a
// Lambda's error name, dead letters, SES into the outbox, secrets, S3.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { loadOrCreateKey } from '../../local/gateway/dev-token.ts';
import { DEV_AUDIENCE, DEV_ISSUER, devTokenVerifier } from '../../local/graphql/dev-tokens.ts';
import { S3RVER_CREDENTIALS } from '../../local/s3/local-s3.ts';
import { awsCli, ensureSystemTool } from '../../local/system-tools.ts';
import { eventually, LOCAL_CLIENT, startFixtureRuntime, type FixtureRuntime } from '../support/fixture-runtime.ts';

let runtime: FixtureRuntime;
let events: EventBridgeClient;
let sfn: SFNClient;
let doc: DynamoDBDocumentClient;
let machineArn: string;
let tableName: string;

beforeAll(async () => {
  runtime = await startFixtureRuntime();
  const config = { endpoint: runtime.urls.gateway, ...LOCAL_CLIENT };
  events = new EventBridgeClient(config);
  sfn = new SFNClient(config);
  doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.urls.dynamodb, ...LOCAL_CLIENT }));
  machineArn = runtime.model.stateMachines[0]?.arn ?? '';
  tableName = runtime.model.tables[0]?.name ?? '';
}, 240_000);

afterAll(async () => {
  events?.destroy();
  sfn?.destroy();
  doc?.destroy();
  await runtime?.stop();
  if (runtime) rmSync(runtime.dataDir, { recursive: true, force: true });
});

let orders = 0;
async function placeOrder(detail: Record<string, unknown> = {}): Promise<{ eventId: string; orderId: string; executionArn: string }> {
  const orderId = `o${++orders}-${Date.now()}`;
  const out = await events.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: 'mcc', Source: 'fixture.orders', DetailType: 'Order Placed', Detail: JSON.stringify({ orderId, amount: 12.5, items: ['a', 'b'], ...detail }) }],
    }),
  );
  const eventId = out.Entries?.[0]?.EventId ?? '';
  expect(out.FailedEntryCount).toBe(0);
  const executionArn = await eventually(() => runtime.stepFunctions.executions(machineArn).find((r) => JSON.parse(r.input).eventId === eventId)?.executionArn, 10_000, 'the execution');
  return { eventId, orderId, executionArn };
}

async function storedToken(orderId: string): Promise<{ taskToken: string; secretLength: number }> {
  return eventually(async () => {
    const item = (await doc.send(new GetCommand({ TableName: tableName, Key: { PK: `ORDER#${orderId}`, SK: 'CALLBACK' } }))).Item;
    return item ? (item as { taskToken: string; secretLength: number }) : undefined;
  }, 30_000, 'the stored task token');
}

describe('the whole flow', () => {
  it('put-events → rule (input transformer) → state machine → Lambdas in workers → Map → waitForTaskToken → HTTP callback → SUCCEEDED', async () => {
    const { eventId, orderId, executionArn } = await placeOrder({ items: ['a', 'b', 'broken', 'c'] });
    const { secretLength } = await storedToken(orderId);
    expect(secretLength).toBe(48); // the callback Lambda read the generated secret through the Secrets Manager endpoint

    const callback = await fetch(`${runtime.urls.gateway}/callbacks/${orderId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approved: true }) });
    expect(callback.status).toBe(202);

    const done = await runtime.stepFunctions.settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.status).toBe('SUCCEEDED');
    const output = JSON.parse(described.output ?? '{}') as Record<string, unknown>;
    expect(output.eventId).toBe(eventId);
    expect(output.saved).toEqual({ orderId, items: ['a', 'b', 'broken', 'c'] });
    expect(output.decision).toEqual({ approved: true });
    const results = output.results as { item?: string; failed?: string; threadId?: number; functionName?: string; remainingMs?: number }[];
    expect(results.map((r) => r.item ?? r.failed)).toEqual(['A', 'B', 'ItemBroken', 'C']);
    // The Map ran its items at once, each in its own worker thread, with Lambda's context.
    expect(new Set(results.filter((r) => r.threadId).map((r) => r.threadId)).size).toBe(3);
    expect(results[0]?.functionName).toBe(runtime.model.functions.find((f) => f.logicalId.startsWith('WorkItem'))?.name);
    expect(results[0]?.remainingMs).toBeGreaterThan(0);
    expect(results[0]?.remainingMs).toBeLessThanOrEqual(10_000);

    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const entered = (history.events ?? []).filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails?.name);
    expect(entered).toEqual(expect.arrayContaining(['Save', 'Route', 'Items', 'Work', 'ItemFailed', 'Patience', 'AwaitCallback', 'Done']));
    expect(history.events?.[0]?.type).toBe('ExecutionStarted');
    expect(history.events?.at(-1)?.type).toBe('SucceedStateExited');
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, statusFilter: 'SUCCEEDED' }));
    expect(listed.executions?.map((e) => e.executionArn)).toContain(executionArn);
  }, 90_000);

  it('a callback task that hears nothing fails with States.Timeout into its Catch, and its token then answers TaskTimedOut', async () => {
    const { orderId, executionArn } = await placeOrder({ mode: 'impatient' });
    const { taskToken } = await storedToken(orderId);
    const done = await runtime.stepFunctions.settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect((JSON.parse(done.output ?? '{}') as { error: unknown }).error).toEqual({ Error: 'States.Timeout', Cause: expect.any(String) });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut', $metadata: { httpStatusCode: 400 } });
  }, 60_000);

  it("a Lambda's error name is the Step Functions error name, so Catch on it works", async () => {
    const { orderId, executionArn } = await placeOrder({ mode: 'break' });
    const done = await runtime.stepFunctions.settled(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const error = (JSON.parse(done.output ?? '{}') as { error: { Error: string; Cause: string } }).error;
    expect(error.Error).toBe('OrderBroken');
    expect(JSON.parse(error.Cause)).toMatchObject({ errorType: 'OrderBroken', errorMessage: `order ${orderId} cannot be processed` });
  }, 60_000);

  it('an event no rule matches starts nothing; a target that cannot be delivered to is dead-lettered', async () => {
    const before = runtime.stepFunctions.executions(machineArn).length;
    const out = await events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'mcc', Source: 'fixture.orders', DetailType: 'Order Placed', Detail: JSON.stringify({ orderId: 'zero', amount: 0, items: [] }) },
          { EventBusName: 'mcc', Source: 'fixture.orphans', DetailType: 'Lost', Detail: JSON.stringify({ n: 1 }) },
          { EventBusName: 'mcc', Source: 'fixture.orders', DetailType: 'Order Placed', Detail: 'not json' },
          { EventBusName: 'nope', Source: 'x', DetailType: 'y', Detail: '{}' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries?.[2]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(out.Entries?.[3]).toMatchObject({ ErrorCode: 'ResourceNotFoundException' });
    await runtime.eventBus.idle();
    expect(runtime.stepFunctions.executions(machineArn).length).toBe(before);
    const dlq = (await (await fetch(`${runtime.urls.gateway}/_local/dlq`)).json()) as { attributes: Record<string, string>; body: string; queueArn: string }[];
    const letter = dlq.find((d) => (JSON.parse(d.body) as { id: string }).id === out.Entries?.[1]?.EventId);
    expect(letter?.attributes).toMatchObject({ ERROR_CODE: 'RESOURCE_NOT_FOUND', TARGET_ARN: 'arn:aws:lambda:us-east-1:111122223333:function:not-in-this-app' });
    expect(letter?.attributes.RULE_ARN).toMatch(/^arn:aws:events:us-east-1:000000000000:rule\/mcc\//);
    expect(letter?.queueArn).toMatch(/^arn:aws:sqs:us-east-1:000000000000:/);
  }, 30_000);
});

describe('Step Functions API (AWS JSON protocol)', () => {
  it('lists state machines and starts, describes and stops executions', async () => {
    const machines = await sfn.send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines?.map((m) => m.stateMachineArn)).toEqual([machineArn]);
    const name = `manual-${Date.now()}`;
    const input = JSON.stringify({ eventId: 'manual', detail: { orderId: name, items: ['x'] } });
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name, input }));
    expect(started.executionArn).toBe(`${machineArn.replace(':stateMachine:', ':execution:')}:${name}`);
    expect(started.startDate).toBeInstanceOf(Date);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name, input: '{"other":1}' }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await storedToken(name);
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn: started.executionArn, error: 'Manual', cause: 'test' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'test', name, input });
  }, 60_000);

  it('answers errors in the AWS JSON shape that SDK clients turn into named exceptions', async () => {
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: `${machineArn.replace(':stateMachine:', ':execution:')}:nope` }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${machineArn}Gone` }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }))).rejects.toMatchObject({ name: 'InvalidToken' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: `mcc-local-task-token.${'x'.repeat(64)}`, output: '{}' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    const raw = await fetch(runtime.urls.gateway, { method: 'POST', headers: { 'x-amz-target': 'AWSStepFunctions.CreateActivity', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await raw.json()).toMatchObject({ __type: 'UnknownOperationException', message: expect.any(String) });
  });
});

describe('secrets, e-mail, S3, HTTP routes and local pages', () => {
  it('serves generated secrets by ARN or name, and keeps the previous value under AWSPREVIOUS', async () => {
    const secrets = new SecretsManagerClient({ endpoint: runtime.urls.gateway, ...LOCAL_CLIENT });
    const signing = runtime.model.secrets.find((s) => s.logicalId.startsWith('SigningKey'));
    const partner = runtime.model.secrets.find((s) => s.logicalId.startsWith('PartnerCredentials'));
    const current = await secrets.send(new GetSecretValueCommand({ SecretId: signing?.arn }));
    expect(current.SecretString).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(current.VersionStages).toEqual(['AWSCURRENT']);
    const creds = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: partner?.name }))).SecretString ?? '{}') as Record<string, string>;
    expect(creds.clientId).toBe('fixture');
    expect(creds.clientSecret?.length).toBe(32);
    runtime.secrets.put(signing?.arn ?? '', 'rotated-key');
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: signing?.arn }))).SecretString).toBe('rotated-key');
    const previous = await secrets.send(new GetSecretValueCommand({ SecretId: signing?.arn, VersionStage: 'AWSPREVIOUS' }));
    expect(previous).toMatchObject({ SecretString: current.SecretString, VersionId: current.VersionId });
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    // Persisted: a restart must not change keys that signed links already sent.
    expect(readFileSync(join(runtime.dataDir, 'secrets.json'), 'utf8')).toContain('rotated-key');
    secrets.destroy();
  });

  it('puts SES v2 SendEmail into the outbox with the approval links and the campaign tag', async () => {
    const ses = new SESv2Client({ endpoint: runtime.urls.gateway, ...LOCAL_CLIENT });
    const base = `${runtime.urls.gateway}/approvals/eyJhbGciOi.x.y`;
    const sent = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'mcc@example.com',
        Destination: { ToAddresses: ['maria.lopez@example.com'] },
        Content: { Simple: { Subject: { Data: 'Approve: Summer series' }, Body: { Html: { Data: `<a href="${base}?decision=approve">Approve</a> <a href="${base}?decision=reject">Reject</a>` }, Text: { Data: 'see links' } } } },
        EmailTags: [{ Name: 'campaignId', Value: 'cmp-42' }],
      }),
    );
    expect(sent.MessageId).toEqual(expect.any(String));
    const outbox = (await (await fetch(runtime.urls.outbox, { headers: { accept: 'application/json' } })).json()) as Record<string, unknown>[];
    expect(outbox.at(-1)).toMatchObject({ to: ['maria.lopez@example.com'], subject: 'Approve: Summer series', text: 'see links', campaignId: 'cmp-42', links: { approve: `${base}?decision=approve`, reject: `${base}?decision=reject` } });
    const page = await fetch(runtime.urls.outbox);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Approve: Summer series');
    await expect(ses.send(new SendEmailCommand({ FromEmailAddress: 'mcc@example.com', Destination: { ToAddresses: ['a@example.com'] }, Content: {} }))).rejects.toMatchObject({ name: 'BadRequestException' });
    ses.destroy();
  });

  it('created the buckets and uploaded the bucket deployment’s files', async () => {
    const s3 = new S3Client({ endpoint: runtime.urls.s3, forcePathStyle: true, region: 'us-east-1', credentials: S3RVER_CREDENTIALS });
    const bucket = runtime.model.buckets[0]?.name;
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['guides/tone.md']);
    s3.destroy();
  });

  it('routes HTTP requests to the integrated Lambda with a payload format 2.0 event and maps the response', async () => {
    const response = await fetch(`${runtime.urls.gateway}/hello/w%C3%B6rld?b=2&a=1`, { headers: { 'User-Agent': 'vitest', 'X-Custom': 'Yes' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-fixture')).toBe('yes');
    const event = (await response.json()) as Record<string, unknown>;
    expect(event).toMatchObject({ version: '2.0', routeKey: 'GET /hello/{name}', rawPath: '/hello/w%C3%B6rld', rawQueryString: 'b=2&a=1', pathParameters: { name: 'wörld' }, queryStringParameters: { a: '1', b: '2' }, userAgent: 'vitest', method: 'GET' });
    expect(event.headerNames).toEqual(expect.arrayContaining(['x-custom', 'user-agent', 'host']));
    expect((await fetch(`${runtime.urls.gateway}/nowhere`)).status).toBe(404);
    expect((await fetch(`${runtime.urls.gateway}/callbacks/none`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('reports health, and issues development ID tokens signed with the local key', async () => {
    const health = await fetch(runtime.urls.health);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ready: true, components: { stepFunctions: { stateMachines: [machineArn] }, eventBridge: { buses: ['default', 'mcc'] } } });
    const issued = (await (await fetch(`${runtime.urls.token}?tenant=acme&sub=sam&groups=marketers,approvers`)).json()) as { token: string };
    const key = loadOrCreateKey(join(runtime.dataDir, 'dev-token-key.pem'));
    // The local GraphQL endpoint accepts it: the verifier it uses checks signature, algorithm and issuer.
    const payload = await devTokenVerifier(key)(issued.token);
    // And the published JWKS verifies it too, the way a function configured for Cognito does.
    const jwks = createLocalJWKSet((await (await fetch(`${runtime.urls.gateway}/_local/.well-known/jwks.json`)).json()) as JSONWebKeySet);
    expect((await jwtVerify(issued.token, jwks, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE })).payload.sub).toBe('sam');
    expect(payload).toMatchObject({ sub: 'sam', 'custom:tenantId': 'acme', 'cognito:groups': ['marketers', 'approvers'] });
    expect((await fetch(`${runtime.urls.token}?sub=sam`)).status).toBe(400);
  });
});

describe('the AWS CLI against the gateway', () => {
  it('aws events put-events starts an execution that aws stepfunctions describe-execution reports', async () => {
    ensureSystemTool(awsCli);
    const orderId = `cli-${Date.now()}`;
    const entries = join(runtime.dataDir, 'entries.json');
    writeFileSync(entries, JSON.stringify([{ EventBusName: 'mcc', Source: 'fixture.orders', DetailType: 'Order Placed', Detail: JSON.stringify({ orderId, amount: 1, items: ['x'], mode: 'break' }) }]));
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
    // Asynchronous: the gateway answers from this very process.
    const aws = async (...args: string[]) => {
      const { stdout } = await promisify(execFile)('aws', [...args, '--endpoint-url', runtime.urls.gateway, '--region', 'us-east-1', '--output', 'json'], { env, encoding: 'utf8' });
      return JSON.parse(stdout) as Record<string, unknown>;
    };
    const put = (await aws('events', 'put-events', '--entries', `file://${entries}`)) as { FailedEntryCount: number; Entries: { EventId: string }[] };
    expect(put.FailedEntryCount).toBe(0);
    const eventId = put.Entries[0]?.EventId;
    const executionArn = await eventually(() => runtime.stepFunctions.executions(machineArn).find((r) => JSON.parse(r.input).eventId === eventId)?.executionArn, 10_000, 'the execution');
    await runtime.stepFunctions.settled(executionArn);
    const described = await aws('stepfunctions', 'describe-execution', '--execution-arn', executionArn);
    expect(described).toMatchObject({ executionArn, status: 'SUCCEEDED', stateMachineArn: machineArn });
  }, 60_000);
});
