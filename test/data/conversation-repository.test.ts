// ConversationRepository on DynamoDB Local: messages come back in the order
// they were written, and no tenant ever reads another tenant's conversation,
// even under the same conversation ID.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversationRepository } from '../../functions/data/conversation-repository.ts';
import type { ConversationMessage } from '../../functions/domain/conversation.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { NOW } from '../support/fixtures.ts';

function aMessage(conversationId: string, n: number, overrides: Partial<ConversationMessage> = {}): ConversationMessage {
  return {
    conversationId,
    messageId: `m-${n}`,
    role: n % 2 === 0 ? 'USER' : 'AGENT',
    content: `message ${n}`,
    citations: [],
    author: n % 2 === 0 ? 'user-1' : 'agent',
    createdAt: new Date(NOW.getTime() + n * 1000).toISOString(),
    ...overrides,
  };
}

describe('ConversationRepository', () => {
  let repo: ConversationRepository;
  beforeAll(async () => {
    const table = await createTestTable();
    repo = new ConversationRepository(table.doc, table.tableName);
  });

  it('returns the latest messages, oldest first', async () => {
    for (const n of [3, 1, 2, 0]) await repo.append('order', aMessage('conv', n));
    expect((await repo.recent('order', 'conv')).map((m) => m.messageId)).toEqual(['m-0', 'm-1', 'm-2', 'm-3']);
    expect((await repo.recent('order', 'conv', 2)).map((m) => m.messageId)).toEqual(['m-2', 'm-3']);
  });

  it('refuses to write the same message twice', async () => {
    await repo.append('dup', aMessage('conv', 0));
    await expect(repo.append('dup', aMessage('conv', 0, { content: 'changed' }))).rejects.toThrow();
    expect((await repo.recent('dup', 'conv'))[0]?.content).toBe('message 0');
  });

  it('never shows one tenant’s messages to another, whatever the writes', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 8 }), async (writers) => {
        round += 1;
        for (const [n, writer] of writers.entries()) await repo.append(`${writer}-${round}`, aMessage('shared', n, { content: `from ${writer}` }));
        for (const tenant of new Set(writers)) {
          const seen = await repo.recent(`${tenant}-${round}`, 'shared');
          expect(seen.length).toBe(writers.filter((w) => w === tenant).length);
          expect(seen.every((m) => m.content === `from ${tenant}`)).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
  }, 90_000);
});
