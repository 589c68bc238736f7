// The listing benchmark: 10,000 campaigns in one tenant, seeded through the
// CampaignRepository straight into the runtime's DynamoDB Local, then paged
// through with listCampaigns on the local GraphQL endpoint (the deployed
// schema, the same resolver Lambda) as a marketer with a development token.
import { performance } from 'node:perf_hooks';
import { CampaignRepository } from '../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../functions/data/dynamodb-document-client.ts';
import { parseBrief } from '../functions/domain/campaign-brief.ts';
import { newCampaign } from '../functions/domain/campaign.ts';
import { LOCAL_AWS } from '../local/dynamodb-local.ts';
import type { LocalRuntime } from '../local/runtime.ts';
import { BENCH_BRIEF } from './orchestration.ts';
import { summarize } from './stats.ts';

export interface GraphqlFigure {
  readonly items: number;
  readonly pageSize: number;
  readonly pages: number;
  readonly seedMs: number;
  readonly listP50Ms: number;
  readonly listP99Ms: number;
}

const LIST = 'query List($limit: Int, $nextToken: String) { listCampaigns(limit: $limit, nextToken: $nextToken) { items { campaignId name status tier } nextToken } }';

export async function runGraphqlList(runtime: LocalRuntime, options: { directDynamoEndpoint: string; tableName: string; tenantId: string; items: number; pageSize: number }): Promise<GraphqlFigure> {
  const graphqlUrl = runtime.urls.graphql;
  if (!graphqlUrl) throw new Error('the app has no GraphQL API');
  const doc = createDocumentClient({ endpoint: options.directDynamoEndpoint, ...LOCAL_AWS });
  const repo = new CampaignRepository(doc, options.tableName);
  const brief = parseBrief(BENCH_BRIEF);
  const base = Date.parse('2026-01-01T00:00:00Z');
  const seedStarted = performance.now();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < options.items) {
          const i = next++;
          await repo.create(newCampaign({ tenantId: options.tenantId, campaignId: `seed-${String(i).padStart(5, '0')}`, brief: { ...brief, name: `Seeded campaign ${i}` }, now: new Date(base + i * 60_000) }));
        }
      }),
    );
  } finally {
    doc.destroy();
  }
  const seedMs = performance.now() - seedStarted;

  const tokenResponse = await fetch(`${runtime.urls.token}?tenant=${encodeURIComponent(options.tenantId)}&sub=bench&groups=marketers`);
  const { token } = (await tokenResponse.json()) as { token: string };
  const samples: number[] = [];
  let items = 0;
  let nextToken: string | null = null;
  do {
    const started = performance.now();
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({ query: LIST, variables: { limit: options.pageSize, nextToken } }),
    });
    const body = (await response.json()) as { data?: { listCampaigns: { items: unknown[]; nextToken: string | null } }; errors?: { message: string }[] };
    samples.push(performance.now() - started);
    if (!body.data) throw new Error(`listCampaigns failed: ${JSON.stringify(body.errors)}`);
    items += body.data.listCampaigns.items.length;
    nextToken = body.data.listCampaigns.nextToken;
  } while (nextToken);
  const timing = summarize(samples.slice(1));
  return { items, pageSize: options.pageSize, pages: samples.length, seedMs: Math.round(seedMs), listP50Ms: timing.p50Ms, listP99Ms: timing.p99Ms };
}
