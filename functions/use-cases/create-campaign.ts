// createCampaign from the GraphQL API: the same Campaign Build Requested event
// an integration puts with `aws events put-events`, so a build has one code
// path. The campaign ID is chosen here and sent in the event, which lets the
// API answer at once with the campaign as Save will create it (REQUESTED, tier
// from the same rules); Save writes it under that ID with a conditional create,
// so a redelivered event cannot build it twice.
import { randomUUID } from 'node:crypto';
import { parseBrief, type CampaignBrief } from '../domain/campaign-brief.ts';
import { newCampaign, type Campaign } from '../domain/campaign.ts';
import { ValidationError } from '../domain/errors.ts';
import type { BuildRequests } from '../ports/build-requests.ts';
import type { BuildRequestedDetail } from '../workflow/contracts.ts';

export interface CreateCampaignDeps {
  readonly builds: BuildRequests;
}

/** The GraphQL input: the brief, with the API's field names (targetAudience = brief.audience). */
export interface CreateCampaignRequest {
  readonly tenantId: string;
  readonly input: Record<string, unknown>;
  /** The caller's e-mail, used when the input names no requester. */
  readonly callerEmail?: string;
  readonly now: Date;
  readonly newId?: () => string;
}

/** API field names that differ from the brief's, both ways. */
const API_NAMES: Readonly<Record<string, string>> = { audience: 'targetAudience' };

export function briefFromInput(input: Record<string, unknown>, callerEmail: string | undefined): CampaignBrief {
  const { targetAudience, requestedBy, ...rest } = input;
  try {
    return parseBrief({ ...rest, audience: targetAudience, requestedBy: requestedBy ?? callerEmail });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      'campaign input',
      error.issues.map((issue) => {
        const [head, ...tail] = issue.field.split('.');
        return { ...issue, field: [API_NAMES[head ?? ''] ?? head, ...tail].join('.') };
      }),
    );
  }
}

export async function createCampaign(deps: CreateCampaignDeps, request: CreateCampaignRequest): Promise<Campaign> {
  const brief = briefFromInput(request.input, request.callerEmail);
  const campaignId = (request.newId ?? (() => `cmp-${randomUUID()}`))();
  const detail: BuildRequestedDetail = { tenantId: request.tenantId, campaignId, brief };
  await deps.builds.request(detail);
  return newCampaign({ tenantId: request.tenantId, campaignId, brief, now: request.now });
}
