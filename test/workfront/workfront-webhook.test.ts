// POST /webhooks/workfront with Adobe's documented payloads, through the real
// handler module (DynamoDB Local; EventBridge and Secrets Manager on a local
// AWS JSON endpoint).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { tenantWebhookToken } from '../../functions/workfront/webhook-token.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { startFakeAws, type FakeAws } from '../support/fake-aws.ts';
import { loadHandler } from '../support/load-handler.ts';
import { NOW } from '../support/fixtures.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import { listen } from '../../local/workfront-sandbox/index.ts';
import { DOCUMENTED_BASE64_UPDATE, DOCUMENTED_CREATE, DOCUMENTED_LEGACY_CREATE, DOCUMENTED_UPDATE } from './fixtures/documented-payloads.ts';

const SECRET = 'generated-webhook-secret-value';
let aws: FakeAws;
let repo: CampaignRepository;
let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

beforeAll(async () => {
  const table = await createTestTable();
  repo = new CampaignRepository(table.doc, table.tableName);
  aws = await startFakeAws();
  aws.secretsById.set('webhook-token', SECRET);
  handler = await loadHandler<typeof handler>('workfront-webhook', {
    TABLE_NAME: table.tableName,
    EVENT_BUS_NAME: 'mcc',
    WEBHOOK_TOKEN_SECRET_ID: 'webhook-token',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_EVENTBRIDGE: aws.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
});
afterAll(() => aws.close());

async function link(tenantId: string, campaignId: string, objId: string, objCode: 'PROJ' | 'TASK' = 'PROJ'): Promise<void> {
  await repo.putWorkfrontLink(tenantId, { objCode, objId, campaignId, status: 'PLN', updatedAt: NOW.toISOString() });
}

function post(tenant: string | undefined, body: unknown, options: { token?: string | null; raw?: string; base64?: boolean } = {}) {
  const token = options.token === undefined ? tenantWebhookToken(SECRET, tenant ?? '') : options.token;
  const text = options.raw ?? JSON.stringify(body);
  return handler(
    httpApiEvent({
      method: 'POST',
      path: '/webhooks/workfront',
      ...(tenant ? { query: { tenant } } : {}),
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: options.base64 ? Buffer.from(text).toString('base64') : text,
      isBase64Encoded: options.base64 ?? false,
    }),
  );
}

const outcomeOf = (r: APIGatewayProxyStructuredResultV2) => JSON.parse(String(r.body)).outcome as string;
const eventsFor = (campaignId: string) =>
  aws.entries.filter((e) => e.Source === 'mcc.workfront' && JSON.parse(e.Detail).campaignId === campaignId).map((e) => JSON.parse(e.Detail));

describe('documented payloads', () => {
  it('applies the documented UPDATE: link status, event time, and a Workfront Object Updated event', async () => {
    await link('acme', 'cmp-upd', DOCUMENTED_UPDATE.newState.ID);
    const response = await post('acme', DOCUMENTED_UPDATE);
    expect(response.statusCode).toBe(200);
    expect(outcomeOf(response)).toBe('applied');
    expect(await repo.findWorkfrontLink('acme', 'PROJ', DOCUMENTED_UPDATE.newState.ID)).toMatchObject({
      status: 'CUR',
      lastEventAt: '2017-10-06T19:48:56.998000000Z',
    });
    expect(eventsFor('cmp-upd')).toEqual([
      expect.objectContaining({ tenantId: 'acme', objCode: 'PROJ', objId: DOCUMENTED_UPDATE.newState.ID, eventType: 'UPDATE', status: 'CUR', previousStatus: 'PLN' }),
    ]);
    expect(aws.entries.find((e) => JSON.parse(e.Detail).campaignId === 'cmp-upd')).toMatchObject({ DetailType: 'Workfront Object Updated', EventBusName: 'mcc' });
  });

  it('applies the documented CREATE (empty oldState)', async () => {
    await link('acme', 'cmp-create', DOCUMENTED_CREATE.newState.ID);
    expect(outcomeOf(await post('acme', DOCUMENTED_CREATE))).toBe('applied');
  });

  it('applies the documented base64Encoding payload, though its oldState does not decode to JSON', async () => {
    await link('globex', 'cmp-b64', DOCUMENTED_UPDATE.newState.ID);
    const response = await post('globex', DOCUMENTED_BASE64_UPDATE);
    expect(response.statusCode).toBe(200);
    expect(outcomeOf(response)).toBe('applied');
    expect((await repo.findWorkfrontLink('globex', 'PROJ', DOCUMENTED_UPDATE.newState.ID))?.status).toBe('CUR');
  });

  it('applies the documented pre-2017.3 message, ordered by its lastUpdateDate', async () => {
    await link('initech', 'cmp-legacy', DOCUMENTED_LEGACY_CREATE.fields.ID);
    expect(outcomeOf(await post('initech', DOCUMENTED_LEGACY_CREATE))).toBe('applied');
    expect((await repo.findWorkfrontLink('initech', 'PROJ', DOCUMENTED_LEGACY_CREATE.fields.ID))?.lastEventAt).toBe('2017-10-06T19:36:28.785000000Z');
  });

  it('accepts a body API Gateway delivered base64-encoded', async () => {
    await link('umbrella', 'cmp-gw', DOCUMENTED_CREATE.newState.ID);
    expect(outcomeOf(await post('umbrella', DOCUMENTED_CREATE, { base64: true }))).toBe('applied');
  });
});

describe('authentication', () => {
  it('answers 401 for a missing token, a wrong token, another tenant\'s token, or no tenant', async () => {
    expect((await post('acme', DOCUMENTED_CREATE, { token: null })).statusCode).toBe(401);
    expect((await post('acme', DOCUMENTED_CREATE, { token: 'guess' })).statusCode).toBe(401);
    expect((await post('acme', DOCUMENTED_CREATE, { token: tenantWebhookToken(SECRET, 'globex') })).statusCode).toBe(401);
    expect((await post(undefined, DOCUMENTED_CREATE, { token: tenantWebhookToken(SECRET, 'acme') })).statusCode).toBe(401);
  });
});

describe('delivery semantics', () => {
  const at = (epochSecond: number, status: string) => ({
    ...DOCUMENTED_UPDATE,
    eventTime: { nano: 0, epochSecond },
    newState: { ...DOCUMENTED_UPDATE.newState, ID: 'aa11bb22cc33dd44ee55ff6600770088', status },
  });

  it('a redelivery has no second effect', async () => {
    await link('hooli', 'cmp-dup', 'aa11bb22cc33dd44ee55ff6600770088');
    expect(outcomeOf(await post('hooli', at(1_800_000_000, 'CUR')))).toBe('applied');
    expect(outcomeOf(await post('hooli', at(1_800_000_000, 'CUR')))).toBe('duplicate');
    expect(eventsFor('cmp-dup')).toHaveLength(1);
  });

  it('an event older than the last one applied is ignored', async () => {
    await link('vandelay', 'cmp-order', 'aa11bb22cc33dd44ee55ff6600770088');
    expect(outcomeOf(await post('vandelay', at(1_800_000_200, 'CPL')))).toBe('applied');
    const late = await post('vandelay', at(1_800_000_100, 'ONH'));
    expect(late.statusCode).toBe(200);
    expect(outcomeOf(late)).toBe('stale');
    expect((await repo.findWorkfrontLink('vandelay', 'PROJ', 'aa11bb22cc33dd44ee55ff6600770088'))?.status).toBe('CPL');
    expect(eventsFor('cmp-order').map((e) => e.status)).toEqual(['CPL']);
  });

  it('an event about an object MCC does not track is acknowledged and ignored', async () => {
    const response = await post('acme', { ...DOCUMENTED_UPDATE, newState: { ...DOCUMENTED_UPDATE.newState, ID: 'ffffffffffffffffffffffffffffffff' } });
    expect(response.statusCode).toBe(200);
    expect(outcomeOf(response)).toBe('untracked');
  });

  it('records a DELETE from the oldState', async () => {
    await link('acme', 'cmp-del', 'de1e7ed0000000000000000000000001', 'TASK');
    const deleted = { eventType: 'DELETE', subscriptionId: 'sub-del', eventTime: { nano: 5, epochSecond: 1_800_000_000 }, newState: {}, oldState: { ID: 'de1e7ed0000000000000000000000001', objCode: 'TASK', status: 'NEW' } };
    expect(outcomeOf(await post('acme', deleted))).toBe('applied');
    expect((await repo.findWorkfrontLink('acme', 'TASK', 'de1e7ed0000000000000000000000001'))?.status).toBe('DELETED');
  });
});

describe('malformed requests', () => {
  it('answers 413 for a body over 1 MB', async () => {
    expect((await post('acme', undefined, { raw: `{"pad":"${'x'.repeat(1_048_600)}"}` })).statusCode).toBe(413);
  });

  it('answers 400 for a body that is not JSON or not a documented payload', async () => {
    expect((await post('acme', undefined, { raw: '{not json' })).statusCode).toBe(400);
    expect((await post('acme', { eventType: 'UPDATE' })).statusCode).toBe(400);
    expect((await post('acme', { ...DOCUMENTED_BASE64_UPDATE, newState: '%%%' })).statusCode).toBe(400);
  });
});

describe('from the sandbox to the handler', () => {
  it('a status a person sets in the Workfront sandbox reaches the campaign link, as the local gateway would route it', async () => {
    const { url: sandboxUrl, sandbox, close } = await listen({
      apiKeys: ['k'],
      // What the local gateway does: turn the delivery into an HTTP API event for the same handler.
      deliverWebhook: async (target, request) => {
        const parsed = new URL(target);
        const result = await handler(
          httpApiEvent({
            method: 'POST',
            path: parsed.pathname,
            query: Object.fromEntries(parsed.searchParams),
            headers: request.headers,
            body: request.body,
          }),
        );
        return result.statusCode ?? 500;
      },
    });
    try {
      const headers = { apiKey: 'k', 'Content-Type': 'application/json' };
      await fetch(`${sandboxUrl}/attask/eventsubscription/api/v1/subscriptions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objCode: 'PROJ', eventType: 'UPDATE', url: 'http://localhost/webhooks/workfront?tenant=wayne', authToken: tenantWebhookToken(SECRET, 'wayne'), base64Encoding: true }),
      });
      const created = await fetch(`${sandboxUrl}/attask/api/v22.0/proj`, { method: 'POST', headers, body: JSON.stringify({ name: 'Gotham launch', extRefID: 'cmp-e2e' }) });
      const { data } = (await created.json()) as { data: { ID: string } };
      await link('wayne', 'cmp-e2e', data.ID);
      sandbox.setProjectStatus(data.ID, 'ONH');
      await sandbox.idle();
      expect(sandbox.deliveries).toEqual([expect.objectContaining({ status: 200, eventType: 'UPDATE' })]);
      expect((await repo.findWorkfrontLink('wayne', 'PROJ', data.ID))?.status).toBe('ONH');
      expect(eventsFor('cmp-e2e')).toEqual([expect.objectContaining({ status: 'ONH', previousStatus: 'PLN' })]);
    } finally {
      await close();
    }
  });
});
