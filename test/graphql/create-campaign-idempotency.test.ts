// createCampaign with a clientRequestId: a retried call returns the campaign
// the first one created instead of building a second, through the
// de-duplication store on DynamoDB Local and a recording EventBridge endpoint.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeBuildRequests } from '../../functions/adapters/eventbridge-build-requests.ts';
import { DeduplicationStore } from '../../functions/data/deduplication-store.ts';
import { CLIENT_REQUEST_TTL_SECONDS, createCampaign } from '../../functions/use-cases/create-campaign.ts';
import { campaignIn } from '../support/campaign-in-status.ts';
import { aBrief, NOW } from '../support/fixtures.ts';
import { appsyncEvent, BUS, cognito, startHarness, type Harness } from './resolver-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.events.close());

function createInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { audience, ...brief } = aBrief();
  return { ...brief, targetAudience: audience, ...overrides };
}

const create = (tenantId: string, input: Record<string, unknown>) =>
  h.resolve(appsyncEvent('Mutation', 'createCampaign', { input }, cognito({ tenantId }))) as Promise<{ campaignId: string; status: string }>;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a rejection');
}

/** The campaign IDs of the build requests EventBridge accepted since `from`, for one tenant. */
function requested(tenantId: string, from = 0): string[] {
  return h.events.entries
    .slice(from)
    .map((e) => JSON.parse(e.Detail) as { tenantId: string; campaignId: string })
    .filter((d) => d.tenantId === tenantId)
    .map((d) => d.campaignId);
}

describe('createCampaign clientRequestId', () => {
  it('returns the same campaign for the same key and requests its build once', async () => {
    const first = await create('idem-a', createInput({ clientRequestId: 'req-1' }));
    const again = await create('idem-a', createInput({ clientRequestId: 'req-1' }));
    expect(again.campaignId).toBe(first.campaignId);
    expect(requested('idem-a')).toEqual([first.campaignId]);
  });

  it('keeps one campaign per distinct key whatever the order and number of retries', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('k1', 'k2', 'k3'), { minLength: 1, maxLength: 8 }), async (keys) => {
        const tenantId = `idem-p${(run += 1)}`;
        const ids = new Map<string, Set<string>>();
        for (const key of keys) {
          const { campaignId } = await create(tenantId, createInput({ clientRequestId: key }));
          ids.set(key, (ids.get(key) ?? new Set()).add(campaignId));
        }
        for (const set of ids.values()) expect(set.size).toBe(1);
        expect(requested(tenantId).sort()).toEqual([...ids.values()].flatMap((s) => [...s]).sort());
      }),
      { numRuns: 8 },
    );
  });

  it('builds a new campaign for each call without a key, as before', async () => {
    const a = await create('idem-none', createInput());
    const b = await create('idem-none', createInput());
    expect(a.campaignId).not.toBe(b.campaignId);
  });

  it('scopes keys to the caller’s tenant', async () => {
    const acme = await create('idem-t1', createInput({ clientRequestId: 'shared' }));
    const globex = await create('idem-t2', createInput({ clientRequestId: 'shared' }));
    expect(globex.campaignId).not.toBe(acme.campaignId);
    expect(requested('idem-t2')).toEqual([globex.campaignId]);
  });

  it('refuses the key for a different brief with a Conflict, and requests nothing', async () => {
    await create('idem-c', createInput({ clientRequestId: 'req-c' }));
    const before = h.events.entries.length;
    const error = await rejection(create('idem-c', createInput({ clientRequestId: 'req-c', name: 'Another campaign entirely' })));
    expect(error.name).toBe('Conflict');
    expect(error.message).toContain('req-c');
    expect(h.events.entries.length).toBe(before);
  });

  it('answers a repeat with the campaign as stored once Save has run', async () => {
    const first = await create('idem-s', createInput({ clientRequestId: 'req-s' }));
    await campaignIn(h.campaigns, 'GENERATING', { tenantId: 'idem-s', campaignId: first.campaignId });
    const again = await create('idem-s', createInput({ clientRequestId: 'req-s' }));
    expect(again).toMatchObject({ campaignId: first.campaignId, status: 'GENERATING' });
  });

  it('gives the key back when the build request was refused, so the retry builds the campaign once', async () => {
    h.events.aws.putEventsRefusals = 1;
    const from = h.events.entries.length;
    const refused = await rejection(create('idem-r', createInput({ clientRequestId: 'req-r' })));
    expect(refused.name).toBe('DependencyUnavailable');
    const retried = await create('idem-r', createInput({ clientRequestId: 'req-r' }));
    const again = await create('idem-r', createInput({ clientRequestId: 'req-r' }));
    expect(again.campaignId).toBe(retried.campaignId);
    // Two requests reached EventBridge (the refused one and the retry); the retry's is the campaign returned.
    expect(requested('idem-r', from)).toHaveLength(2);
    expect(requested('idem-r', from).at(-1)).toBe(retried.campaignId);
  });

  it('frees the key after 24 hours', async () => {
    const deps = { builds: new EventBridgeBuildRequests(h.events.client, BUS), deduplication: new DeduplicationStore(h.table.doc, h.table.tableName), campaigns: h.campaigns };
    const request = { tenantId: 'idem-ttl', input: createInput({ clientRequestId: 'req-ttl', requestedBy: 'sam.taylor@example.com' }) };
    const first = await createCampaign(deps, { ...request, now: NOW });
    const withinDay = await createCampaign(deps, { ...request, now: new Date(NOW.getTime() + (CLIENT_REQUEST_TTL_SECONDS - 1) * 1000) });
    const nextDay = await createCampaign(deps, { ...request, now: new Date(NOW.getTime() + (CLIENT_REQUEST_TTL_SECONDS + 1) * 1000) });
    expect(withinDay.campaignId).toBe(first.campaignId);
    expect(nextDay.campaignId).not.toBe(first.campaignId);
  });

  it('refuses a malformed key with a ValidationError naming clientRequestId, and requests nothing', async () => {
    const before = h.events.entries.length;
    const error = await rejection(create('idem-v', createInput({ clientRequestId: 'has spaces #1' })));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('clientRequestId');
    expect(h.events.entries.length).toBe(before);
  });
});
