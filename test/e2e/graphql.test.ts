// The GraphQL API as a frontend uses it, with standard clients: fetch for
// queries and mutations, the graphql-ws client over WebSocket for
// onCampaignUpdated, and development ID tokens from /_local/token (the claims
// a Cognito ID token carries). A campaign created by mutation is followed
// through every status to SYNCED; other tenants and anonymous callers are refused.
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { e2e, eventually } from '../support/e2e.ts';

const ctx = e2e();
const clients: Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.dispose();
});

async function tokenFor(tenant: string, sub: string, groups: string): Promise<string> {
  const response = await fetch(`${ctx.gateway}/_local/token?${new URLSearchParams({ tenant, sub, groups })}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

interface GraphqlResponse<T> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly { message: string; errorType?: string }[];
}

async function graphql<T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${ctx.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

function wsClient(token: string | undefined): Client {
  const client = createClient({
    url: `${ctx.gateway.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: token } : {},
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(client);
  return client;
}

const input = (name: string) => ({
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

const CREATE = `mutation Create($input: CreateCampaignInput!) { createCampaign(input: $input) { campaignId name status tier } }`;
const UPDATES = `subscription Updates($tenantId: ID!) { onCampaignUpdated(tenantId: $tenantId) { tenantId campaignId status revision } }`;

describe('the GraphQL API', () => {
  it('GIVEN a marketer subscribed to their tenant, WHEN they create a campaign and an approver approves it, THEN the subscription hears every status from PLANNING to SYNCED, and other tenants cannot read it', async () => {
    const tenant = `gql${randomUUID().slice(0, 8)}`;
    const marketer = await tokenFor(tenant, 'sam.taylor', 'marketers');
    const statuses: string[] = [];
    const subscriptionErrors: unknown[] = [];
    const client = wsClient(marketer);
    const unsubscribe = client.subscribe<{ onCampaignUpdated: { campaignId: string; status: string } }>(
      { query: UPDATES, variables: { tenantId: tenant } },
      { next: (message) => void (message.data ? statuses.push(message.data.onCampaignUpdated.status) : subscriptionErrors.push(message.errors)), error: (e) => subscriptionErrors.push(e), complete: () => undefined },
    );
    // The subscription is live once the server has acknowledged the connection.
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));

    const created = await graphql<{ createCampaign: { campaignId: string; status: string; tier: number } }>(marketer, CREATE, { input: input(`GraphQL campaign ${tenant}`) });
    expect(created.errors).toBeUndefined();
    const campaignId = created.data?.createCampaign.campaignId ?? '';
    expect(created.data?.createCampaign).toMatchObject({ status: 'REQUESTED', tier: 2 });

    await eventually(() => (statuses.includes('AWAITING_APPROVAL') ? true : undefined), 90_000, 'AWAITING_APPROVAL on the subscription');
    const approver = await tokenFor(tenant, 'maria.lopez', 'approvers');
    const decided = await graphql<{ decideApproval: { status: string; decision: string } }>(
      approver,
      `mutation { decideApproval(campaignId: "${campaignId}", decision: APPROVED, comment: "From the API") { status decision } }`,
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data?.decideApproval).toEqual({ status: 'DECIDED', decision: 'APPROVED' });
    await eventually(() => (statuses.includes('SYNCED') ? true : undefined), 90_000, 'SYNCED on the subscription');
    unsubscribe();
    expect(subscriptionErrors).toEqual([]);
    const order = ['PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'APPROVED', 'SYNCING', 'SYNCED'];
    expect(statuses.filter((s) => order.includes(s))).toEqual(order);

    const mine = await graphql<{ getCampaign: { status: string; workfrontProjectId: string } }>(marketer, `query { getCampaign(id: "${campaignId}") { status workfrontProjectId } }`);
    expect(mine.data?.getCampaign.status).toBe('SYNCED');
    expect(mine.data?.getCampaign.workfrontProjectId).toBeTruthy();

    // Another tenant: not found, not listed, and not allowed to subscribe to this tenant.
    const outsider = await tokenFor(`other${randomUUID().slice(0, 6)}`, 'eve', 'marketers,approvers');
    const theirs = await graphql<{ getCampaign: unknown }>(outsider, `query { getCampaign(id: "${campaignId}") { campaignId } }`);
    expect(theirs.data?.getCampaign ?? null).toBeNull();
    const listed = await graphql<{ listCampaigns: { items: { campaignId: string }[] } }>(outsider, `query { listCampaigns(limit: 50) { items { campaignId } } }`);
    expect(listed.data?.listCampaigns.items.map((c) => c.campaignId) ?? []).not.toContain(campaignId);
    const spy = wsClient(outsider);
    const refused = await new Promise<unknown>((resolve) => {
      spy.subscribe({ query: UPDATES, variables: { tenantId: tenant } }, { next: (m) => resolve(m.errors ?? m), error: resolve, complete: () => resolve('completed without data') });
    });
    expect(JSON.stringify(refused)).toMatch(/own tenant|Unauthorized/i);
  });

  it('GIVEN no token, WHEN a caller queries over HTTP or connects over WebSocket, THEN both are refused', async () => {
    const anonymous = await graphql(undefined, `query { listCampaigns { items { campaignId } } }`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.errorType).toBe('UnauthorizedException');
    const refused = await new Promise<unknown>((resolve) => {
      wsClient(undefined).subscribe({ query: UPDATES, variables: { tenantId: 'acme' } }, { next: resolve, error: resolve, complete: () => resolve('completed') });
    });
    expect(refused).toMatchObject({ code: 4403 });
  });

  it('GIVEN a marketer, WHEN createCampaign has a negative budget and an end date before launch, THEN the error names those fields and nothing is created', async () => {
    const tenant = `gqlbad${randomUUID().slice(0, 6)}`;
    const marketer = await tokenFor(tenant, 'sam.taylor', 'marketers');
    const bad = await graphql<{ createCampaign: unknown }>(marketer, CREATE, { input: { ...input('Bad input'), budget: { amount: -5, currency: 'USD' }, endDate: '2027-01-01' } });
    expect(bad.data?.createCampaign ?? null).toBeNull();
    const message = bad.errors?.map((e) => e.message).join(' ') ?? '';
    expect(bad.errors?.[0]?.errorType).toBe('ValidationError');
    expect(message).toContain('budget.amount');
    expect(message).toContain('endDate');
    const listed = await graphql<{ listCampaigns: { items: unknown[] } }>(marketer, `query { listCampaigns { items { campaignId } } }`);
    expect(listed.data?.listCampaigns.items).toEqual([]);
  });
});
