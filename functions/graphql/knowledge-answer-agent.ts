// The conversation agent over the project's agent port: answers a question
// from the knowledge base passages the agent retrieves (Bedrock's Retrieve, or
// the local agent's index), citing each document it quotes. It answers from
// the playbooks rather than free text, so every answer is grounded and cited
// whichever adapter AGENT_PROVIDER chose.
import type { Agent } from '../ports/agent.ts';
import type { ConversationAgent } from './conversation-agent.ts';

const MAX_PASSAGES = 3;
const MAX_EXCERPT = 600;

export function knowledgeAnswerAgent(agent: Pick<Agent, 'retrieve'>): ConversationAgent {
  return {
    async answer(turn) {
      const passages = await agent.retrieve({ query: turn.message, maxResults: MAX_PASSAGES });
      if (passages.length === 0) {
        return { text: 'The playbooks say nothing about that. Try asking about tiers, lead times, channels or approvals.', citations: [] };
      }
      const quoted = passages.map((p) => `From “${p.title}”: ${excerpt(p.text)}`);
      return {
        text: quoted.join('\n\n'),
        citations: dedupe(passages.map((p) => ({ documentId: p.documentId, title: p.title, excerpt: excerpt(p.text) }))),
      };
    },
  };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_EXCERPT ? flat : `${flat.slice(0, MAX_EXCERPT - 1)}…`;
}

function dedupe<T extends { documentId: string }>(items: T[]): T[] {
  return items.filter((item, i) => items.findIndex((x) => x.documentId === item.documentId) === i);
}
