// The assistant's GraphQL routes on DynamoDB Local with the local assistant:
// one decision per action even when two confirmations race, a failed creation
// that leaves the action confirmable again (same campaign ID, nothing
// doubled), bad input that writes nothing, and a user of the same tenant who
// cannot read or answer another's conversation. Plus properties of the
// rules that keep the assistant from acting on an ambiguous "yes" or
// inventing a budget.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAgent } from '../../functions/adapters/local-agent/local-agent.ts';
import { LocalAssistant } from '../../functions/adapters/local-assistant/local-assistant.ts';
import { parseSlots } from '../../functions/adapters/local-assistant/slots.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { conversationPartition } from '../../functions/data/keys.ts';
import { readConfirmation } from '../../functions/domain/confirmation-reply.ts';
import { DirectoryKnowledgeSource } from '../../functions/knowledge/directory-knowledge-source.ts';
import { assistantTools } from '../../functions/use-cases/assistant-tools.ts';
import { BUILD_REQUESTED } from '../../functions/workflow/contracts.ts';
import { KNOWLEDGE_ROOT } from '../support/knowledge-bucket.ts';
import { appsyncEvent, cognito, startHarness, type Harness } from './resolver-harness.ts';

interface Reply {
  conversationId: string;
  message: { content: string };
  pendingAction: { actionId: string; name: string; parameters: string } | null;
}

const BRIEF =
  'Create a webinar campaign called "Close faster live" for finance leaders to generate 300 registrations, 12k EUR on email and LinkedIn, launching April 6, 2027 for 4 weeks, approver maria.lopez@example.com';

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected the resolver to throw');
}

async function partitionSize(h: Harness, tenantId: string, conversationId: string): Promise<number> {
  const { Items } = await h.table.doc.send(
    new QueryCommand({ TableName: h.table.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': conversationPartition(tenantId, conversationId) } }),
  );
  return Items?.length ?? 0;
}

describe('assistant routes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.events.close();
  });

  const send = async (who: ReturnType<typeof cognito>, message: string, conversationId?: string) =>
    (await h.resolve(appsyncEvent('Mutation', 'sendAgentMessage', { message, ...(conversationId ? { conversationId } : {}) }, who))) as Reply;
  const confirm = (who: ReturnType<typeof cognito>, conversationId: string, actionId: string, yes = true) =>
    h.resolve(appsyncEvent('Mutation', 'confirmAgentAction', { conversationId, actionId, confirm: yes }, who)) as Promise<Reply>;
  const buildRequests = (tenantId: string) =>
    h.events.entries.filter((e) => e.DetailType === BUILD_REQUESTED.detailType && (JSON.parse(e.Detail) as { tenantId: string }).tenantId === tenantId);

  it('GIVEN two confirmations racing for one action THEN exactly one wins, one build is requested, and the other gets Conflict', async () => {
    const me = cognito({ tenantId: 'race' });
    const proposal = await send(me, BRIEF);
    const actionId = proposal.pendingAction?.actionId ?? '';
    expect(actionId).not.toBe('');
    const outcomes = await Promise.allSettled([confirm(me, proposal.conversationId, actionId), confirm(me, proposal.conversationId, actionId)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect((rejected?.reason as Error).name).toBe('Conflict');
    expect(buildRequests('race')).toHaveLength(1);
    // And a plain "yes" afterwards has nothing to confirm: still one build.
    await send(me, 'yes', proposal.conversationId);
    expect(buildRequests('race')).toHaveLength(1);
  });

  it('GIVEN another user of the same tenant THEN the conversation is not found for them and they cannot answer its action', async () => {
    const owner = cognito({ tenantId: 'shared', sub: 'owner' });
    const colleague = cognito({ tenantId: 'shared', sub: 'colleague' });
    const proposal = await send(owner, BRIEF);
    const before = await partitionSize(h, 'shared', proposal.conversationId);
    expect((await failure(confirm(colleague, proposal.conversationId, proposal.pendingAction?.actionId ?? ''))).name).toBe('NotFound');
    expect((await failure(send(colleague, 'yes', proposal.conversationId))).name).toBe('NotFound');
    expect(await h.resolve(appsyncEvent('Query', 'getConversation', { conversationId: proposal.conversationId }, colleague))).toBeNull();
    expect(await partitionSize(h, 'shared', proposal.conversationId)).toBe(before);
    expect(buildRequests('shared')).toEqual([]);
  });

  it('GIVEN bad input THEN a ValidationError or NotFound, and the conversation is unchanged', async () => {
    const me = cognito({ tenantId: 'bad' });
    const started = await send(me, 'hello');
    const before = await partitionSize(h, 'bad', started.conversationId);
    for (const message of ['', ' \n ', 'x'.repeat(4001)]) {
      expect((await failure(send(me, message, started.conversationId))).name).toBe('ValidationError');
    }
    expect((await failure(send(me, 'hi', 'bad#id'))).name).toBe('ValidationError');
    expect((await failure(confirm(me, started.conversationId, 'act-unknown'))).name).toBe('NotFound');
    expect((await failure(h.resolve(appsyncEvent('Mutation', 'confirmAgentAction', { conversationId: started.conversationId, actionId: 'act-1', confirm: 'yes' }, me)))).name).toBe('ValidationError');
    expect(await partitionSize(h, 'bad', started.conversationId)).toBe(before);
  });
});

describe('a creation that fails', () => {
  it('GIVEN the bus unreachable on confirm THEN the error surfaces, the action is PENDING again, and confirming later requests the same campaign once', async () => {
    const working = await startHarness();
    try {
      const campaigns = new CampaignRepository(working.table.doc, working.table.tableName);
      const knowledge = new LocalAgent(new DirectoryKnowledgeSource(KNOWLEDGE_ROOT));
      // Nothing listens on port 9: the PutEvents call fails at the network, as an outage would.
      const unreachable = new EventBridgeClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
      let bus = unreachable;
      const assistant = new LocalAssistant((s) =>
        assistantTools({ campaigns, knowledge, builds: { events: bus, busName: 'mcc' }, now: () => new Date() }, { tenantId: s.tenantId, ...(s.userEmail ? { userEmail: s.userEmail } : {}) }),
      );
      const h = await startHarness(assistant);
      const me = cognito({ tenantId: 'outage' });
      const proposal = (await h.resolve(appsyncEvent('Mutation', 'sendAgentMessage', { message: BRIEF }, me))) as Reply;
      const actionId = proposal.pendingAction?.actionId ?? '';
      const args = { conversationId: proposal.conversationId, actionId, confirm: true };
      expect((await failure(h.resolve(appsyncEvent('Mutation', 'confirmAgentAction', args, me)))).name).toBe('InternalError');
      const afterFailure = (await h.resolve(appsyncEvent('Query', 'getConversation', { conversationId: proposal.conversationId }, me))) as { actions: { status: string }[]; pendingAction: { actionId: string } | null };
      expect(afterFailure.actions.map((a) => a.status)).toEqual(['PENDING']);
      expect(afterFailure.pendingAction?.actionId).toBe(actionId);

      bus = working.events.client;
      const done = (await h.resolve(appsyncEvent('Mutation', 'confirmAgentAction', args, me))) as Reply;
      const campaignId = /\b(cmp-[A-Za-z0-9-]+)/.exec(done.message.content)?.[1];
      expect(campaignId).toBe(`cmp-${actionId.replace(/^act-/, '')}`);
      expect(working.events.entries.map((e) => (JSON.parse(e.Detail) as { campaignId: string }).campaignId)).toEqual([campaignId]);
      await h.events.close();
      unreachable.destroy();
    } finally {
      await working.events.close();
    }
  });
});

describe('rules that keep the assistant from overreaching', () => {
  it('a "yes" that carries a change or a number is never read as a confirmation', () => {
    fc.assert(
      fc.property(fc.constantFrom('yes', 'ok', 'sure', 'yes please'), fc.constantFrom(', but make it', ', change the', ' and make it', ', actually'), fc.string({ maxLength: 30 }), (yes, change, rest) => {
        expect(readConfirmation(`${yes}${change} ${rest}`)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('yes', 'Yes.', 'ok', 'confirm', 'go ahead', 'Yes, please create this campaign in Workfront'), (yes) => {
        expect(readConfirmation(yes)).toBe('CONFIRM');
      }),
    );
  });

  it('never invents a budget: text without an amount and a currency fills no budget', () => {
    const words = fc.constantFrom('create', 'campaign', 'budget', 'webinar', 'for', 'SMB', 'customers', 'launch', 'email', 'called', 'big', 'is', 'of', 'the', 'next', 'quarter');
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 20 }), fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: undefined }), (text, bare) => {
        const message = `${text.join(' ')}${bare === undefined ? '' : ` ${bare}`}`;
        expect(parseSlots(message, new Date('2026-12-01T12:00:00Z')).draft.budget).toBeUndefined();
      }),
    );
  });
});
