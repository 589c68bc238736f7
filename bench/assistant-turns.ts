// The assistant benchmark: chat turns over the local GraphQL endpoint (the
// deployed schema, the same resolver Lambda with the local assistant) as a
// marketer would send them — knowledge questions, a creation across turns up
// to the proposal, status questions — one at a time after a warm-up turn.
// Reports p50 / p95 / p99 per turn; the target is p95 ≤ 150 ms locally.
import { performance } from 'node:perf_hooks';
import type { LocalRuntime } from '../local/runtime.ts';
import { mergeResults } from './results-file.ts';
import { runWhenMain, withStandaloneRuntime } from './standalone.ts';

export interface AssistantTurnFigure {
  readonly turns: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const SEND = 'mutation Send($conversationId: ID, $message: String!) { sendAgentMessage(conversationId: $conversationId, message: $message) { conversationId message { content } pendingAction { actionId } } }';

/** One conversation's script; each round starts a new conversation. */
const SCRIPT = [
  'What are the steps for launching an email campaign?',
  'How much lead time does a Tier 2 campaign need?',
  'Create a new email campaign for SMB customers to promote Q1 offers',
  'Call it "SMB Q1 offers", budget $20,000, launching March 1, 2027 and ending March 29, 2027. The approver is maria.lopez@example.com',
  'make it $40k',
  'What is the status of the SMB Q1 offers campaign?',
];

export async function runAssistantTurns(runtime: LocalRuntime, options: { tenantId: string; rounds: number }): Promise<AssistantTurnFigure> {
  const graphqlUrl = runtime.urls.graphql;
  if (!graphqlUrl) throw new Error('the app has no GraphQL API');
  const tokenResponse = await fetch(`${runtime.urls.token}?tenant=${encodeURIComponent(options.tenantId)}&sub=bench&groups=marketers`);
  const { token } = (await tokenResponse.json()) as { token: string };
  const send = async (message: string, conversationId?: string) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEND, variables: { message, ...(conversationId ? { conversationId } : {}) } }),
    });
    const body = (await response.json()) as { data?: { sendAgentMessage?: { conversationId: string } }; errors?: unknown[] };
    if (body.errors || !body.data?.sendAgentMessage) throw new Error(`sendAgentMessage failed: ${JSON.stringify(body.errors)}`);
    return body.data.sendAgentMessage.conversationId;
  };
  // Warm-up: the resolver's cold start and the first knowledge index build are not chat turns.
  await send('hello');
  const samples: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    let conversationId: string | undefined;
    for (const message of SCRIPT) {
      const started = performance.now();
      conversationId = await send(message, conversationId);
      samples.push(performance.now() - started);
      if (process.env.MCC_BENCH_VERBOSE) console.log(`${Math.round(performance.now() - started)} ms  ${message.slice(0, 50)}`);
    }
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { turns: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10 };
}

// Alone: `npm exec -- node bench/assistant-turns.ts` (merges `assistantTurns` into results.json).
runWhenMain(import.meta, () =>
  withStandaloneRuntime('assistant', async (runtime) => {
    const assistantTurns = await runAssistantTurns(runtime, { tenantId: 'bench-assistant', rounds: 20 });
    mergeResults({ assistantTurns });
    console.table({ assistantTurns });
  }),
);
