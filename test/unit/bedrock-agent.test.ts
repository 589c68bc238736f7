import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { describe, expect, it } from 'vitest';
import { BedrockAgent } from '../../functions/adapters/bedrock-agent/bedrock-agent.ts';
import { backoffDelay } from '../../functions/adapters/bedrock-agent/retry.ts';
import { sessionIdFor } from '../../functions/adapters/bedrock-agent/session-id.ts';
import { DependencyUnavailableError, ThrottledError } from '../../functions/domain/errors.ts';
import type { PlannedPost } from '../../functions/domain/plan.ts';
import { aCampaign } from '../support/fixtures.ts';
import { chunkEvent, exceptionEvent, jsonResponse, ScriptedTransport, streamResponse, traceEvent } from '../support/bedrock-transport.ts';

const campaign = aCampaign({ tenantId: 'acme', campaignId: 'cmp-1' });
const session = { tenantId: 'acme', campaignId: 'cmp-1' };
const utf8 = (s: string) => new TextEncoder().encode(s);

function agentOver(transport: ScriptedTransport, delays: number[] = []) {
  const client = new BedrockAgentRuntimeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: transport,
  });
  return new BedrockAgent(client, {
    planner: { agentId: 'PLANNER01', agentAliasId: 'ALIAS01' },
    writer: { agentId: 'WRITER01', agentAliasId: 'ALIAS02' },
    knowledgeBaseId: 'KB01',
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5, sleep: async (ms) => delays.push(ms) },
  });
}

const attribution = {
  citations: [
    {
      generatedResponsePart: { textResponsePart: { text: 'four e-mail sends', span: { start: 0, end: 16 } } },
      retrievedReferences: [
        {
          content: { text: 'Tier 1: 4 sends per campaign', type: 'TEXT' },
          location: { type: 'S3', s3Location: { uri: 's3://mcc-knowledge-123/playbooks/email-campaign-checklist.md' } },
          metadata: { 'x-amz-bedrock-kb-source-uri': 's3://mcc-knowledge-123/playbooks/email-campaign-checklist.md' },
        },
        {
          content: { text: 'Tier 1 is $100K+', type: 'TEXT' },
          location: { type: 'S3', s3Location: { uri: 's3://mcc-knowledge-123/playbooks/campaign-tiers.md' } },
        },
      ],
    },
  ],
};

describe('Bedrock agent adapter over the InvokeAgent event stream', () => {
  it('joins the streamed chunks (even a character split between them), collects citations and skips traces', async () => {
    const bytes = utf8('{"summary": "Café launch"}');
    const split = bytes.indexOf(0xc3) + 1; // inside the two-byte "é"
    const transport = new ScriptedTransport([
      () => streamResponse([traceEvent({ orchestrationTrace: {} }), chunkEvent(bytes.slice(0, split), attribution), chunkEvent(bytes.slice(split))]),
    ]);
    const reply = await agentOver(transport).planCampaign({ session, campaign, corrections: [] });

    expect(reply.text).toBe('{"summary": "Café launch"}');
    expect(reply.citations).toEqual([
      { documentId: 'playbooks/email-campaign-checklist.md', title: 'playbooks/email-campaign-checklist.md', excerpt: 'Tier 1: 4 sends per campaign' },
      { documentId: 'playbooks/campaign-tiers.md', title: 'playbooks/campaign-tiers.md', excerpt: 'Tier 1 is $100K+' },
    ]);
    const request = transport.requests[0];
    expect(request?.path).toBe('/agents/PLANNER01/agentAliases/ALIAS01/sessions/acme.cmp-1/text');
    expect(transport.bodyOf(0)).toMatchObject({ sessionState: { sessionAttributes: { tenantId: 'acme', campaignId: 'cmp-1' } } });
    expect(String(transport.bodyOf(0).inputText)).toContain('"launchDate":"2027-02-15"');
  });

  it('retries a throttlingException that arrives inside the stream after the call succeeded, keeping only the retry’s text', async () => {
    const delays: number[] = [];
    const transport = new ScriptedTransport([
      () => streamResponse([chunkEvent(utf8('{"partial": ')), exceptionEvent('throttlingException', 'Your request rate is too high.')]),
      () => streamResponse([chunkEvent(utf8('{"body": "ok"}'))]),
    ]);
    const post: PlannedPost = { postId: 'x-1', channel: 'X', publishDate: '2027-02-15', brief: 'Launch announcement on X' };
    const reply = await agentOver(transport, delays).writePost({ session, campaign, post, passages: [], guidance: 'Shorter', revision: 1, corrections: [] });

    expect(reply.text).toBe('{"body": "ok"}');
    expect(transport.requests).toHaveLength(2);
    expect(transport.requests[1]?.path).toBe('/agents/WRITER01/agentAliases/ALIAS02/sessions/acme.cmp-1/text');
    expect(delays).toEqual([50]);
  });

  it.each(['internalServerException', 'serviceQuotaExceededException'])('retries an in-stream %s', async (member) => {
    const transport = new ScriptedTransport([
      () => streamResponse([exceptionEvent(member, 'try again')]),
      () => streamResponse([chunkEvent(utf8('done'))]),
    ]);
    expect((await agentOver(transport).planCampaign({ session, campaign, corrections: [] })).text).toBe('done');
  });

  it('gives up with Throttled after the last attempt, backing off with full jitter in between', async () => {
    const delays: number[] = [];
    const throttled = () => jsonResponse(429, { message: 'Rate exceeded' }, 'ThrottlingException');
    const transport = new ScriptedTransport([throttled, throttled, throttled]);
    await expect(agentOver(transport, delays).planCampaign({ session, campaign, corrections: [] })).rejects.toBeInstanceOf(ThrottledError);
    expect(transport.requests).toHaveLength(3);
    expect(delays).toEqual([50, 100]);
  });

  it('gives up with DependencyUnavailable when the service keeps failing inside the stream', async () => {
    const failing = () => streamResponse([exceptionEvent('internalServerException', 'boom')]);
    const transport = new ScriptedTransport([failing, failing, failing]);
    await expect(agentOver(transport).planCampaign({ session, campaign, corrections: [] })).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it('does not retry a request the service refuses as invalid', async () => {
    const transport = new ScriptedTransport([() => jsonResponse(400, { message: 'bad alias' }, 'ValidationException')]);
    await expect(agentOver(transport).planCampaign({ session, campaign, corrections: [] })).rejects.toMatchObject({ name: 'ValidationException' });
    expect(transport.requests).toHaveLength(1);
  });
});

describe('Bedrock knowledge base retrieval', () => {
  it('turns Retrieve results into passages named by their S3 key', async () => {
    const transport = new ScriptedTransport([
      () =>
        jsonResponse(200, {
          retrievalResults: [
            {
              content: { text: 'X: 280 characters per post', type: 'TEXT' },
              location: { type: 'S3', s3Location: { uri: 's3://mcc-knowledge-123/templates/x-post-template.md' } },
              metadata: { title: 'X post template' },
              score: 0.82,
            },
            { content: { text: 'no location' }, score: 0.4 },
          ],
        }),
    ]);
    const passages = await agentOver(transport).retrieve({ query: 'X post length', maxResults: 3 });
    expect(passages).toEqual([{ documentId: 'templates/x-post-template.md', title: 'X post template', text: 'X: 280 characters per post', score: 0.82 }]);
    expect(transport.requests[0]?.path).toBe('/knowledgebases/KB01/retrieve');
    expect(transport.bodyOf(0)).toMatchObject({
      retrievalQuery: { text: 'X post length' },
      retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 3 } },
    });
  });
});

describe('sessions and backoff', () => {
  it('keeps one readable session per tenant and campaign, hashing pairs too long for InvokeAgent', () => {
    expect(sessionIdFor(session)).toBe('acme.cmp-1');
    const long = sessionIdFor({ tenantId: 'a'.repeat(60), campaignId: 'b'.repeat(60) });
    expect(long).toMatch(/^mcc-[0-9a-f]{64}$/);
    expect(long).toBe(sessionIdFor({ tenantId: 'a'.repeat(60), campaignId: 'b'.repeat(60) }));
  });

  it('draws full-jitter delays below the capped exponential', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(policy, n, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });
});
