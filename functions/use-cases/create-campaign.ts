// createCampaign from the GraphQL API: the same Campaign Build Requested event
// an integration puts with `aws events put-events`, so a build has one code
// path. The campaign ID is chosen here and sent in the event, which lets the
// API answer at once with the campaign as Save will create it (REQUESTED, tier
// from the same rules); Save writes it under that ID with a conditional create,
// so a redelivered event cannot build it twice.
//
// A retried call (the client timed out, the network dropped the answer) would
// still pick a new ID and build a second campaign; with `clientRequestId` the
// same key within 24 hours returns the same campaign instead (claimed in the
// de-duplication store with the campaign ID it was given).
import { createHash, randomUUID } from 'node:crypto';
import { parseBrief, type CampaignBrief } from '../domain/campaign-brief.ts';
import { newCampaign, type Campaign } from '../domain/campaign.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { DeduplicationStore } from '../data/deduplication-store.ts';
import { ConflictError, ValidationError } from '../domain/errors.ts';
import { Id } from '../domain/vocabulary.ts';
import type { BuildRequests } from '../ports/build-requests.ts';
import type { BuildRequestedDetail } from '../workflow/contracts.ts';

export interface CreateCampaignDeps {
  readonly builds: BuildRequests;
  /** Remembers clientRequestIds and the campaign each one created. */
  readonly deduplication: DeduplicationStore;
  readonly campaigns: CampaignRepository;
}

/** How long a clientRequestId names the campaign it created. */
export const CLIENT_REQUEST_TTL_SECONDS = 24 * 3600;
const CLIENT_REQUEST_SCOPE = 'create-campaign';

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

/** Takes the idempotency key out of the input; it is no brief field. */
function splitRequestId(input: Record<string, unknown>): { clientRequestId: string | undefined; briefInput: Record<string, unknown> } {
  const { clientRequestId, ...briefInput } = input;
  if (clientRequestId === undefined || clientRequestId === null) return { clientRequestId: undefined, briefInput };
  const parsed = Id.safeParse(clientRequestId);
  if (!parsed.success) throw new ValidationError('campaign input', [{ field: 'clientRequestId', message: parsed.error.issues[0]?.message ?? 'is invalid' }]);
  return { clientRequestId: parsed.data, briefInput };
}

const fingerprintOf = (brief: CampaignBrief) => createHash('sha256').update(JSON.stringify(brief)).digest('base64url');

export async function createCampaign(deps: CreateCampaignDeps, request: CreateCampaignRequest): Promise<Campaign> {
  const { clientRequestId, briefInput } = splitRequestId(request.input);
  const brief = briefFromInput(briefInput, request.callerEmail);
  const campaignId = (request.newId ?? (() => `cmp-${randomUUID()}`))();
  const { tenantId } = request;
  if (clientRequestId) {
    const fingerprint = fingerprintOf(brief);
    const claim = await deps.deduplication.claimWithValue(
      { tenantId, scope: CLIENT_REQUEST_SCOPE, key: clientRequestId, ttlSeconds: CLIENT_REQUEST_TTL_SECONDS },
      { campaignId, fingerprint, requestedAt: request.now.toISOString() },
      request.now,
    );
    if (!claim.claimed) return sameCampaign(deps, tenantId, clientRequestId, claim.value, brief, fingerprint);
    try {
      await deps.builds.request({ tenantId, campaignId, brief });
    } catch (error) {
      // Nothing was requested: give the key back so the client's retry builds the campaign.
      await deps.deduplication.release(tenantId, CLIENT_REQUEST_SCOPE, clientRequestId);
      throw error;
    }
    return newCampaign({ tenantId, campaignId, brief, now: request.now });
  }
  const detail: BuildRequestedDetail = { tenantId, campaignId, brief };
  await deps.builds.request(detail);
  return newCampaign({ tenantId, campaignId, brief, now: request.now });
}

/** The campaign an earlier call with this clientRequestId created: as stored once Save ran, as first answered before. */
async function sameCampaign(
  deps: CreateCampaignDeps,
  tenantId: string,
  clientRequestId: string,
  prior: Readonly<Record<string, string>> | undefined,
  brief: CampaignBrief,
  fingerprint: string,
): Promise<Campaign> {
  const campaignId = prior?.campaignId;
  const requestedAt = prior?.requestedAt;
  if (!campaignId || !requestedAt) throw new ConflictError(`clientRequestId ${clientRequestId} is held by a request that recorded no campaign`);
  if (prior.fingerprint !== fingerprint) {
    throw new ConflictError(`clientRequestId ${clientRequestId} was already used for a different campaign brief; use a new clientRequestId for a new campaign`);
  }
  return (await deps.campaigns.get(tenantId, campaignId)) ?? newCampaign({ tenantId, campaignId, brief, now: new Date(requestedAt) });
}
