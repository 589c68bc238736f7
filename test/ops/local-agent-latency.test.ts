// LOCAL_AGENT_LATENCY_MS: the local agent's planner and writer answer after a
// fixed simulated model latency (for benchmarks); retrieval does not wait;
// the setting is validated at cold start like every other.
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { agentFromConfig } from '../../functions/adapters/agent-from-config.ts';
import { LocalAgent } from '../../functions/adapters/local-agent/local-agent.ts';
import { parseBrief } from '../../functions/domain/campaign-brief.ts';
import { newCampaign } from '../../functions/domain/campaign.ts';
import { ConfigError } from '../../functions/shared/config.ts';
import { DirectoryKnowledgeSource } from '../../functions/knowledge/directory-knowledge-source.ts';
import { BENCH_BRIEF } from '../../bench/orchestration.ts';

const knowledge = new DirectoryKnowledgeSource(fileURLToPath(new URL('../../knowledge-content', import.meta.url)));
const campaign = newCampaign({ tenantId: 'acme', campaignId: 'c1', brief: parseBrief(BENCH_BRIEF), now: new Date('2027-01-04T09:00:00Z') });
const session = { tenantId: 'acme', campaignId: 'c1' };

async function elapsed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

describe('the local agent with a simulated model latency', () => {
  it('waits the latency on every plan and write call', async () => {
    const agent = new LocalAgent(knowledge, { latencyMs: 400 });
    await agent.retrieve({ query: 'warm the index' });
    expect(await elapsed(() => agent.planCampaign({ session, campaign, corrections: [] }))).toBeGreaterThanOrEqual(395);
    const post = { postId: 'email-1', channel: 'EMAIL' as const, publishDate: '2027-06-01', brief: 'Announce the launch to operations leaders.' };
    expect(await elapsed(() => agent.writePost({ session, campaign, post, passages: [], guidance: null, revision: 0, corrections: [] }))).toBeGreaterThanOrEqual(395);
  });

  it('never delays retrieval, whatever the latency', async () => {
    // An hour of latency: were retrieval to wait it, this test would time out. (A "faster than
    // N ms" check instead would fail whenever the machine is busy.)
    const agent = new LocalAgent(knowledge, { latencyMs: 3_600_000 });
    const passages = await agent.retrieve({ query: 'email checklist' });
    expect(passages.length).toBeGreaterThan(0);
  });

  it('defaults to no latency, and rejects a value that is not a whole number of milliseconds', () => {
    const env = { AGENT_PROVIDER: 'local', KNOWLEDGE_BUCKET: 'knowledge', AWS_REGION: 'us-east-1' };
    expect(agentFromConfig(env)).toBeInstanceOf(LocalAgent);
    expect(() => agentFromConfig({ ...env, LOCAL_AGENT_LATENCY_MS: '-5' })).toThrow(ConfigError);
    expect(() => agentFromConfig({ ...env, LOCAL_AGENT_LATENCY_MS: 'soon' })).toThrow(/LOCAL_AGENT_LATENCY_MS/);
  });
});
