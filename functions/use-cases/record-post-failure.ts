// RecordPostFailure (the Map's per-item Catch): the post is stored FAILED for
// its revision with a readable reason, and the iteration succeeds so the
// other posts carry on.
import { NotFoundError } from '../domain/errors.ts';
import type { Post } from '../domain/post.ts';
import type { GeneratePostInput, GeneratePostOutput, StepError } from '../workflow/contracts.ts';
import type { BuildDependencies } from './build-dependencies.ts';
import { plannedFields } from './planned-fields.ts';
import { describeStepError } from './step-error-reason.ts';

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
