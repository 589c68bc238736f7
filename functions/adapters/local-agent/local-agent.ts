// The local agent (AGENT_PROVIDER=local): retrieval over the knowledge
// documents with MiniSearch, and a deterministic planner and writer driven by
// the playbooks. The index is built once per process, at cold start, from the
// knowledge source (the KNOWLEDGE_BUCKET in the local runtime).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent, AgentReply, Passage, PlanRequest, RetrieveRequest, WritePostRequest } from '../../ports/agent.ts';
import type { KnowledgeSource } from '../../knowledge/knowledge-source.ts';
import { KnowledgeIndex } from './knowledge-index.ts';
import { planReply } from './planner.ts';
import { writeReply } from './writer.ts';

export interface LocalAgentOptions {
  /**
   * Simulated model latency added to every planner and writer call (not to retrieval), so
   * benchmarks can measure orchestration against a model that takes time. Default 0.
   */
  readonly latencyMs?: number;
}

export class LocalAgent implements Agent {
  readonly #source: KnowledgeSource;
  readonly #latencyMs: number;
  #index: Promise<KnowledgeIndex> | undefined;

  constructor(source: KnowledgeSource, options: LocalAgentOptions = {}) {
    this.#source = source;
    this.#latencyMs = options.latencyMs ?? 0;
  }

  /** Starts indexing now (cold start) rather than on the first call; a failure is retried by the next call. */
  warm(): void {
    this.#load().catch(() => undefined);
  }

  async planCampaign(request: PlanRequest): Promise<AgentReply> {
    const index = await this.#load();
    await this.#modelLatency();
    return planReply(request.campaign, (id) => index.titleOf(id));
  }

  async writePost(request: WritePostRequest): Promise<AgentReply> {
    const index = await this.#load();
    await this.#modelLatency();
    return writeReply(request, (id) => index.titleOf(id));
  }

  async retrieve(request: RetrieveRequest): Promise<Passage[]> {
    const index = await this.#load();
    return index.search(request.query, request.maxResults ?? 5);
  }

  async #modelLatency(): Promise<void> {
    if (this.#latencyMs > 0) await sleep(this.#latencyMs);
  }

  #load(): Promise<KnowledgeIndex> {
    const index = (this.#index ??= this.#source.load().then((files) => {
      if (files.length === 0) throw new Error('the knowledge source holds no documents');
      return KnowledgeIndex.fromFiles(files);
    }));
    return index.catch((error: unknown) => {
      if (this.#index === index) this.#index = undefined;
      throw error;
    });
  }
}
