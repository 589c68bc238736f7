// The MCP function in one process, through its HTTP API event: an HTTP server
// turns each request into the v2 event the way the local gateway does
// (buildV2Event) and calls the real handler module, configured like the local
// runtime configures it (DynamoDB Local, s3rver with knowledge-content/, the
// test EventBridge endpoint, a JWKS of the development-token key). Clients are
// the SDK's own Client + StreamableHTTPClientTransport, and raw fetch for
// what a well-behaved client never sends.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { ExecutionRepository } from '../../functions/data/execution-repository.ts';
import type { TimelineRecord } from '../../functions/domain/timeline-record.ts';
import { loadOrCreateKey } from '../../local/gateway/dev-token.ts';
import { buildV2Event } from '../../local/gateway/http-api.ts';
import { withLocalSignIn } from '../../local/auth/local-sign-in.ts';
import { devJwks, signDevToken } from '../../local/graphql/dev-tokens.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';
import { aCampaign } from '../support/fixtures.ts';
import { startKnowledgeBucket, S3RVER_CREDENTIALS, type KnowledgeBucket } from '../support/knowledge-bucket.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { startPutEventsRecorder, type PutEventsRecorder } from '../support/put-events-recorder.ts';

const KEYS = loadOrCreateKey(undefined);
const ROUTE = (method: string, path: string) => ({ route: { routeKey: `${method} ${path}`, method, path, functionArn: 'mcp', payloadFormatVersion: '2.0' }, pathParameters: {} });

const BRIEF = {
  name: 'Analytics webinar series',
  type: 'WEBINAR',
  objective: 'Generate 400 qualified registrations from mid-market finance teams',
  targetAudience: 'Finance leaders at companies with 200-2,000 employees',
  budget: { amount: 30000, currency: 'USD' },
  channels: ['EMAIL', 'LINKEDIN'],
  launchDate: '2027-06-01',
  endDate: '2027-07-31',
  approvers: ['maria.lopez@example.com'],
};

describe('the MCP endpoint', () => {
  let server: Server;
  let base: string;
  let table: TestTable;
  let knowledge: KnowledgeBucket;
  let events: PutEventsRecorder;
  let campaigns: CampaignRepository;
  const savedEnv = { ...process.env };
  const clients: Client[] = [];

  const token = (tenantId: string, groups: string[], sub = `sam-${tenantId}`) =>
    signDevToken(KEYS, { sub, tenantId, groups, email: `${sub}@${tenantId}.example.com` });

  async function connect(bearer: string): Promise<Client> {
    const client = new Client({ name: 'mcc-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${bearer}` } } }));
    clients.push(client);
    return client;
  }

  async function rpc(body: unknown, headers: Record<string, string> = {}, method = 'POST') {
    const res = await fetch(`${base}/mcp`, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as { result?: Record<string, unknown>; error?: { code: number; message: string } }) : undefined };
  }

  const callTool = (name: string, args: unknown) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

  beforeAll(async () => {
    table = await createTestTable();
    knowledge = await startKnowledgeBucket();
    events = await startPutEventsRecorder();
    campaigns = new CampaignRepository(table.doc, table.tableName);
    server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', base);
        if (url.pathname === '/_local/.well-known/jwks.json') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(devJwks(KEYS)));
          return;
        }
        const event = (await buildV2Event(req, url, ROUTE(req.method ?? 'GET', url.pathname), '127.0.0.1')) as unknown as APIGatewayProxyEventV2;
        const { handler } = await import('../../functions/handlers/mcp.ts');
        const result = await handler(event, lambdaContext('mcp'));
        res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.body ?? '');
      })().catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const eventsEndpoint = await events.client.config.endpoint?.().then((e) => `${e.protocol}//${e.hostname}:${e.port}`);
    // The template's environment (placeholders for Cognito and the URL) adjusted as the local runtime adjusts it.
    Object.assign(
      process.env,
      withLocalSignIn(
        {
          TABLE_NAME: table.tableName,
          EVENT_BUS_NAME: 'mcc',
          AUTH_JWKS_URL: 'https://cognito-idp.us-east-1.amazonaws.com/pool/.well-known/jwks.json',
          AUTH_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/pool',
          AUTH_AUDIENCE: 'client',
          MCP_RESOURCE_URL: 'https://api.example.com/mcp',
          AGENT_PROVIDER: 'local',
          KNOWLEDGE_BUCKET: knowledge.bucket,
          S3_FORCE_PATH_STYLE: 'true',
          WORKFRONT_BASE_URL: 'http://127.0.0.1:9',
          WORKFRONT_API_VERSION: 'v15.0',
          WORKFRONT_AUTH_MODE: 'apikey',
          WORKFRONT_CREDENTIALS_SECRET_ID: 'workfront',
          WORKFRONT_IMS_URL: 'http://127.0.0.1:9',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
          AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
          AWS_ENDPOINT_URL_S3: knowledge.endpoint,
          AWS_ENDPOINT_URL_EVENTBRIDGE: String(eventsEndpoint),
          AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:9',
          // Reminder schedules a decision would clear (issue 17); no decision here reaches them.
          REMINDER_GROUP_PREFIX: 'mcc-test-apr-',
          AWS_ENDPOINT_URL_SCHEDULER: 'http://127.0.0.1:9',
        },
        base,
      ),
    );
    // Cold start (config, clients) here, under the hook's timeout rather than the first test's.
    await import('../../functions/handlers/mcp.ts');
  });

  afterAll(async () => {
    for (const c of clients) await c.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await events.close();
    await knowledge.stop();
    process.env = savedEnv;
  });

  it('lists the tools with their JSON Schemas, the prompts and the resources', async () => {
    const client = await connect(await token('acme', ['marketers']));
    expect(client.getServerVersion()?.name).toBe('marketing-command-center');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['classify_campaign', 'create_campaign', 'decide_approval', 'get_calendar', 'get_campaign', 'get_conflicts', 'get_workfront_status', 'list_campaigns', 'search_playbooks'].sort(),
    );
    const create = tools.find((t) => t.name === 'create_campaign');
    expect(create?.inputSchema).toMatchObject({ type: 'object', properties: { confirm: { type: 'boolean' }, channels: { type: 'array' } } });
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['plan-campaign', 'review-campaign']);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('mcc://playbooks/playbooks/campaign-tiers.md');
    const tiers = await client.readResource({ uri: 'mcc://playbooks/playbooks/campaign-tiers.md' });
    expect(tiers.contents[0]).toMatchObject({ mimeType: 'text/markdown' });
  });

  it('previews a campaign without confirm (nothing sent), creates it with confirm, and answers with structured content', async () => {
    const client = await connect(await token('acme', ['marketers']));
    const before = events.entries.length;
    const preview = await client.callTool({ name: 'create_campaign', arguments: BRIEF });
    expect(preview.isError).toBeFalsy();
    expect(preview.structuredContent).toMatchObject({ created: false, campaign: { name: BRIEF.name, tier: 2, approvalLevel: 'DIRECTOR' } });
    expect(events.entries.length).toBe(before);
    const created = await client.callTool({ name: 'create_campaign', arguments: { ...BRIEF, confirm: true } });
    const campaign = (created.structuredContent as { campaign: { campaignId: string; status: string } }).campaign;
    expect(campaign.status).toBe('REQUESTED');
    expect(events.entries.length).toBe(before + 1);
    const detail = JSON.parse(String(events.entries.at(-1)?.Detail)) as { tenantId: string; campaignId: string; brief: { requestedBy: string } };
    expect(detail).toMatchObject({ tenantId: 'acme', campaignId: campaign.campaignId, brief: { requestedBy: 'sam-acme@acme.example.com' } });
    expect((created.content as { text: string }[])[0]?.text).toContain(campaign.campaignId);
  });

  it('keeps tenants apart in every tool and resource', async () => {
    const mine = aCampaign({ tenantId: 'acme', campaignId: 'cmp-acme-only' });
    await campaigns.create(mine);
    const acme = await connect(await token('acme', ['marketers', 'approvers']));
    const globex = await connect(await token('globex', ['marketers', 'approvers']));
    expect((await acme.callTool({ name: 'get_campaign', arguments: { campaignId: mine.campaignId } })).isError).toBeFalsy();
    expect((await acme.readResource({ uri: `mcc://campaigns/${mine.campaignId}` })).contents[0]).toMatchObject({ mimeType: 'application/json', text: expect.stringContaining(mine.brief.name) as unknown });

    const got = await globex.callTool({ name: 'get_campaign', arguments: { campaignId: mine.campaignId } });
    expect(got).toMatchObject({ isError: true, structuredContent: { error: { code: 'NotFound' } } });
    const listed = await globex.callTool({ name: 'list_campaigns', arguments: {} });
    expect((listed.structuredContent as { items: { campaignId: string }[] }).items.map((c) => c.campaignId)).not.toContain(mine.campaignId);
    await expect(globex.readResource({ uri: `mcc://campaigns/${mine.campaignId}` })).rejects.toMatchObject({ code: -32002 });
    expect((await globex.listResources()).resources.map((r) => r.uri)).not.toContain(`mcc://campaigns/${mine.campaignId}`);
    const decided = await globex.callTool({ name: 'decide_approval', arguments: { campaignId: mine.campaignId, decision: 'APPROVED' } });
    expect(decided).toMatchObject({ isError: true, structuredContent: { error: { code: 'NotFound' } } });
    const wf = await globex.callTool({ name: 'get_workfront_status', arguments: { campaignId: mine.campaignId } });
    expect(wf).toMatchObject({ isError: true, structuredContent: { error: { code: 'NotFound' } } });
    const review = await acme.getPrompt({ name: 'review-campaign', arguments: { campaignId: mine.campaignId } });
    expect(review.messages[1]?.content).toMatchObject({ type: 'resource', resource: { uri: `mcc://campaigns/${mine.campaignId}` } });
    await expect(globex.getPrompt({ name: 'review-campaign', arguments: { campaignId: mine.campaignId } })).rejects.toMatchObject({ code: -32002 });
    // A tenant named in the arguments is refused as an unknown argument, never used.
    await expect(globex.callTool({ name: 'list_campaigns', arguments: { tenantId: 'acme' } })).rejects.toMatchObject({ code: -32602 });
    expect(await campaigns.get('acme', mine.campaignId)).toEqual(mine);
  });

  it('refuses decide_approval to a marketer, and create_campaign to an approver, changing nothing', async () => {
    const campaign = aCampaign({ tenantId: 'acme', campaignId: 'cmp-not-yours' });
    await campaigns.create(campaign);
    const marketer = await connect(await token('acme', ['marketers']));
    const refused = await marketer.callTool({ name: 'decide_approval', arguments: { campaignId: campaign.campaignId, decision: 'APPROVED' } });
    expect(refused).toMatchObject({ isError: true, structuredContent: { error: { code: 'Unauthorized' } } });
    const approver = await connect(await token('acme', ['approvers']));
    const before = events.entries.length;
    const notCreated = await approver.callTool({ name: 'create_campaign', arguments: { ...BRIEF, confirm: true } });
    expect(notCreated).toMatchObject({ isError: true, structuredContent: { error: { code: 'Unauthorized' } } });
    expect(events.entries.length).toBe(before);
    expect(await campaigns.get('acme', campaign.campaignId)).toEqual(campaign);
  });

  it('answers 401 with the RFC 9728 challenge without a valid token, and serves the metadata document', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
    const anonymous = await rpc(init);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`);
    const foreignKey = { ...loadOrCreateKey(undefined), kid: KEYS.kid };
    const forged = await signDevToken(foreignKey, { sub: 'eve', tenantId: 'acme', groups: ['approvers'] });
    const expired = await signDevToken(KEYS, { sub: 'sam', tenantId: 'acme', ttlSeconds: -60 });
    for (const bad of [forged, expired, 'not-a-jwt']) {
      const res = await rpc(init, { authorization: `Bearer ${bad}` });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    const metadata = await fetch(`${base}/.well-known/oauth-protected-resource/mcp`);
    expect(await metadata.json()).toEqual({ resource: `${base}/mcp`, bearer_methods_supported: ['header'], resource_name: 'Marketing Command Center' });
  });

  it('answers GET and DELETE with 405, and refuses a foreign Origin (DNS rebinding)', async () => {
    const auth = { authorization: `Bearer ${await token('acme', ['marketers'])}` };
    for (const method of ['GET', 'DELETE']) {
      const res = await rpc(undefined, auth, method);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
    const rebound = await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { ...auth, origin: 'http://attacker.example' });
    expect(rebound.status).toBe(403);
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { ...auth, origin: base })).status).toBe(200);
  });

  it('turns bad input into JSON-RPC errors, never a 5xx, never a change', async () => {
    const auth = { authorization: `Bearer ${await token('acme', ['marketers', 'approvers'])}` };
    const before = events.entries.length;
    const stored = (await campaigns.list('acme', { limit: 50 })).items.length;
    const cases: [unknown, number][] = [
      [callTool('no_such_tool', {}), -32602],
      [callTool('create_campaign', { ...BRIEF, budget: 'a lot', confirm: true }), -32602],
      [callTool('create_campaign', { ...BRIEF, endDate: '2027-01-01', confirm: true }), -32602],
      [callTool('list_campaigns', { limit: 'ten' }), -32602],
      [callTool('search_playbooks', { query: 'x'.repeat(5000) }), -32602],
      [callTool('create_campaign', { ...BRIEF, objective: 'x'.repeat(70_000), confirm: true }), -32600],
      ['{"jsonrpc":"2.0","id":1,"method":', -32700],
      [{ jsonrpc: '2.0', id: 1, method: 'no/such/method' }, -32601],
      [{ hello: 'world' }, -32700],
    ];
    for (const [body, code] of cases) {
      const res = await rpc(body, auth);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
      expect(res.body?.error?.code, JSON.stringify(res.body)).toBe(code);
    }
    // Whatever arguments arrive, create_campaign never answers with a 5xx and sends nothing unless confirmed and valid.
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }), async (args) => {
        const res = await rpc(callTool('create_campaign', args), auth);
        expect(res.status).toBeLessThan(500);
        expect(res.body?.error ?? res.body?.result).toBeDefined();
      }),
      { numRuns: 40 },
    );
    expect(events.entries.length).toBe(before);
    expect((await campaigns.list('acme', { limit: 50 })).items.length).toBe(stored);
  });

  it('classifies and searches the playbooks through the shared use cases', async () => {
    const client = await connect(await token('acme', ['marketers']));
    const c = await client.callTool({ name: 'classify_campaign', arguments: { type: 'PRODUCT_LAUNCH', budget: { amount: 10000, currency: 'EUR' }, channels: ['EMAIL'], launchDate: '2020-01-01' } });
    expect(c.structuredContent).toMatchObject({ tier: 1, approvalLevel: 'VP', leadTime: { met: false }, citation: { documentId: 'playbooks/campaign-tiers.md' } });
    const found = await client.callTool({ name: 'search_playbooks', arguments: { query: 'product launch lead time', maxResults: 3 } });
    const passages = (found.structuredContent as { passages: { documentId: string; uri: string }[] }).passages;
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.length).toBeLessThanOrEqual(3);
    expect(passages[0]?.uri).toBe(`mcc://playbooks/${passages[0]?.documentId}`);
    const prompt = await client.getPrompt({ name: 'plan-campaign', arguments: { idea: 'a spring webinar' } });
    expect(prompt.messages[0]?.content).toMatchObject({ type: 'text' });
  });
  it('reads the calendar and its conflicts over a range, for the caller\'s tenant only', async () => {
    // GIVEN two acme campaigns e-mailing one audience on the same day, and a globex campaign that day too
    const execution = new ExecutionRepository(table.doc, table.tableName);
    const timeline = (tenantId: string, campaignId: string, audience: string): TimelineRecord => ({
      campaignId,
      name: `Calendar ${campaignId}`,
      audience,
      tier: 3,
      launchDate: '2027-09-06',
      endDate: '2027-09-30',
      requestedAt: '2027-06-01T09:00:00.000Z',
      startDate: '2027-08-16',
      criticalPath: [],
      slipDays: 0,
      revision: 0,
      posts: [
        { postId: 'email-1', channel: 'EMAIL', publishDate: '2027-09-08' },
        { postId: 'email-2', channel: 'EMAIL', publishDate: '2027-10-20' },
      ],
      generatedAt: '2027-06-01T09:00:00.000Z',
    });
    await execution.saveTimeline('acme', timeline('acme', 'cmp-cal-a', 'Finance leaders'), []);
    await execution.saveTimeline('acme', timeline('acme', 'cmp-cal-b', 'Finance leaders'), []);
    await execution.saveTimeline('globex', timeline('globex', 'cmp-cal-g', 'Finance leaders'), []);
    const acme = await connect(await token('acme', ['marketers']));
    const globex = await connect(await token('globex', ['marketers']));
    const range = { from: '2027-09-01', to: '2027-09-30' };

    // WHEN acme reads its calendar and conflicts THEN it sees its two campaigns, the posts inside the range, and their clash
    const cal = (await acme.callTool({ name: 'get_calendar', arguments: range })).structuredContent as { campaigns: { campaignId: string; posts: { postId: string }[] }[] };
    expect(cal.campaigns.map((c) => c.campaignId).sort()).toEqual(['cmp-cal-a', 'cmp-cal-b']);
    expect(cal.campaigns.every((c) => c.posts.map((p) => p.postId).join() === 'email-1')).toBe(true);
    const found = (await acme.callTool({ name: 'get_conflicts', arguments: range })).structuredContent as { conflicts: { kind: string; date: string; campaignIds: string[] }[] };
    const clash = found.conflicts.find((c) => c.kind === 'AUDIENCE_CHANNEL_CLASH');
    expect(clash).toMatchObject({ date: '2027-09-08' });
    expect([...(clash?.campaignIds ?? [])].sort()).toEqual(['cmp-cal-a', 'cmp-cal-b']);

    // AND globex sees only its own campaign, with nothing to clash with
    const theirs = (await globex.callTool({ name: 'get_calendar', arguments: range })).structuredContent as { campaigns: { campaignId: string }[] };
    expect(theirs.campaigns.map((c) => c.campaignId)).toEqual(['cmp-cal-g']);
    const theirConflicts = (await globex.callTool({ name: 'get_conflicts', arguments: range })).structuredContent as { conflicts: { campaignIds: string[] }[] };
    expect(theirConflicts.conflicts.flatMap((c) => c.campaignIds).filter((id) => id.startsWith('cmp-cal-') && id !== 'cmp-cal-g')).toEqual([]);

    // AND a range that runs backwards is a JSON-RPC invalid-params error
    const backwards = await rpc(callTool('get_conflicts', { from: '2027-09-30', to: '2027-09-01' }), { authorization: `Bearer ${await token('acme', ['marketers'])}` });
    expect(backwards.status).toBe(200);
    expect(backwards.body?.error?.code).toBe(-32602);
  });
});
