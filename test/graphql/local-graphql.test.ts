// The local GraphQL endpoint end to end in one process: a standard GraphQL
// client flow over HTTP and WebSocket (graphql-ws) against createLocalGraphql,
// whose invoker calls the real resolver handler module (configured like the
// local runtime does, with AWS_ENDPOINT_URL_* pointing at local services).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { SCHEMA_PATH } from '../../lib/constructs/graphql-api.ts';
import { signDevToken, devTokenVerifier } from '../../local/graphql/dev-tokens.ts';
import { createLocalGraphql, type LocalGraphql } from '../../local/graphql/local-graphql.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { aBrief, aCampaign, NOW } from '../support/fixtures.ts';
import { startPutEventsRecorder, type PutEventsRecorder } from '../support/put-events-recorder.ts';
import { startLocalScheduler, type RunningScheduler } from '../support/local-scheduler.ts';

const KEY = new TextEncoder().encode('local-graphql-test-signing-key-32-bytes!');
const RESOLVER_ID = 'GraphqlResolverFunction';

interface GraphqlResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { errorType: string; message: string }[] };
}

describe('local GraphQL endpoint', () => {
  let server: Server;
  let url: string;
  let graphql: LocalGraphql;
  let ws: { close(): Promise<void> };
  let events: PutEventsRecorder;
  /** notifications (issue 17): cancelCampaign and decideApproval clear reminders through it. */
  let scheduler: RunningScheduler;
  let campaigns: CampaignRepository;
  const clients: Client[] = [];
  const savedEnv = { ...process.env };
  const invoked: string[] = [];

  beforeAll(async () => {
    const table = await createTestTable();
    events = await startPutEventsRecorder();
    scheduler = await startLocalScheduler({ deliver: async () => ({ ok: true }) });
    campaigns = new CampaignRepository(table.doc, table.tableName);
    // What the local runtime gives the bundle: the template's environment plus endpoint variables.
    Object.assign(process.env, {
      TABLE_NAME: table.tableName,
      EVENT_BUS_NAME: 'mcc',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      // The local agent is configured but never reached here: these tests do not send agent messages.
      AGENT_PROVIDER: 'local',
      KNOWLEDGE_BUCKET: 'knowledge-not-used-here',
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SCHEDULER: scheduler.endpoint,
      REMINDER_GROUP_PREFIX: 'mcc-test-apr-',
      AWS_ENDPOINT_URL_EVENTBRIDGE: String(await events.client.config.endpoint?.().then((e) => `${e.protocol}//${e.hostname}:${e.port}`)),
    });
    const { handler } = await import('../../functions/handlers/graphql-resolver.ts');
    graphql = createLocalGraphql({
      schemaPath: SCHEMA_PATH,
      resolverFunctionId: RESOLVER_ID,
      verifyToken: devTokenVerifier(KEY),
      invoke: async (functionId, event) => {
        invoked.push(functionId);
        // Across a real invoke the result is JSON; keep that boundary here too.
        const result = await handler(JSON.parse(JSON.stringify(event)), { awsRequestId: 'local', functionName: functionId } as Context);
        return result === undefined ? null : JSON.parse(JSON.stringify(result));
      },
    });
    server = createServer((req, res) => void graphql.handleHttp(req, res));
    ws = graphql.attachWebSocket(server, '/graphql');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await ws.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await events.close();
    await scheduler.stop();
    process.env = savedEnv;
  });

  const token = (tenantId: string, groups: string[] = ['marketers']) => signDevToken(KEY, { sub: `user-${tenantId}`, tenantId, groups, email: `user@${tenantId}.example.com` });

  async function post(query: string, variables: Record<string, unknown>, authorization?: string): Promise<GraphqlResponse> {
    const res = await fetch(`http://${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as GraphqlResponse['body'] };
  }

  function wsClient(authorization: string | undefined): Client {
    const client = createClient({
      url: `ws://${url}`,
      webSocketImpl: WebSocket,
      connectionParams: authorization ? { Authorization: authorization } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  }

  /** Collects the events of one subscription until `count` arrive or it fails. */
  function collect(client: Client, tenantId: string, campaignId?: string) {
    const received: Record<string, unknown>[] = [];
    let failure: unknown;
    const done = new Promise<void>((resolve) => {
      client.subscribe(
        {
          query: 'subscription On($tenantId: ID!, $campaignId: ID) { onCampaignUpdated(tenantId: $tenantId, campaignId: $campaignId) { tenantId campaignId status } }',
          variables: { tenantId, campaignId },
        },
        {
          next: (v) => {
            if (v.errors) failure = v.errors;
            else if (v.data) received.push(v.data.onCampaignUpdated as Record<string, unknown>);
          },
          error: (e) => {
            failure = e;
            resolve();
          },
          complete: resolve,
        },
      );
    });
    return { received, done, failure: () => failure };
  }

  const update = (tenantId: string, campaignId: string, status: string) => ({
    input: { tenantId, campaignId, status, revision: 0, updatedAt: NOW.toISOString() },
  });

  const until = async (check: () => boolean, between?: () => Promise<void>) => {
    // Bounded by time, not by a count of 50 ms rounds, so a busy machine gets the same 15 s.
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && !check(); ) {
      await between?.();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(check()).toBe(true);
  };

  it('serves queries and mutations over HTTP through the resolver Lambda', async () => {
    await campaigns.create(aCampaign({ tenantId: 'acme', campaignId: 'cmp-http' }));
    const auth = await token('acme');

    const got = await post('query Get($id: ID!) { getCampaign(id: $id) { campaignId name status targetAudience budget { amount currency } } }', { id: 'cmp-http' }, auth);
    expect(got.body).toEqual({
      data: { getCampaign: { campaignId: 'cmp-http', name: aBrief().name, status: 'REQUESTED', targetAudience: aBrief().audience, budget: { amount: 18000, currency: 'USD' } } },
    });
    expect(invoked).toContain(RESOLVER_ID);

    const { audience, ...brief } = aBrief();
    const created = await post('mutation C($input: CreateCampaignInput!) { createCampaign(input: $input) { campaignId status tier } }', { input: { ...brief, targetAudience: audience } }, `Bearer ${auth}`);
    expect(created.body.data?.createCampaign).toMatchObject({ status: 'REQUESTED', tier: 3 });
    expect(events.entries.at(-1)).toMatchObject({ DetailType: 'Campaign Build Requested' });

    const invalid = await post('mutation C($input: CreateCampaignInput!) { createCampaign(input: $input) { campaignId } }', { input: { ...brief, objective: 'short', targetAudience: audience } }, auth);
    expect(invalid.body.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
    expect(invalid.body.errors?.[0]?.message).toContain('objective');
  });

  it('refuses anonymous callers and bad tokens', async () => {
    const anonymous = await post('{ listCampaigns { items { campaignId } } }', {});
    expect(anonymous).toEqual({ status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] } });
    const forged = await signDevToken(new TextEncoder().encode('some-other-key-that-is-long-enough!!'), { sub: 'x', tenantId: 'acme' });
    expect((await post('{ listCampaigns { items { campaignId } } }', {}, forged)).status).toBe(401);
  });

  it('refuses the IAM-only publish mutation to a user-pool token, and group-limited fields to others', async () => {
    const refused = await post(
      'mutation P($input: CampaignUpdateInput!) { publishCampaignUpdate(input: $input) { campaignId } }',
      update('acme', 'cmp-1', 'PLANNING'),
      await token('acme'),
    );
    expect(refused.body.data).toEqual({ publishCampaignUpdate: null });
    expect(refused.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access publishCampaignUpdate on type Mutation' });

    const approverOnly = await post('mutation { cancelCampaign(id: "cmp-http") { status } }', {}, await token('acme', ['approvers']));
    expect(approverOnly.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
  });

  it('delivers published updates to subscribers of that tenant only, filtered by campaign', async () => {
    const acme = collect(wsClient(await token('acme')), 'acme');
    const acmeOne = collect(wsClient(await token('acme')), 'acme', 'cmp-2');
    const globex = collect(wsClient(await token('globex')), 'globex');
    // A subscription is live once the server has run its subscribe resolver: probe until all three hear one.
    await until(() => acme.received.length > 0 && acmeOne.received.length > 0 && globex.received.length > 0, async () => {
      await graphql.publishAsBackend(update('acme', 'cmp-2', 'REQUESTED'));
      await graphql.publishAsBackend(update('globex', 'cmp-9', 'REQUESTED'));
    });
    // Probes still in flight are told apart by their status.
    const real = (s: { received: Record<string, unknown>[] }) => s.received.filter((u) => u.status !== 'REQUESTED');

    for (const [tenant, campaign, status] of [['acme', 'cmp-1', 'PLANNING'], ['globex', 'cmp-9', 'GENERATING'], ['acme', 'cmp-2', 'PLANNING']] as const) {
      const result = await graphql.publishAsBackend(update(tenant, campaign, status));
      expect(result.errors).toBeUndefined();
    }
    await until(() => real(acme).length >= 2 && real(globex).length >= 1 && real(acmeOne).length >= 1);

    expect(real(acme)).toEqual([
      { tenantId: 'acme', campaignId: 'cmp-1', status: 'PLANNING' },
      { tenantId: 'acme', campaignId: 'cmp-2', status: 'PLANNING' },
    ]);
    expect(real(acmeOne)).toEqual([{ tenantId: 'acme', campaignId: 'cmp-2', status: 'PLANNING' }]);
    expect(real(globex)).toEqual([{ tenantId: 'globex', campaignId: 'cmp-9', status: 'GENERATING' }]);
  });

  it('refuses a subscription to another tenant, and an anonymous WebSocket connection', async () => {
    const spy = collect(wsClient(await token('acme')), 'globex');
    await spy.done;

    expect(JSON.stringify(spy.failure())).toContain('own tenant');

    const anonymous = collect(wsClient(undefined), 'acme');
    await anonymous.done;
    expect(anonymous.failure()).toMatchObject({ code: 4403 });
    await graphql.publishAsBackend(update('acme', 'cmp-3', 'PLANNING'));
    expect(anonymous.received).toEqual([]);
  });
});
