// MarkFailed (any unhandled error in the build): the campaign goes FAILED
// with the error as its reason. A campaign that can no longer fail — already
// finished, already FAILED, or never created — is left as it is, so this last
// step never masks the error that brought the execution here.
import type { CampaignStatus } from '../domain/campaign-status.ts';
import { InvalidTransitionError, NotFoundError } from '../domain/errors.ts';
import { logger } from '../shared/observability.ts';
import type { CampaignRef, StepError } from '../workflow/contracts.ts';
import type { BuildDependencies } from './build-dependencies.ts';
import { describeStepError } from './step-error-reason.ts';

export interface MarkFailedResult {
  readonly campaignId: string;
  /** The campaign's status afterwards; null when there is no such campaign. */
  readonly status: CampaignStatus | null;
}

export async function markCampaignFailed(deps: BuildDependencies, input: CampaignRef & { error: StepError }): Promise<MarkFailedResult> {
  const { tenantId, campaignId } = input;
  try {
    const failed = await deps.updates.transition(deps.campaigns, tenantId, campaignId, {
      to: 'FAILED',
      reason: describeStepError(input.error),
      now: deps.now(),
    });
    return { campaignId, status: failed.status };
  } catch (error) {
    if (error instanceof NotFoundError) {
      logger.warn('MarkFailed: no such campaign', { campaignId });
      return { campaignId, status: null };
    }
    if (!(error instanceof InvalidTransitionError)) throw error;
    const current = await deps.campaigns.require(tenantId, campaignId);
    logger.warn('MarkFailed: campaign left as it is', { status: current.status, error: input.error.Error });
    return { campaignId, status: current.status };
  }
}
