// Revise, after a rejection: with reviewer feedback and revisions left, the
// campaign goes REJECTED → GENERATING (the repository counts the revision)
// and the posts are generated again with the consolidated feedback as
// guidance — only the posts reviewers rejected when they rejected posts one
// by one (the others keep their IDs and content), every post otherwise. The
// drafts about to be replaced are kept as versions first.
// Without feedback, or with the revisions spent, the campaign stays REJECTED.
import type { PostVersionRepository } from '../data/post-version-repository.ts';
import { MAX_REVISIONS } from '../domain/campaign-status.ts';
import { InvalidTransitionError } from '../domain/errors.ts';
import { logger } from '../shared/observability.ts';
import type { ApprovalOutcome, CampaignRef, Generation, ReviseOutput } from '../workflow/contracts.ts';
import type { BuildDependencies } from './build-dependencies.ts';

export interface ReviseRequest extends CampaignRef {
  readonly approval: ApprovalOutcome;
  readonly generation: Generation;
}

export interface ReviseDependencies extends BuildDependencies {
  readonly postVersions: PostVersionRepository;
}

export async function reviseCampaign(deps: ReviseDependencies, input: ReviseRequest): Promise<ReviseOutput> {
  const { tenantId, campaignId, generation } = input;
  const guidance = input.approval.comment?.trim() ?? '';
  const campaign = await deps.campaigns.require(tenantId, campaignId);
  const posts = await deps.campaigns.listPosts(tenantId, campaignId);
  const rejected = new Set(input.approval.rejectedPostIds ?? []);
  const known = posts.map((p) => p.postId).sort();
  const postIds = rejected.size > 0 ? known.filter((id) => rejected.has(id)) : known.length > 0 ? known : generation.postIds;
  const revised = (revision: number): ReviseOutput => ({ revise: true, generation: { postIds, revision, guidance } });

  // A retry after the transition landed: answer as the first attempt did.
  if (guidance && campaign.status === 'GENERATING' && campaign.revision === generation.revision + 1) return revised(campaign.revision);
  if (campaign.status !== 'REJECTED') {
    throw new InvalidTransitionError(campaign.status, 'GENERATING', 'only a rejected campaign can be revised');
  }
  if (!guidance || campaign.revision >= MAX_REVISIONS || postIds.length === 0) {
    logger.info('Rejected campaign not revised', { reason: !guidance ? 'no reviewer comment' : postIds.length ? 'revisions spent' : 'no posts', revision: campaign.revision });
    return { revise: false, generation };
  }
  await deps.postVersions.keep(tenantId, ...posts.filter((p) => postIds.includes(p.postId) && p.status !== 'PLANNED'));
  const updated = await deps.updates.transition(deps.campaigns, tenantId, campaignId, {
    from: 'REJECTED',
    to: 'GENERATING',
    reason: `Revision ${campaign.revision + 1} requested by ${input.approval.decidedBy}${rejected.size ? ` for ${postIds.length} rejected post(s)` : ''}`,
    now: deps.now(),
  });
  return revised(updated.revision);
}
