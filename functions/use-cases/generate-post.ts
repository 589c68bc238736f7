// GeneratePost (one Map iteration): retrieve knowledge for the post, ask the
// writer with the post's brief, the campaign and — on a revision — the
// reviewer's guidance, check the draft against its channel, and store it
// GENERATED for the revision with the documents it cites. A draft that stays
// invalid after re-asking raises InvalidPostContent; the Map's per-item Catch
// then records the post FAILED and the other posts carry on.
import type { Citation } from '../domain/citation.ts';
import { InvalidPostContentError, NotFoundError } from '../domain/errors.ts';
import type { PlannedPost } from '../domain/plan.ts';
import type { Post } from '../domain/post.ts';
import type { Passage } from '../ports/agent.ts';
import { logger } from '../shared/observability.ts';
import type { GeneratePostInput, GeneratePostOutput } from '../workflow/contracts.ts';
import type { AgentDependencies } from './build-dependencies.ts';
import { checkPostContent } from './post-content.ts';
import { plannedFields } from './planned-fields.ts';

/** Times the writer is asked again after an invalid draft. */
export const WRITE_REASKS = 1;
const PASSAGES_PER_POST = 4;
const MAX_CITATIONS = 50;

export async function generatePost(deps: AgentDependencies, input: GeneratePostInput): Promise<GeneratePostOutput> {
  const { tenantId, campaignId, postId, revision, guidance } = input;
  const campaign = await deps.campaigns.require(tenantId, campaignId);
  const post = await deps.campaigns.getPost(tenantId, campaignId, postId);
  if (!post) throw new NotFoundError('Post', postId);
  // A retried iteration whose draft was already stored has nothing left to do.
  if (post.status === 'GENERATED' && post.revision === revision) return { postId, status: 'GENERATED' };

  const planned: PlannedPost = { postId, channel: post.channel, publishDate: post.publishDate, brief: post.brief };
  const query = `${post.channel} ${campaign.brief.type} ${post.brief}`.slice(0, 1000);
  const passages = await deps.agent.retrieve({ query, maxResults: PASSAGES_PER_POST });
  const session = { tenantId, campaignId };
  let corrections: readonly string[] = [];
  for (let attempt = 0; attempt <= WRITE_REASKS; attempt++) {
    const reply = await deps.agent.writePost({ session, campaign, post: planned, passages, guidance, revision, corrections });
    const check = checkPostContent(reply.text, post.channel);
    if (check.ok) {
      const generated: Post = {
        ...plannedFields(post),
        status: 'GENERATED',
        content: check.content,
        citations: mergeCitations(reply.citations, passages),
        revision,
        updatedAt: deps.now().toISOString(),
      };
      await deps.campaigns.putPosts(tenantId, campaignId, [generated]);
      return { postId, status: 'GENERATED' };
    }
    logger.warn('Writer draft invalid', { postId, attempt, errors: check.errors });
    corrections = check.errors;
  }
  throw new InvalidPostContentError(`The writer returned no valid ${post.channel} draft for ${postId}: ${corrections.slice(0, 5).join('; ')}`);
}

/** The agent's own citations first, then the passages it was given; one per document. */
export function mergeCitations(cited: readonly Citation[], passages: readonly Passage[]): Citation[] {
  const byDocument = new Map<string, Citation>();
  for (const c of cited) if (!byDocument.has(c.documentId)) byDocument.set(c.documentId, c);
  for (const p of passages) {
    if (!byDocument.has(p.documentId)) byDocument.set(p.documentId, { documentId: p.documentId, title: p.title.slice(0, 300), excerpt: p.text.slice(0, 300) });
  }
  return [...byDocument.values()].slice(0, MAX_CITATIONS);
}
