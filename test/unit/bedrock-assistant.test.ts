// The Bedrock assistant adapter at the wire: real event-stream frames through
// the SDK's own parser — a chunk with attribution, a returnControl asking for
// USER_CONFIRMATION, throttling inside the stream — and the InvokeAgent
// requests it sends (session attributes from the session, the confirmation
// answered with the same invocationId). Field names are the SDK model's.
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { describe, expect, it } from 'vitest';
import { BedrockAssistant } from '../../functions/adapters/bedrock-agent/bedrock-assistant.ts';
import type { AgentAction } from '../../functions/domain/agent-action.ts';
import { DependencyUnavailableError } from '../../functions/domain/errors.ts';
import { chunkEvent, exceptionEvent, returnControlEvent, ScriptedTransport, streamResponse } from '../support/bedrock-transport.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const session = { tenantId: 'acme', userId: 'sam-sub', userEmail: 'sam@acme.example', conversationId: 'conv-1' };
const turn = (message: string) => ({ session, message, history: [], memory: undefined, pendingAction: undefined, now: new Date('2026-12-01T12:00:00Z') });

function assistantOver(transport: ScriptedTransport, delays: number[] = []) {
  const client = new BedrockAgentRuntimeClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, requestHandler: transport });
  return new BedrockAssistant(client, { agentId: 'ASSIST01', agentAliasId: 'ALIAS03' }, { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5, sleep: async (ms) => void delays.push(ms) });
}

const brief = { name: 'SMB Q1 offers', type: 'EMAIL', budget: { amount: 20000, currency: 'USD' }, launchDate: '2027-03-01', endDate: '2027-03-29' };
const confirmation = {
  invocationId: 'inv-7f3a',
  invocationInputs: [
    {
      functionInvocationInput: {
        actionGroup: 'campaign-assistant',
        function: 'createCampaign',
        parameters: [{ name: 'brief', type: 'string', value: JSON.stringify(brief) }],
        actionInvocationType: 'USER_CONFIRMATION',
      },
    },
  ],
};

describe('Bedrock assistant adapter over InvokeAgent', () => {
  it('GIVEN a chunk with attribution THEN the reply carries its text and the cited documents, and the request carries tenant and user as session attributes', async () => {
    const transport = new ScriptedTransport([
      () =>
        streamResponse([
          chunkEvent(utf8('Work through five phases: strategy, production, QA, launch, measurement.'), {
            citations: [
              {
                generatedResponsePart: { textResponsePart: { text: 'five phases', span: { start: 0, end: 10 } } },
                retrievedReferences: [{ content: { text: 'Phase 1: Strategy' }, location: { type: 'S3', s3Location: { uri: 's3://mcc-knowledge-1/playbooks/email-campaign-checklist.md' } } }],
              },
            ],
          }),
        ]),
    ]);
    const answer = await assistantOver(transport).answer(turn('What are the steps for launching an email campaign?'));
    expect(answer.text).toMatch(/five phases/);
    expect(answer.citations.map((c) => c.documentId)).toEqual(['playbooks/email-campaign-checklist.md']);
    expect(answer.proposedAction).toBeUndefined();
    const request = transport.bodyOf(0);
    expect(request.inputText).toBe('What are the steps for launching an email campaign?');
    expect(request.sessionState).toEqual({ sessionAttributes: { tenantId: 'acme', userId: 'sam-sub', userEmail: 'sam@acme.example' } });
    expect(transport.requests[0]?.path).toBe('/agents/ASSIST01/agentAliases/ALIAS03/sessions/acme.conv-1/text');
  });

  it('GIVEN a returnControl with USER_CONFIRMATION THEN it becomes the proposed action with its invocation, and the answer goes back as confirmationState with the same invocationId', async () => {
    const transport = new ScriptedTransport([
      () => streamResponse([chunkEvent(utf8('Here is the campaign. Shall I create it?')), returnControlEvent(confirmation)]),
      () => streamResponse([chunkEvent(utf8('Created campaign cmp-1a2b.'))]),
    ]);
    const assistant = assistantOver(transport);
    const answer = await assistant.answer(turn('Yes, all of that'));
    expect(answer.proposedAction).toEqual({
      name: 'createCampaign',
      summary: expect.stringContaining('SMB Q1 offers'),
      parameters: { brief },
      invocationId: 'inv-7f3a',
      actionGroup: 'campaign-assistant',
    });

    const action: AgentAction = {
      conversationId: 'conv-1', actionId: 'act-1a2b', name: 'createCampaign', summary: 'Create SMB Q1 offers', parameters: { brief },
      status: 'CONFIRMED', proposedAt: '2026-12-01T12:00:00.000Z', invocationId: 'inv-7f3a', actionGroup: 'campaign-assistant',
    };
    const outcome = await assistant.decide({ session, action, confirm: true, memory: undefined, now: new Date() });
    expect(outcome.result).toEqual({ campaignId: 'cmp-1a2b' });
    expect(outcome.text).toBe('Created campaign cmp-1a2b.');
    const answerRequest = transport.bodyOf(1);
    expect(answerRequest.inputText).toBeUndefined();
    expect(answerRequest.sessionState).toEqual({
      sessionAttributes: { tenantId: 'acme', userId: 'sam-sub', userEmail: 'sam@acme.example', actionId: 'act-1a2b' },
      invocationId: 'inv-7f3a',
      returnControlInvocationResults: [{ functionResult: { actionGroup: 'campaign-assistant', function: 'createCampaign', confirmationState: 'CONFIRM' } }],
    });
  });

  it('GIVEN a denial THEN confirmationState is DENY and nothing is reported as done', async () => {
    const transport = new ScriptedTransport([() => streamResponse([chunkEvent(utf8('OK, I will not create it.'))])]);
    const action: AgentAction = {
      conversationId: 'conv-1', actionId: 'act-9', name: 'createCampaign', summary: 'Create it', parameters: {},
      status: 'DENIED', proposedAt: '2026-12-01T12:00:00.000Z', invocationId: 'inv-9', actionGroup: 'campaign-assistant',
    };
    const outcome = await assistantOver(transport).decide({ session, action, confirm: false, memory: undefined, now: new Date() });
    expect(outcome.result).toBeUndefined();
    expect(JSON.stringify(transport.bodyOf(0).sessionState)).toContain('"confirmationState":"DENY"');
  });

  it('GIVEN throttling inside the stream THEN the turn is retried with backoff and answers once', async () => {
    const delays: number[] = [];
    const transport = new ScriptedTransport([
      () => streamResponse([chunkEvent(utf8('Partial ')), exceptionEvent('throttlingException', 'Rate exceeded')]),
      () => streamResponse([chunkEvent(utf8('Tier 1 needs 8–12 weeks.'))]),
    ]);
    const answer = await assistantOver(transport, delays).answer(turn('How much lead time for Tier 1?'));
    expect(answer.text).toBe('Tier 1 needs 8–12 weeks.');
    expect(transport.requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  it('GIVEN a returnControl that asks for no confirmation THEN the turn fails rather than acting unconfirmed', async () => {
    const unconfirmed = { ...confirmation, invocationInputs: [{ functionInvocationInput: { ...confirmation.invocationInputs[0]?.functionInvocationInput, actionInvocationType: 'RESULT' } }] };
    const transport = new ScriptedTransport([() => streamResponse([returnControlEvent(unconfirmed)])]);
    await expect(assistantOver(transport).answer(turn('create it'))).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
