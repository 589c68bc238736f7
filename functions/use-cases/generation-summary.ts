// Where a generation round stands: how many posts of the revision were
// drafted and how many failed. A revision regenerates only the posts a
// reviewer rejected, so the posts to approve are every post as it stands at
// the revision (the kept ones carry an earlier revision number). RequestApproval uses it before asking anyone
// to approve — a round where every post FAILED has nothing to approve, and
// `requireSomethingToApprove` turns that into AllPostsFailedError.
import type { CampaignRepository } from '../data/campaign-repository.ts';
import { AllPostsFailedError } from '../domain/errors.ts';
import type { Post } from '../domain/post.ts';

export interface GenerationSummary {
  readonly revision: number;
  readonly total: number;
  /** Drafted for this revision. */
  readonly generated: number;
  /** Recorded FAILED for this revision. */
  readonly failed: number;
  /** Not (yet) drafted or failed for this revision. */
  readonly pending: number;
  /** True when there are posts and every one of them FAILED for this revision. */
  readonly allFailed: boolean;
  readonly failures: ReadonlyArray<{ readonly postId: string; readonly reason: string }>;
  /** Posts drafted (or failed) in this very round. */
  readonly drafted: number;
  /** Every post as it stands at this revision, for previews and review. */
  readonly posts: Post[];
}

export async function summarizeGeneration(
  repo: CampaignRepository,
  tenantId: string,
  campaignId: string,
  revision: number,
): Promise<GenerationSummary> {
  const posts = await repo.listPosts(tenantId, campaignId);
  const drafted = posts.filter((p) => p.revision === revision).length;
  const current = posts.filter((p) => p.revision <= revision && p.status !== 'PLANNED');
  const generated = current.filter((p) => p.status === 'GENERATED').length;
  const failedPosts = current.filter((p) => p.status === 'FAILED');
  return {
    revision,
    total: posts.length,
    generated,
    failed: failedPosts.length,
    pending: posts.length - generated - failedPosts.length,
    allFailed: posts.length > 0 && failedPosts.length === posts.length,
    failures: failedPosts.map((p) => ({ postId: p.postId, reason: p.failureReason ?? 'unknown' })),
    drafted,
    posts: current,
  };
}

/**
 * Throws AllPostsFailedError when the round drafted nothing: every post
 * failed, or no post has a draft for this revision (RequestApproval runs after
 * the Map, so that means nothing is left to show an approver).
 */
export function requireSomethingToApprove(summary: GenerationSummary, campaignId: string): void {
  if (summary.drafted === 0 || (summary.generated === 0 && !summary.allFailed)) {
    throw new AllPostsFailedError(`Campaign ${campaignId} has no drafted posts for revision ${summary.revision}; there is nothing to approve`);
  }
  if (summary.allFailed) {
    throw new AllPostsFailedError(`All ${summary.total} posts of campaign ${campaignId} failed to generate in revision ${summary.revision}`);
  }
}
