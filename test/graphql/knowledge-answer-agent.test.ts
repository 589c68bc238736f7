// The conversation agent answers from the knowledge base through the same
// agent port the build uses (here the local agent over knowledge-content/).
import { describe, expect, it } from 'vitest';
import { LocalAgent } from '../../functions/adapters/local-agent/local-agent.ts';
import { knowledgeAnswerAgent } from '../../functions/graphql/knowledge-answer-agent.ts';
import { DirectoryKnowledgeSource } from '../../functions/knowledge/directory-knowledge-source.ts';
import { KNOWLEDGE_ROOT } from '../support/knowledge-bucket.ts';

const agent = knowledgeAnswerAgent(new LocalAgent(new DirectoryKnowledgeSource(KNOWLEDGE_ROOT)));
const turn = (message: string) => ({ tenantId: 'acme', conversationId: 'conv-1', message, history: [] });

describe('knowledgeAnswerAgent', () => {
  it('GIVEN a question about tiers THEN quotes the tier playbook and cites it', async () => {
    const answer = await agent.answer(turn('Which tier needs VP approval and how much lead time?'));
    expect(answer.citations.map((c) => c.documentId)).toContain('playbooks/campaign-tiers.md');
    expect(answer.text).toMatch(/Campaign tiers|tier/i);
    expect(new Set(answer.citations.map((c) => c.documentId)).size).toBe(answer.citations.length);
  });

  it('GIVEN a question the playbooks do not cover THEN says so and cites nothing', async () => {
    const answer = await agent.answer(turn('zzqx vvbnm qwpoi'));
    expect(answer).toEqual({ text: expect.stringMatching(/say nothing/), citations: [] });
  });
});
