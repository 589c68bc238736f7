// One approver's decision in one approval stage: recorded exactly once (a
// conditional write per approver per stage), with who, when and from where.
// A decision may review posts one by one; the approver's decision then
// follows from the posts: any rejected post rejects.
import { z } from 'zod';
import { Decision } from './approval.ts';
import { PostContent } from './post.ts';
import { Id, TenantId } from './vocabulary.ts';
import { PostScorecard } from './content-validator.ts';

export const DECISION_SOURCES = ['LINK', 'GRAPHQL', 'CONSOLE', 'POLICY'] as const;
export const DecisionSource = z.enum(DECISION_SOURCES);
export type DecisionSource = z.infer<typeof DecisionSource>;

export const PostVerdict = z.enum(['APPROVED', 'EDITED', 'REJECTED']);
export type PostVerdict = z.infer<typeof PostVerdict>;

export const PostReview = z.strictObject({
  postId: Id,
  verdict: PostVerdict,
  comment: z.string().trim().max(2000).optional(),
  /** EDITED only: the approver's content, which becomes the post's next version. */
  content: PostContent.optional(),
});
export type PostReview = z.infer<typeof PostReview>;

export const StageDecision = z.strictObject({
  tenantId: TenantId,
  campaignId: Id,
  approvalId: Id,
  revision: z.number().int().min(0),
  stage: z.number().int().min(0),
  /** An e-mail address, or `policy:auto` for an automatic approval. */
  approver: z.string().min(1).max(254),
  decision: Decision,
  comment: z.string().trim().max(4000).optional(),
  decidedAt: z.iso.datetime(),
  source: DecisionSource,
  /** User agent and source IP for a link; the caller for GraphQL. */
  client: z.string().max(512).optional(),
  posts: z.array(PostReview).max(200).default([]),
  /** An automatic decision records the check results it rests on. */
  checks: z.array(PostScorecard).max(200).optional(),
});
export type StageDecision = z.infer<typeof StageDecision>;

/** The approver's decision implied by their post reviews: any rejected post rejects; edits approve as edited. */
export function decisionFromPosts(reviews: readonly PostReview[]): Decision {
  return reviews.some((r) => r.verdict === 'REJECTED') ? 'REJECTED' : 'APPROVED';
}

/**
 * Every comment of the round, one per line: what a revision is asked to
 * address. Lines name their approver once more than one approver commented,
 * and the post a post comment is about.
 */
export function consolidateFeedback(decisions: readonly StageDecision[]): string {
  const commenting = decisions.filter((d) => d.comment || d.posts.some((p) => p.comment));
  const by = (d: StageDecision) => (commenting.length > 1 ? `${d.approver}: ` : '');
  const lines = commenting.flatMap((d) => [
    ...(d.comment ? [`${by(d)}${d.comment}`] : []),
    ...d.posts.filter((p) => p.comment).map((p) => `${by(d)}on ${p.postId}: ${p.comment}`),
  ]);
  return lines.join('\n').slice(0, 4000);
}
