// The plan and generate use cases with a scripted model: the agent port is
// the one thing replaced (a model cannot run here); the repository runs on
// DynamoDB Local, and the replies go through the real parsing and checks.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAgent } from '../../functions/adapters/local-agent/local-agent.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { AllPostsFailedError, InvalidPlanError, InvalidPostContentError, ThrottledError } from '../../functions/domain/errors.ts';
import { DirectoryKnowledgeSource } from '../../functions/knowledge/directory-knowledge-source.ts';
import type { Agent, AgentReply, PlanRequest, WritePostRequest } from '../../functions/ports/agent.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import type { AgentDependencies } from '../../functions/use-cases/build-dependencies.ts';
import { generatePost } from '../../functions/use-cases/generate-post.ts';
import { requireSomethingToApprove, summarizeGeneration } from '../../functions/use-cases/generation-summary.ts';
import { planCampaign } from '../../functions/use-cases/plan-campaign.ts';
import { recordPostFailure } from '../../functions/use-cases/record-post-failure.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { EventCapture } from '../support/event-capture.ts';
import { aCampaign, NOW } from '../support/fixtures.ts';
import { KNOWLEDGE_ROOT } from '../support/knowledge-bucket.ts';

type Script<R> = Array<(request: R) => Promise<AgentReply> | AgentReply>;

/** The local agent for retrieval, with scripted planner and writer answers standing in for the model. */
class ScriptedAgent implements Agent {
  readonly planRequests: PlanRequest[] = [];
  readonly writeRequests: WritePostRequest[] = [];
  readonly #local = new LocalAgent(new DirectoryKnowledgeSource(KNOWLEDGE_ROOT));
  readonly plans: Script<PlanRequest>;
  readonly drafts: Script<WritePostRequest>;
  constructor(plans: Script<PlanRequest> = [], drafts: Script<WritePostRequest> = []) {
    this.plans = plans;
    this.drafts = drafts;
  }
  async planCampaign(request: PlanRequest) {
    this.planRequests.push(request);
    const next = this.plans.shift();
    return next ? next(request) : this.#local.planCampaign(request);
  }
  async writePost(request: WritePostRequest) {
    this.writeRequests.push(request);
    const next = this.drafts.shift();
    return next ? next(request) : this.#local.writePost(request);
  }
  retrieve = (request: Parameters<Agent['retrieve']>[0]) => this.#local.retrieve(request);
}

const events = new EventCapture();
let campaigns: CampaignRepository;
let updates: CampaignUpdates;
let n = 0;

beforeAll(async () => {
  const table = await createTestTable();
  campaigns = new CampaignRepository(table.doc, table.tableName);
  const endpoint = await events.start();
  updates = new CampaignUpdates(new EventBridgeClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), 'mcc');
});
afterAll(() => events.stop());

async function requested(channels: Array<'EMAIL' | 'X' | 'LINKEDIN'> = ['EMAIL']) {
  const campaign = aCampaign({ campaignId: `uc-${++n}`, brief: { channels } });
  await campaigns.create(campaign);
  return campaign;
}

const deps = (agent: Agent): AgentDependencies => ({ campaigns, updates, agent, now: () => NOW });
const text = (value: unknown): AgentReply => ({ text: `\`\`\`json\n${JSON.stringify(value)}\n\`\`\``, citations: [] });

describe('planCampaign with a model that needs correcting', () => {
  it('asks again with the errors, and stores the corrected plan', async () => {
    const campaign = await requested();
    const agent = new ScriptedAgent([() => ({ text: 'Here is my plan: posts on TikTok', citations: [] }), () => text({ summary: 's', posts: [{ channel: 'TIKTOK' }] })]);
    const generation = await planCampaign(deps(agent), campaign);
    expect(agent.planRequests.map((r) => r.corrections)).toEqual([
      [],
      ['the reply holds no JSON object'],
      expect.arrayContaining([expect.stringMatching(/posts\.0\.channel: "TIKTOK" is not one of the brief's channels/)]),
    ]);
    expect(generation.postIds).toEqual(['email-1', 'email-2']);
    expect(await campaigns.require('acme', campaign.campaignId)).toMatchObject({ status: 'GENERATING' });
  });

  it('gives up with InvalidPlan after the bounded re-asks, leaving the campaign PLANNING for MarkFailed', async () => {
    const campaign = await requested();
    const junk = () => ({ text: 'no', citations: [] });
    const agent = new ScriptedAgent([junk, junk, junk, junk]);
    await expect(planCampaign(deps(agent), campaign)).rejects.toBeInstanceOf(InvalidPlanError);
    expect(agent.planRequests).toHaveLength(3);
    expect(await campaigns.require('acme', campaign.campaignId)).toMatchObject({ status: 'PLANNING' });
  });

  it('lets a throttled model surface as Throttled for the state machine to retry', async () => {
    const campaign = await requested();
    const agent = new ScriptedAgent([() => Promise.reject(new ThrottledError('InvokeAgent (planner) failed after 4 attempts'))]);
    await expect(planCampaign(deps(agent), campaign)).rejects.toBeInstanceOf(ThrottledError);
  });
});

describe('generatePost with a model that needs correcting', () => {
  it('re-asks once for an X post over 280 characters and stores the valid draft with its passages cited', async () => {
    const campaign = await requested(['X']);
    const { postIds } = await planCampaign(deps(new ScriptedAgent()), campaign);
    const postId = postIds[0] ?? '';
    const agent = new ScriptedAgent([], [() => text({ body: 'x'.repeat(300), callToAction: 'Read it' })]);
    await expect(generatePost(deps(agent), { tenantId: 'acme', campaignId: campaign.campaignId, postId, revision: 0, guidance: null })).resolves.toEqual({
      postId,
      status: 'GENERATED',
    });
    expect(agent.writeRequests[1]?.corrections).toEqual(['body: 300 characters, over the X limit of 280']);
    const post = await campaigns.getPost('acme', campaign.campaignId, postId);
    expect(post?.citations.map((c) => c.documentId)).toEqual(expect.arrayContaining(['templates/x-post-template.md', 'guidelines/brand-voice.md']));
    expect(agent.writeRequests[0]?.passages.length).toBeGreaterThan(0);

    // A retried iteration finds the draft stored and asks the model nothing.
    const retry = new ScriptedAgent();
    await generatePost(deps(retry), { tenantId: 'acme', campaignId: campaign.campaignId, postId, revision: 0, guidance: null });
    expect(retry.writeRequests).toHaveLength(0);
  });

  it('raises InvalidPostContent when the draft stays invalid, and a round where every post failed has nothing to approve', async () => {
    const campaign = await requested(['X']);
    const { postIds } = await planCampaign(deps(new ScriptedAgent()), campaign);
    const bad = () => text({ body: '', callToAction: '' });
    for (const postId of postIds) {
      const input = { tenantId: 'acme', campaignId: campaign.campaignId, postId, revision: 0, guidance: null };
      const error = await generatePost(deps(new ScriptedAgent([], [bad, bad])), input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidPostContentError);
      await recordPostFailure(deps(new ScriptedAgent()), { ...input, error: { Error: 'InvalidPostContent', Cause: (error as Error).message } });
    }
    const summary = await summarizeGeneration(campaigns, 'acme', campaign.campaignId, 0);
    expect(summary).toMatchObject({ total: 2, generated: 0, failed: 2, allFailed: true });
    expect(summary.failures[0]?.reason).toMatch(/^InvalidPostContent: The writer returned no valid X draft/);
    expect(() => requireSomethingToApprove(summary, campaign.campaignId)).toThrow(AllPostsFailedError);
  });

  it('counts posts not yet redrafted for a revision as pending, not failed, and a round with no draft has nothing to approve', async () => {
    const campaign = await requested(['X']);
    await planCampaign(deps(new ScriptedAgent()), campaign);
    const summary = await summarizeGeneration(campaigns, 'acme', campaign.campaignId, 1);
    expect(summary).toMatchObject({ total: 2, generated: 0, failed: 0, pending: 2, allFailed: false });
    expect(() => requireSomethingToApprove(summary, campaign.campaignId)).toThrow(/no drafted posts/);
  });
});
