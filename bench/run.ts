// `npm run bench`: MCC's figures side by side in one run (these machines are
// noisy: compare within a run, not across runs). Synthesizes the app when
// cdk.out is stale, starts the local runtime over it on free ports with a
// temporary data directory and a metered DynamoDB Local, then measures Lambda
// bundles, a 26-post campaign build, the Workfront webhook, GraphQL listing
// and the cost of one campaign. Writes bench/results.json and prints tables.
// Figures, not pass/fail; not part of `npm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadLocalConfig } from '../local/config.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/free-port.ts';
import { startLocalRuntime, type LocalRuntime } from '../local/runtime.ts';
import { synthesize, synthReason } from '../local/synth.ts';
import { runAssistantTurns } from './assistant-turns.ts';
import { measureColdInit } from './cold-init.ts';
import { campaignCost, gbSeconds } from './cost.ts';
import { startDynamoDbMeter } from './dynamodb-meter.ts';
import { ensureConsoleBuilt } from '../lib/console-build.ts';
import { runConsole } from './console.ts';
import { runGraphqlList } from './graphql-list.ts';
import { estimateCampaignTokens } from './model-tokens.ts';
import { runOrchestration } from './orchestration.ts';
import { runReliability } from './reliability.ts';
import { runWebhook } from './webhook.ts';
import { runNotifications } from './notifications.ts';
import { MCP_BENCH, runMcp } from './mcp.ts';
import { mergeResults } from './results-file.ts';
import { runExecutionBench } from './execution.ts';

const projectDir = resolve(import.meta.dirname, '..');
/** Simulated model latency per planner/writer call: roughly a short Claude Sonnet answer. */
const MODEL_LATENCY_MS = 1_000;
const WEBHOOK_SECRET = 'bench-webhook-token-secret-0123456789';

const step = (message: string) => console.log(`[bench] ${message}`);
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

async function main(): Promise<void> {
  const config = loadLocalConfig(process.env, projectDir);
  const outDir = join(projectDir, 'cdk.out');
  const reason = synthReason(projectDir, outDir, config.cdkContext);
  if (reason) {
    step(`synthesizing the CDK app (${reason})…`);
    await synthesize(projectDir, outDir, config.cdkContext, step);
  }

  const distDir = ensureConsoleBuilt(step);
  const dataDir = mkdtempSync(join(tmpdir(), 'mcc-bench-'));
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const meter = await startDynamoDbMeter(dynamo.endpoint);
  const functionLines: string[] = [];
  let runtime: LocalRuntime | undefined;
  try {
    step('starting the local runtime…');
    runtime = await startLocalRuntime({
      cloudAssemblyDir: outDir,
      dataDir,
      port: 0,
      s3Port: 0,
      dynamodb: { endpoint: meter.endpoint },
      workfrontWebhookToken: WEBHOOK_SECRET,
      environment: { LOCAL_AGENT_LATENCY_MS: String(MODEL_LATENCY_MS), POWERTOOLS_LOG_LEVEL: 'WARN' },
      log: () => undefined,
      functionLog: (fn, line) => {
        functionLines.push(`[${fn}] ${line}`);
        if (functionLines.length > 200) functionLines.shift();
      },
    });
    const tableName = runtime.model.tables[0]?.name ?? '';

    step('cold init of each Lambda bundle (a fresh node process each)…');
    const lambdaBundles = await measureColdInit(runtime);

    step(`orchestration: a 26-post campaign with ${MODEL_LATENCY_MS} ms per model call (a cold run, then the measured warm run)…`);
    const { figure: orchestration, usage } = await runOrchestration(runtime, meter, { directDynamoEndpoint: dynamo.endpoint, modelLatencyMs: MODEL_LATENCY_MS, tenantId: 'bench' });

    const tokens = await estimateCampaignTokens(usage.campaign, usage.posts);
    const cost = campaignCost({
      stateTransitions: usage.stateTransitions,
      lambda: usage.lambda,
      dynamoDbReadUnits: usage.dynamoDb.readUnits,
      dynamoDbWriteUnits: usage.dynamoDb.writeUnits,
      eventBridgeEvents: usage.eventBridgeEvents,
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
    });

    step('webhook: 1,000 signed Workfront deliveries, 20 at a time…');
    const webhook = await runWebhook(runtime, { secret: WEBHOOK_SECRET, tenantId: 'bench-webhook', requests: 1_000, concurrency: 20 });

    step('graphql: seeding 10,000 campaigns, then paging listCampaigns 100 at a time…');
    const graphql = await runGraphqlList(runtime, { directDynamoEndpoint: dynamo.endpoint, tableName, tenantId: 'bench-list', items: 10_000, pageSize: 100 });

    // The campaign assistant (issue 13): chat turns over GraphQL.
    step('assistant: 20 scripted conversations of 6 chat turns over GraphQL…');
    const assistantTurns = await runAssistantTurns(runtime, { tenantId: 'bench-assistant', rounds: 20 });
    // --- web console (issue 14) ---
    step('console: initial JS+CSS gzipped; the Campaigns table painted for a tenant with 1,000 campaigns in Chromium…');
    const consoleFigure = await runConsole(runtime, { distDir, directDynamoEndpoint: dynamo.endpoint, tableName, tenantId: 'bench-console' });

    // --- MCP server (issue 18) ---
    step('mcp: 20 MCP clients calling tools/call list_campaigns at once…');
    const mcp = await runMcp(runtime, { directDynamoEndpoint: dynamo.endpoint, tableName, ...MCP_BENCH });
    // execution (issue 15): the planning and conflict rules at scale.
    step('execution: timeline + assignment of 1,000+ tasks for a team of 100; conflicts over 1,000 campaigns…');
    const execution = runExecutionBench();

    // --- reliability (issue 21) ---
    step('reliability: 50 campaign builds at once on a fresh runtime (peak RSS, time to the last AWAITING_APPROVAL)…');
    const reliability = await runReliability({ cloudAssemblyDir: outDir, dynamoEndpoint: dynamo.endpoint, log: step });
    // --- end reliability ---
    // notifications (issue 17)
    step('notifications: 1,000 approval reminders due at one instant, Scheduler → Lambda → SES outbox…');
    const notifications = await runNotifications(runtime, { directDynamoEndpoint: dynamo.endpoint, tableName, tenantId: 'bench-notify', count: 1_000 });

    const results = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      /** 1-minute load average of this (shared) machine when the run ended: context for noisy figures. */
      loadAverage: round(loadavg()[0] ?? 0, 1),
      lambdaBundles,
      orchestration,
      webhook,
      graphql,
      assistantTurns,
      mcp,
      reliability: { measuredAt: new Date().toISOString(), ...reliability },
      notifications,
      console: consoleFigure,
      execution,
      costPerCampaignUsd: {
        infra: round(cost.infra, 6),
        model: round(cost.model, 6),
        total: round(cost.total, 6),
        breakdown: Object.fromEntries(Object.entries(cost.breakdown).map(([k, v]) => [k, round(v, 7)])),
        scope: 'one campaign from put-events to AWAITING_APPROVAL (warm run); approval, Workfront sync, SES, HTTP API and CloudWatch not included',
        usage: {
          stateTransitions: usage.stateTransitions,
          lambda: usage.lambda.map((u) => ({ name: u.name, invocations: u.invocations, meanMs: round(u.totalDurationMs / Math.max(1, u.invocations), 1), memoryMb: u.memoryMb, gbSeconds: round(gbSeconds(u), 3) })),
          dynamoDb: usage.dynamoDb,
          eventBridgeEvents: usage.eventBridgeEvents,
          model: tokens,
        },
      },
    };
    // Merge: keys other tools write (`npm run eval` writes `assistant`) survive a bench run.
    mergeResults(results);

    console.log('\nLambda bundles (cold init = fresh node: import + first call with a minimal event)');
    console.table(lambdaBundles.map((b) => ({ name: b.name, kB: round(b.bytes / 1024, 1), coldInitMs: b.coldInitMs, firstCall: b.firstCall })));
    console.log('Orchestration, webhook, GraphQL');
    console.table({
      orchestration: { ...orchestration },
      webhook: { requests: webhook.requests, concurrency: webhook.concurrency, rps: webhook.rps, p50Ms: webhook.p50Ms, p99Ms: webhook.p99Ms, statuses: JSON.stringify(webhook.statuses) },
      graphql: { ...graphql },
      assistantTurns: { ...assistantTurns },
      notifications: { ...notifications, scope: undefined },
      mcp: { ...mcp },
      console: { ...consoleFigure },
    });
    console.log('Cost per campaign (USD)');
    console.table({ ...results.costPerCampaignUsd.breakdown, infra: results.costPerCampaignUsd.infra, model: results.costPerCampaignUsd.model, total: results.costPerCampaignUsd.total });
    console.log(`Usage: ${usage.stateTransitions} state transitions, ${usage.lambda.reduce((s, u) => s + u.invocations, 0)} Lambda invocations, ` +
      `${usage.dynamoDb.readUnits} RRU / ${usage.dynamoDb.writeUnits} WRU in ${usage.dynamoDb.readRequests + usage.dynamoDb.writeRequests} requests, ` +
      `${usage.eventBridgeEvents} events, ~${tokens.inputTokens} input / ~${tokens.outputTokens} output tokens in ${tokens.calls} model calls`);
    console.log('Written to bench/results.json');
  } catch (error) {
    console.error(functionLines.slice(-40).join('\n'));
    throw error;
  } finally {
    step('stopping…');
    await runtime?.stop();
    await meter.stop();
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  // Keep-alive sockets to the stopped servers must not hold the process open.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
