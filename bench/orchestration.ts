// The orchestration benchmark: one campaign of 20+ posts through the real
// state machine on the local runtime, with the local agent answering after a
// fixed simulated latency (LOCAL_AGENT_LATENCY_MS), timed from put-events
// until the campaign is AWAITING_APPROVAL. Also collects what the cost figure
// needs from that run: state transitions from the execution history, Lambda
// invocations and durations, DynamoDB units (through the meter), events.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CampaignRepository } from '../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../functions/data/dynamodb-document-client.ts';
import type { Campaign } from '../functions/domain/campaign.ts';
import type { Post } from '../functions/domain/post.ts';
import { BUILD_REQUESTED } from '../functions/workflow/contracts.ts';
import { LOCAL_AWS } from '../local/dynamodb-local.ts';
import type { LocalRuntime } from '../local/runtime.ts';
import type { LambdaUsage } from './cost.ts';
import type { DynamoDbMeter, DynamoDbUsage } from './dynamodb-meter.ts';
import { efficiency, idealMs } from './ideal-time.ts';

/** Tier 1 on five channels: 4 e-mails + 4 blog articles + 6 each on LinkedIn, X and Instagram = 26 posts. */
export const BENCH_BRIEF = {
  name: 'Benchmark launch',
  type: 'PRODUCT_LAUNCH',
  objective: 'Measure how fast MCC builds a large campaign',
  audience: 'Operations leaders at mid-size manufacturers',
  budget: { amount: 120_000, currency: 'EUR' },
  channels: ['EMAIL', 'BLOG', 'LINKEDIN', 'X', 'INSTAGRAM'],
  launchDate: '2027-06-01',
  endDate: '2027-07-15',
  approvers: ['vp@example.com'],
  requestedBy: 'pm@example.com',
};

export interface OrchestrationFigure {
  readonly posts: number;
  readonly concurrency: number;
  readonly modelLatencyMs: number;
  /** The measured (warm) run: put-events → AWAITING_APPROVAL. */
  readonly wallMs: number;
  /** The same campaign on cold functions (the first run), for comparison. */
  readonly coldWallMs: number;
  /** Plan latency + ceil(posts / concurrency) × post latency; no allowance for non-model states (see overheadMs). */
  readonly idealMs: number;
  readonly efficiency: number;
  /** wallMs − idealMs: Save, Plan's and each post's reads and writes, the Map, RequestApproval, polling granularity (25 ms). */
  readonly overheadMs: number;
}

export interface RunUsage {
  readonly stateTransitions: number;
  readonly lambda: readonly (LambdaUsage & { readonly name: string })[];
  readonly dynamoDb: DynamoDbUsage;
  readonly eventBridgeEvents: number;
  readonly campaign: Campaign;
  readonly posts: readonly Post[];
}

/** The Map's MaxConcurrency, read from the synthesized definition. */
export function mapConcurrency(definition: unknown): number {
  let found: number | undefined;
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object' || found !== undefined) return;
    const n = node as Record<string, unknown>;
    if (n.Type === 'Map' && typeof n.MaxConcurrency === 'number') found = n.MaxConcurrency;
    for (const value of Object.values(n)) visit(value);
  };
  visit(definition);
  return found ?? 0;
}

/** Times every Lambda invocation the runtime makes (bench only): the local round trip, cold starts included, as Lambda now bills init too. */
function meterLambda(runtime: LocalRuntime): { usage(): Map<string, { invocations: number; totalDurationMs: number }>; reset(): void } {
  let byFunction = new Map<string, { invocations: number; totalDurationMs: number }>();
  const original = runtime.lambda.invoke.bind(runtime.lambda);
  runtime.lambda.invoke = async (nameOrArn, event) => {
    const started = performance.now();
    try {
      return await original(nameOrArn, event);
    } finally {
      const name = runtime.lambda.find(nameOrArn)?.name ?? nameOrArn;
      const entry = byFunction.get(name) ?? { invocations: 0, totalDurationMs: 0 };
      entry.invocations += 1;
      entry.totalDurationMs += performance.now() - started;
      byFunction.set(name, entry);
    }
  };
  return { usage: () => byFunction, reset: () => (byFunction = new Map()) };
}

export async function runOrchestration(
  runtime: LocalRuntime,
  meter: DynamoDbMeter,
  options: { directDynamoEndpoint: string; modelLatencyMs: number; tenantId: string },
): Promise<{ figure: OrchestrationFigure; usage: RunUsage }> {
  const save = runtime.model.functions.find((f) => f.environment.POWERTOOLS_SERVICE_NAME === 'save-campaign');
  const machine = runtime.model.stateMachines[0];
  if (!save || !machine) throw new Error('the synthesized app has no save-campaign function or state machine');
  const busName = save.environment.EVENT_BUS_NAME ?? 'mcc-dev';
  const tableName = save.environment.TABLE_NAME ?? '';
  const events = new EventBridgeClient({ endpoint: runtime.urls.gateway, ...LOCAL_AWS });
  // Polling goes straight to DynamoDB Local, not through the meter: it is the benchmark's, not the app's.
  const doc = createDocumentClient({ endpoint: options.directDynamoEndpoint, ...LOCAL_AWS });
  const repo = new CampaignRepository(doc, tableName);
  const lambda = meterLambda(runtime);
  let eventCount = 0;
  const unsubscribe = runtime.eventBus.subscribe(() => (eventCount += 1));

  const build = async (campaignId: string): Promise<{ wallMs: number; executionArn: string }> => {
    const started = performance.now();
    const out = await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: busName, Source: BUILD_REQUESTED.source, DetailType: BUILD_REQUESTED.detailType, Detail: JSON.stringify({ tenantId: options.tenantId, campaignId, brief: BENCH_BRIEF }) }],
      }),
    );
    if (out.FailedEntryCount) throw new Error(`put-events failed: ${JSON.stringify(out.Entries)}`);
    const eventId = out.Entries?.[0]?.EventId;
    for (;;) {
      const campaign = await repo.get(options.tenantId, campaignId);
      if (campaign?.status === 'AWAITING_APPROVAL') break;
      if (campaign?.status === 'FAILED') throw new Error(`benchmark campaign ${campaignId} FAILED: ${campaign.statusReason ?? ''}`);
      if (performance.now() - started > 120_000) throw new Error(`benchmark campaign ${campaignId} did not reach AWAITING_APPROVAL in 2 minutes (${campaign?.status})`);
      await sleep(25);
    }
    const wallMs = performance.now() - started;
    const execution = runtime.stepFunctions.executions(machine.arn).find((r) => (JSON.parse(r.input) as { eventId?: string }).eventId === eventId);
    if (!execution) throw new Error('no execution for the benchmark event');
    // Let RequestApproval's invocation, its e-mail and Campaign Updated events finish before counting.
    for (let i = 0; i < 200 && !execution.events.some((e) => e.type === 'TaskSubmitted' || e.type === 'TaskStarted'); i++) await sleep(25);
    await sleep(500);
    await runtime.eventBus.idle();
    return { wallMs, executionArn: execution.executionArn };
  };

  try {
    const cold = await build(`bench-cold-${Date.now()}`);
    lambda.reset();
    meter.reset();
    eventCount = 0;
    const campaignId = `bench-warm-${Date.now()}`;
    const warm = await build(campaignId);
    const record = runtime.stepFunctions.execution(warm.executionArn);
    const campaign = await repo.require(options.tenantId, campaignId);
    const posts = await repo.listPosts(options.tenantId, campaignId);
    const concurrency = mapConcurrency(machine.definition);
    const ideal = idealMs({ posts: posts.length, concurrency, modelLatencyMs: options.modelLatencyMs });
    const figure: OrchestrationFigure = {
      posts: posts.length,
      concurrency,
      modelLatencyMs: options.modelLatencyMs,
      wallMs: Math.round(warm.wallMs),
      coldWallMs: Math.round(cold.wallMs),
      idealMs: ideal,
      efficiency: efficiency(ideal, warm.wallMs),
      overheadMs: Math.round(warm.wallMs - ideal),
    };
    const memoryOf = (name: string) => runtime.model.functions.find((f) => f.name === name)?.memoryMb ?? 128;
    const usage: RunUsage = {
      // Step Functions bills each state entered (Map iterations' states included) as a transition.
      stateTransitions: record.events.filter((e) => e.type.endsWith('StateEntered')).length,
      lambda: [...lambda.usage()].map(([name, u]) => ({ name, ...u, memoryMb: memoryOf(name) })),
      dynamoDb: meter.usage(),
      eventBridgeEvents: eventCount,
      campaign,
      posts,
    };
    return { figure, usage };
  } finally {
    unsubscribe();
    events.destroy();
    doc.destroy();
  }
}
