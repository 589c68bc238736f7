// Event subscriptions against the sandbox: `npm run workfront:subscribe`
// creates the six subscriptions once, and the sandbox then delivers the
// documented payload with the tenant's bearer token.
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImsTokenAuth } from '../../functions/workfront/auth.ts';
import { ensureSubscriptions, EventSubscriptionClient } from '../../functions/workfront/subscriptions.ts';
import { tenantWebhookToken } from '../../functions/workfront/webhook-token.ts';
import { listen, type WorkfrontSandbox } from '../../local/workfront-sandbox/index.ts';

const run = promisify(execFile);
const CLIENT = { clientId: 'subscriber', clientSecret: 'secret' };
let sandbox: WorkfrontSandbox;
let sandboxUrl: string;
let closeSandbox: () => Promise<void>;
const received: { headers: IncomingHttpHeaders; body: Record<string, unknown>; url: string }[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, url: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    res.writeHead(200).end();
  });
});
let webhookUrl: string;

beforeAll(async () => {
  ({ sandbox, url: sandboxUrl, close: closeSandbox } = await listen({ clients: [CLIENT] }));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/workfront`;
});
afterAll(async () => {
  await closeSandbox();
  receiver.close();
});

describe('npm run workfront:subscribe', () => {
  it('creates PROJ and TASK × CREATE, UPDATE, DELETE once, then keeps them', async () => {
    const env = {
      ...process.env,
      WORKFRONT_BASE_URL: sandboxUrl,
      WORKFRONT_IMS_URL: sandboxUrl,
      WORKFRONT_CLIENT_ID: CLIENT.clientId,
      WORKFRONT_CLIENT_SECRET: CLIENT.clientSecret,
      WEBHOOK_TOKEN_SECRET: 'the-secret',
    };
    const args = ['run', '--silent', 'workfront:subscribe', '--', '--tenant', 'acme', '--webhook-url', webhookUrl];
    const first = await run('npm', args, { env });
    expect(first.stdout).toContain('created:  PROJ CREATE, PROJ UPDATE, PROJ DELETE, TASK CREATE, TASK UPDATE, TASK DELETE');
    const second = await run('npm', args, { env });
    expect(second.stdout).toContain('created:  none');
    const subscriptions = [...sandbox.store.subscriptions.values()];
    expect(subscriptions).toHaveLength(6);
    expect(new Set(subscriptions.map((s) => s.url))).toEqual(new Set([`${webhookUrl}?tenant=acme`]));
    expect(new Set(subscriptions.map((s) => s.authToken))).toEqual(new Set([tenantWebhookToken('the-secret', 'acme')]));
  }, 60_000);

  it('the sandbox then delivers the documented payload with the bearer token when a project changes', async () => {
    const client = new EventSubscriptionClient(sandboxUrl, new ImsTokenAuth({ imsUrl: sandboxUrl, credentials: async () => CLIENT }));
    await ensureSubscriptions(client, { url: `${webhookUrl}?tenant=acme`, authToken: tenantWebhookToken('the-secret', 'acme') });
    received.length = 0;
    const res = await fetch(`${sandboxUrl}/ims/token/v3`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }) });
    const { access_token } = (await res.json()) as { access_token: string };
    const created = await fetch(`${sandboxUrl}/attask/api/v22.0/proj`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Delivered', extRefID: 'cmp-d' }),
    });
    const { data } = (await created.json()) as { data: { ID: string } };
    sandbox.setProjectStatus(data.ID, 'CPL');
    await sandbox.idle();
    expect(received.map((r) => r.body.eventType)).toEqual(['CREATE', 'UPDATE']);
    for (const r of received) {
      expect(r.url).toBe('/webhooks/workfront?tenant=acme');
      expect(r.headers.authorization).toBe(`Bearer ${tenantWebhookToken('the-secret', 'acme')}`);
      expect(r.body).toEqual({
        eventType: expect.any(String),
        subscriptionId: expect.any(String),
        eventTime: { nano: expect.any(Number), epochSecond: expect.any(Number) },
        newState: expect.objectContaining({ ID: data.ID, objCode: 'PROJ' }),
        oldState: expect.any(Object),
      });
    }
    expect(received[0]?.body.oldState).toEqual({});
    expect(received[1]?.body).toMatchObject({ newState: { status: 'CPL' }, oldState: { status: 'CUR' } });
  });
});
