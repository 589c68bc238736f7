// The orchestration benchmark's yardstick: how long a campaign build would
// take if only the model's latency counted — the plan call, then the posts in
// waves of the Map's concurrency — plus a fixed allowance for the states that
// do no model work (Save, the Map's set-up, RequestApproval).
export interface IdealTimeInput {
  readonly posts: number;
  readonly concurrency: number;
  /** Simulated latency of one model call (the plan, or one post). */
  readonly modelLatencyMs: number;
  /** Time allowed for the non-model states; 0 = the pure model-bound lower bound. */
  readonly stateOverheadMs?: number;
}

export function idealMs({ posts, concurrency, modelLatencyMs, stateOverheadMs = 0 }: IdealTimeInput): number {
  if (!Number.isInteger(posts) || posts < 0) throw new RangeError(`posts must be a whole number ≥ 0, got ${posts}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  return modelLatencyMs + Math.ceil(posts / concurrency) * modelLatencyMs + stateOverheadMs;
}

/** Ideal ÷ measured: 1 means no time lost to orchestration; rounded to 3 places. */
export function efficiency(ideal: number, wallMs: number): number {
  return wallMs > 0 ? Math.round((ideal / wallMs) * 1000) / 1000 : 0;
}
