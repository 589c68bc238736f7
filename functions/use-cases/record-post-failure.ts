// RecordPostFailure (the Map's per-item Catch): the post is stored FAILED for
// its revision with a readable reason, and the iteration succeeds so the
// other posts carry on.
import { NotFoundError } from '../domain/errors.ts';
import type { Post } from '../domain/post.ts';
import type { GeneratePostInput, GeneratePostOutput, StepError } from '../workflow/contracts.ts';
import type { BuildDependencies } from './build-dependencies.ts';
import { plannedFields } from './generate-post.ts';

const MAX_REASON = 2000;

/** Lambda puts `{"errorType","errorMessage",…}` in Cause; the message is what a person needs to read. */
export function describeStepError(error: StepError): string {
  let detail = error.Cause ?? '';
  try {
    const cause: unknown = JSON.parse(detail);
    if (typeof cause === 'object' && cause !== null && typeof (cause as { errorMessage?: unknown }).errorMessage === 'string') {
      detail = (cause as { errorMessage: string }).errorMessage;
    }
  } catch {
    // Cause is plain text (or absent): use it as it is.
  }
  return (detail ? `${error.Error}: ${detail}` : error.Error).slice(0, MAX_REASON);
}

export async function recordPostFailure(deps: BuildDependencies, input: GeneratePostInput & { error: StepError }): Promise<GeneratePostOutput> {
  const { tenantId, campaignId, postId, revision } = input;
  const post = await deps.campaigns.getPost(tenantId, campaignId, postId);
  if (!post) throw new NotFoundError('Post', postId);
  // A draft from an earlier revision is not this revision's: the failure replaces it.
  const failed: Post = {
    ...plannedFields(post),
    status: 'FAILED',
    citations: [],
    failureReason: describeStepError(input.error),
    revision,
    updatedAt: deps.now().toISOString(),
  };
  await deps.campaigns.putPosts(tenantId, campaignId, [failed]);
  return { postId, status: 'FAILED' };
}
