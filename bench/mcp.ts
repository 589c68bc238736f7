// The MCP benchmark (issue 18): 20 MCP clients at once — the SDK's Client over
// StreamableHTTPClientTransport, each with its own development token — call
// tools/call list_campaigns (a page of 20 of 200 seeded campaigns) against the
// local runtime's POST /mcp: the deployed bundle behind the gateway's HTTP API
// routes, a fresh server and transport per request. Reports the latency of
// each call as the client sees it. `npm exec -- node bench/mcp.ts` runs it alone on its
// own runtime and merges the `mcp` key into bench/results.json.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CampaignRepository } from '../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../functions/data/dynamodb-document-client.ts';
import { parseBrief } from '../functions/domain/campaign-brief.ts';
import { newCampaign } from '../functions/domain/campaign.ts';
import { LOCAL_AWS } from '../local/dynamodb-local.ts';
import type { LocalRuntime } from '../local/runtime.ts';
import { BENCH_BRIEF } from './orchestration.ts';
import { mergeResults } from './results-file.ts';
import { runWhenMain, withStandaloneRuntime } from './standalone.ts';
import { summarize } from './stats.ts';

export interface McpFigure {
  readonly clients: number;
  readonly callsPerClient: number;
  readonly campaigns: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /** Calls that answered with a JSON-RPC or tool error (or timed out): every one should succeed. */
  readonly errors: number;
  /** One client alone, warm: the server's own cost per call, without queueing. */
  readonly singleClientP50Ms: number;
  /** 1-minute load average when the measurement ended (a shared 2-core machine: context for the p99). */
  readonly loadAverage: number;
}

export async function runMcp(
  runtime: LocalRuntime,
  options: { directDynamoEndpoint: string; tableName: string; tenantId: string; clients: number; callsPerClient: number; campaigns: number },
): Promise<McpFigure> {
  const doc = createDocumentClient({ endpoint: options.directDynamoEndpoint, ...LOCAL_AWS });
  const repo = new CampaignRepository(doc, options.tableName);
  const brief = parseBrief(BENCH_BRIEF);
  const base = Date.parse('2026-01-01T00:00:00Z');
  try {
    for (let i = 0; i < options.campaigns; i++) {
      await repo.create(newCampaign({ tenantId: options.tenantId, campaignId: `mcp-${String(i).padStart(4, '0')}`, brief: { ...brief, name: `MCP campaign ${i}` }, now: new Date(base + i * 60_000) }));
    }
  } finally {
    doc.destroy();
  }

  const clients: Client[] = [];
  for (let i = 0; i < options.clients; i++) {
    const response = await fetch(`${runtime.urls.token}?tenant=${encodeURIComponent(options.tenantId)}&sub=bench-${i}&groups=marketers`);
    const { token } = (await response.json()) as { token: string };
    const client = new Client({ name: `bench-${i}`, version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${runtime.urls.gateway}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    clients.push(client);
  }
  const call = async (client: Client) => {
    const started = performance.now();
    const failed = await client.callTool({ name: 'list_campaigns', arguments: { limit: 20 } }).then(
      (result) => result.isError === true || (result.structuredContent as { items?: unknown[] } | undefined)?.items?.length !== 20,
      () => true,
    );
    return { ms: performance.now() - started, failed };
  };
  try {
    // Warm the pool up to 20 workers a few at a time (20 cold starts at once on two shared cores would
    // measure the machine, not the server; Lambda starts them on separate hosts), then measure.
    for (let n = 2; n <= clients.length; n = Math.min(clients.length, n + 3)) {
      await Promise.all(clients.slice(0, n).map((c) => call(c)));
      if (n === clients.length) break;
    }
    const single: number[] = [];
    for (let i = 0; i < 50; i++) single.push((await call(clients[0] as Client)).ms);
    const samples: { ms: number; failed: boolean }[] = [];
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        for (let i = 0; i < options.callsPerClient; i++) samples.push(await call(client));
      }),
    );
    const elapsed = performance.now() - started;
    const timing = summarize(samples.map((s) => s.ms));
    return {
      clients: options.clients,
      callsPerClient: options.callsPerClient,
      campaigns: options.campaigns,
      rps: Math.round((samples.length / elapsed) * 1000 * 10) / 10,
      p50Ms: Math.round(timing.p50Ms * 10) / 10,
      p99Ms: Math.round(timing.p99Ms * 10) / 10,
      meanMs: Math.round(timing.meanMs * 10) / 10,
      errors: samples.filter((s) => s.failed).length,
      singleClientP50Ms: Math.round(summarize(single).p50Ms * 10) / 10,
      loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

export const MCP_BENCH = { tenantId: 'bench-mcp', clients: 20, callsPerClient: 25, campaigns: 200 } as const;

runWhenMain(import.meta, () =>
  withStandaloneRuntime('mcp', async (runtime, dynamoEndpoint) => {
    const mcp = await runMcp(runtime, { directDynamoEndpoint: dynamoEndpoint, tableName: runtime.model.tables[0]?.name ?? '', ...MCP_BENCH });
    mergeResults({ mcp });
    console.table({ mcp });
  }),
);
