// The local writer: a deterministic stand-in for the Bedrock writer agent.
// It fills the channel's template from the campaign copy, applies the brand
// voice, and cites the template, the guideline, the channel's playbook and
// the passages it was given. Like the model, it answers with text holding the
// post as JSON, which the use case parses and checks.
import type { Citation } from '../../domain/citation.ts';
import { cadenceFor } from '../../knowledge/cadence.ts';
import { BRAND_VOICE } from '../../knowledge/channel-rules.ts';
import type { AgentReply, WritePostRequest } from '../../ports/agent.ts';
import { templateDocument, TEMPLATES } from './channel-templates.ts';
import { copyFor } from './copy.ts';

const CITED_PASSAGES = 2;

export function writeReply(request: WritePostRequest, titleOf: (id: string) => string): AgentReply {
  const { campaign, post, guidance, passages } = request;
  const content = TEMPLATES[post.channel](copyFor(campaign, post, guidance), post.publishDate);
  const sources = [templateDocument(post.channel), BRAND_VOICE, cadenceFor(post.channel).source];
  const citations: Citation[] = sources.map((documentId) => ({ documentId, title: titleOf(documentId) }));
  for (const passage of passages.slice(0, CITED_PASSAGES)) {
    if (citations.some((c) => c.documentId === passage.documentId)) continue;
    citations.push({ documentId: passage.documentId, title: passage.title.slice(0, 300), excerpt: passage.text.slice(0, 300) });
  }
  return { text: `Draft for ${post.postId}:\n\n\`\`\`json\n${JSON.stringify(content, null, 2)}\n\`\`\`\n`, citations };
}
