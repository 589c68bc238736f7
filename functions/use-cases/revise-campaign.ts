// Revise, after a rejection: with a reviewer comment and revisions left, the
// campaign goes REJECTED → GENERATING (the repository counts the revision)
// and the same posts are generated again with the comment as guidance.
// Without a comment, or with the revisions spent, the campaign stays REJECTED.
import { MAX_REVISIONS } from '../domain/campaign-status.ts';
import { InvalidTransitionError } from '../domain/errors.ts';
import { logger } from '../shared/observability.ts';
import type { ApprovalOutcome, CampaignRef, Generation, ReviseOutput } from '../workflow/contracts.ts';
import type { BuildDependencies } from './build-dependencies.ts';

export interface ReviseRequest extends CampaignRef {
  readonly approval: ApprovalOutcome;
  readonly generation: Generation;
}

export async function reviseCampaign(deps: BuildDependencies, input: ReviseRequest): Promise<ReviseOutput> {
  const { tenantId, campaignId, generation } = input;
  const guidance = input.approval.comment?.trim() ?? '';
  const campaign = await deps.campaigns.require(tenantId, campaignId);
  const revised = (revision: number): ReviseOutput => ({ revise: true, generation: { postIds: generation.postIds, revision, guidance } });

  // A retry after the transition landed: answer as the first attempt did.
  if (guidance && campaign.status === 'GENERATING' && campaign.revision === generation.revision + 1) return revised(campaign.revision);
  if (campaign.status !== 'REJECTED') {
    throw new InvalidTransitionError(campaign.status, 'GENERATING', 'only a rejected campaign can be revised');
  }
  if (!guidance || campaign.revision >= MAX_REVISIONS) {
    logger.info('Rejected campaign not revised', { reason: guidance ? 'revisions spent' : 'no reviewer comment', revision: campaign.revision });
    return { revise: false, generation };
  }
  const updated = await deps.updates.transition(deps.campaigns, tenantId, campaignId, {
    from: 'REJECTED',
    to: 'GENERATING',
    reason: `Revision ${campaign.revision + 1} requested by ${input.approval.decidedBy}`,
    now: deps.now(),
  });
  return revised(updated.revision);
}
