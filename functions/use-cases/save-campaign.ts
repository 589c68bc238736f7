// Save: validates a Campaign Build Requested event and writes the campaign
// with a conditional create. The campaign ID is the event's own or derives
// from the event ID, so a redelivered event names the same campaign and ends
// as a duplicate instead of a second build.
import { createHash } from 'node:crypto';
import { parseBrief } from '../domain/campaign-brief.ts';
import { normaliseEventBrief } from '../domain/event-brief.ts';
import { newCampaign, type Campaign } from '../domain/campaign.ts';
import { AlreadyExistsError, ValidationError, type FieldIssue } from '../domain/errors.ts';
import { toFieldIssues } from '../domain/validate.ts';
import { Id } from '../domain/vocabulary.ts';
import { logger } from '../shared/observability.ts';
import { BuildRequestedDetail, type SaveInput, type SaveOutput } from '../workflow/contracts.ts';
import type { BuildDependencies } from './build-dependencies.ts';

/** `cmp-<eventId>`; an event ID outside the ID alphabet (or too long) is hashed instead, still deterministically. */
export function campaignIdForEvent(eventId: string): string {
  const direct = `cmp-${eventId}`;
  return Id.safeParse(direct).success ? direct : `cmp-${createHash('sha256').update(eventId).digest('hex').slice(0, 40)}`;
}

/** Parses the detail and its brief together, so one ValidationError names every bad field of both. */
export function parseBuildRequest(detail: unknown): { tenantId: string; campaignId?: string; brief: Campaign['brief'] } {
  const issues: FieldIssue[] = [];
  const envelope = BuildRequestedDetail.safeParse(detail);
  const under = (prefix: string) => (issue: FieldIssue) => ({ ...issue, field: issue.field === '(root)' ? prefix : `${prefix}.${issue.field}` });
  if (!envelope.success) issues.push(...toFieldIssues(envelope.error).map(under('detail')));
  const briefInput = typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>).brief : undefined;
  let brief: Campaign['brief'] | undefined;
  try {
    brief = parseBrief(normaliseEventBrief(briefInput));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // A missing brief is already named by the envelope check.
    if (briefInput !== undefined) issues.push(...error.issues.map(under('detail.brief')));
  }
  if (issues.length > 0 || !envelope.success || !brief) {
    throw new ValidationError('Campaign Build Requested event', issues.length > 0 ? issues : [{ field: 'detail.brief', message: 'is required' }]);
  }
  return { tenantId: envelope.data.tenantId, ...(envelope.data.campaignId ? { campaignId: envelope.data.campaignId } : {}), brief };
}

/** Was the stored campaign written by an earlier attempt of this very execution (the write landed, the reply did not)? */
function ownEarlierAttempt(stored: Campaign, input: SaveInput): boolean {
  if (stored.sourceEventId !== input.eventId || stored.status !== 'REQUESTED') return false;
  // Two executions of one redelivered event both find REQUESTED; only the one that wrote it carries on.
  return input.executionId === undefined || stored.buildExecutionId === input.executionId;
}

export async function saveCampaign(deps: BuildDependencies, input: SaveInput): Promise<SaveOutput> {
  const request = parseBuildRequest(input.detail);
  const campaignId = request.campaignId ?? campaignIdForEvent(input.eventId);
  const campaign = newCampaign({
    tenantId: request.tenantId,
    campaignId,
    brief: request.brief,
    sourceEventId: input.eventId,
    ...(input.executionId ? { buildExecutionId: input.executionId } : {}),
    now: deps.now(),
  });
  try {
    await deps.campaigns.create(campaign);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const stored = await deps.campaigns.require(request.tenantId, campaignId);
    if (ownEarlierAttempt(stored, input)) {
      logger.info('Campaign already saved by an earlier attempt for this event; continuing', { campaignId });
      await deps.updates.published(stored);
      return { tenantId: request.tenantId, campaignId, duplicate: false };
    }
    logger.info('Duplicate build request; this execution ends here', { campaignId, status: stored.status });
    return { tenantId: request.tenantId, campaignId, duplicate: true };
  }
  await deps.updates.published(campaign);
  return { tenantId: request.tenantId, campaignId, duplicate: false };
}
