// MCC as an MCP server, as an MCP client uses it: the SDK's own Client over
// StreamableHTTPClientTransport against the local runtime's POST /mcp (the
// same Lambda bundle that deploys, behind the gateway's HTTP API routes), with
// development ID tokens from /_local/token. A campaign is previewed (nothing
// created), created, read as a resource, approved by an approver, and then
// builds and syncs like any other; other tenants and anonymous callers get
// nothing.
import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, describe, expect, it } from 'vitest';
import { campaignInStatus, campaigns, e2e } from '../support/e2e.ts';

const ctx = e2e();
const store = campaigns(ctx);
const clients: Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
  store.close();
});

async function tokenFor(tenant: string, sub: string, groups: string): Promise<string> {
  const response = await fetch(`${ctx.gateway}/_local/token?${new URLSearchParams({ tenant, sub, groups })}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'mcc-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${ctx.gateway}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  clients.push(client);
  return client;
}

const brief = (name: string) => ({
  name,
  type: 'WEBINAR',
  objective: 'Generate 400 qualified registrations from mid-market finance teams for the analytics webinar series',
  targetAudience: 'Finance leaders at companies with 200-2,000 employees',
  budget: { amount: 30000, currency: 'USD' },
  channels: ['EMAIL', 'LINKEDIN'],
  launchDate: '2027-06-01',
  endDate: '2027-07-31',
  approvers: ['maria.lopez@example.com'],
});

describe('the MCP server', () => {
  it('GIVEN a marketer and an approver with MCP clients, WHEN the marketer previews, then creates a campaign and the approver approves it, THEN it builds and syncs to Workfront, and another tenant sees none of it', async () => {
    const tenant = `mcp${randomUUID().slice(0, 8)}`;
    const marketer = await connect(await tokenFor(tenant, 'sam.taylor', 'marketers'));
    const names = (await marketer.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['search_playbooks', 'classify_campaign', 'create_campaign', 'get_campaign', 'list_campaigns', 'decide_approval', 'get_workfront_status']));

    const preview = await marketer.callTool({ name: 'create_campaign', arguments: brief(`MCP campaign ${tenant}`) });
    expect(preview.structuredContent).toMatchObject({ created: false, campaign: { tier: 2, approvalLevel: 'DIRECTOR' } });
    const none = await marketer.callTool({ name: 'list_campaigns', arguments: {} });
    expect((none.structuredContent as { items: unknown[] }).items).toEqual([]);

    const created = await marketer.callTool({ name: 'create_campaign', arguments: { ...brief(`MCP campaign ${tenant}`), confirm: true } });
    const { campaign, uri } = created.structuredContent as { campaign: { campaignId: string; status: string }; uri: string };
    expect(campaign.status).toBe('REQUESTED');
    const { campaignId } = campaign;
    expect(uri).toBe(`mcc://campaigns/${campaignId}`);

    await campaignInStatus(store.repository, tenant, campaignId, 'AWAITING_APPROVAL');
    const resource = await marketer.readResource({ uri });
    const read = JSON.parse(String((resource.contents[0] as { text: string }).text)) as { status: string; posts: unknown[]; approval: { status: string } };
    expect(read).toMatchObject({ status: 'AWAITING_APPROVAL', approval: { status: 'PENDING' } });
    expect(read.posts.length).toBeGreaterThan(0);

    // A marketer may not decide; an approver of another tenant finds nothing; neither changes anything.
    const refused = await marketer.callTool({ name: 'decide_approval', arguments: { campaignId, decision: 'APPROVED' } });
    expect(refused).toMatchObject({ isError: true, structuredContent: { error: { code: 'Unauthorized' } } });
    const outsider = await connect(await tokenFor(`other${randomUUID().slice(0, 6)}`, 'maria.lopez', 'marketers,approvers'));
    expect(await outsider.callTool({ name: 'decide_approval', arguments: { campaignId, decision: 'APPROVED' } })).toMatchObject({ isError: true, structuredContent: { error: { code: 'NotFound' } } });
    expect(await outsider.callTool({ name: 'get_campaign', arguments: { campaignId } })).toMatchObject({ isError: true });
    expect(((await outsider.callTool({ name: 'list_campaigns', arguments: {} })).structuredContent as { items: unknown[] }).items).toEqual([]);
    await expect(outsider.readResource({ uri })).rejects.toMatchObject({ code: -32002 });
    expect((await store.repository.get(tenant, campaignId))?.status).toBe('AWAITING_APPROVAL');

    const approver = await connect(await tokenFor(tenant, 'maria.lopez', 'approvers'));
    const decided = await approver.callTool({ name: 'decide_approval', arguments: { campaignId, decision: 'APPROVED', comment: 'From my assistant' } });
    expect(decided.structuredContent).toMatchObject({ approval: { status: 'DECIDED', decision: 'APPROVED' } });

    const synced = await campaignInStatus(store.repository, tenant, campaignId, 'SYNCED');
    expect(synced.workfrontProjectId).toBeTruthy();
    const status = await marketer.callTool({ name: 'get_workfront_status', arguments: { campaignId } });
    expect(status.structuredContent).toMatchObject({ project: { projectId: synced.workfrontProjectId } });
    await expect(outsider.callTool({ name: 'get_workfront_status', arguments: { campaignId } })).resolves.toMatchObject({ isError: true });
  });

  it('GIVEN no token, WHEN a client posts to /mcp, THEN it gets 401 with the protected-resource metadata, which names the endpoint', async () => {
    const response = await fetch(`${ctx.gateway}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1];
    expect(metadataUrl).toBe(`${ctx.gateway}/.well-known/oauth-protected-resource/mcp`);
    const metadata = (await (await fetch(metadataUrl ?? '')).json()) as { resource: string };
    expect(metadata.resource).toBe(`${ctx.gateway}/mcp`);
    expect((await fetch(`${ctx.gateway}/mcp`, { method: 'GET' })).status).toBe(405);
  });
});
