// Model tokens one campaign would use on Bedrock, estimated from text lengths
// (characters ÷ 4): for the plan and for each post, the agent's instructions
// plus the exact prompt the Bedrock adapter would send (built by its own
// prompt functions, with the passages the writer would be given), and as
// output the answer the local agent gave for the same request. A lower bound:
// Bedrock Agents add their orchestration template and any re-asks.
import { readFileSync } from 'node:fs';
import { planPrompt, writePrompt } from '../functions/adapters/bedrock-agent/prompts.ts';
import { LocalAgent } from '../functions/adapters/local-agent/local-agent.ts';
import type { Campaign } from '../functions/domain/campaign.ts';
import type { Post } from '../functions/domain/post.ts';
import { DirectoryKnowledgeSource } from '../functions/knowledge/directory-knowledge-source.ts';
import { estimateTokens } from './cost.ts';

/** As functions/use-cases/generate-post.ts asks for. */
const PASSAGES_PER_POST = 4;

export interface TokenEstimate {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

const instructions = (name: string) => readFileSync(new URL(`../lib/agent-instructions/${name}.md`, import.meta.url), 'utf8');

export async function estimateCampaignTokens(campaign: Campaign, posts: readonly Post[]): Promise<TokenEstimate> {
  const agent = new LocalAgent(new DirectoryKnowledgeSource(new URL('../knowledge-content', import.meta.url).pathname));
  const session = { tenantId: campaign.tenantId, campaignId: campaign.campaignId };
  const planRequest = { session, campaign, corrections: [] };
  let input = estimateTokens(instructions('planner') + planPrompt(planRequest));
  let output = estimateTokens((await agent.planCampaign(planRequest)).text);
  for (const post of posts) {
    const planned = { postId: post.postId, channel: post.channel, publishDate: post.publishDate, brief: post.brief };
    const passages = await agent.retrieve({ query: `${post.channel} ${campaign.brief.type} ${post.brief}`.slice(0, 1000), maxResults: PASSAGES_PER_POST });
    const request = { session, campaign, post: planned, passages, guidance: null, revision: 0, corrections: [] };
    input += estimateTokens(instructions('writer') + writePrompt(request));
    output += estimateTokens((await agent.writePost(request)).text);
  }
  return { calls: 1 + posts.length, inputTokens: input, outputTokens: output };
}
