// Applies one Workfront event to the campaign it concerns: find the campaign
// through the object's link (GSI2), drop redeliveries (Workfront retries for
// up to 48 hours) and events older than the last one applied, record the
// object's new status on the link, then announce it. Only what Workfront's
// 5-second budget allows happens here; anything slower belongs to consumers
// of the Workfront Object Updated event.
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { DeduplicationStore } from '../data/deduplication-store.ts';
import { WorkfrontObjCode } from '../domain/workfront-link.ts';
import { logger } from '../shared/observability.ts';
import { timestampOf, type WorkfrontEvent } from '../workfront/event-payload.ts';
import type { WorkfrontObjectEvents } from '../workfront/object-updated-events.ts';
import type { ExecutionRepository } from '../data/execution-repository.ts';
import { applyTaskProgress } from './execution/apply-task-progress.ts';

export const DEDUP_SCOPE = 'workfront-webhook';
/** Workfront retries for 48 hours; keep claims a day longer than that. */
export const DEDUP_TTL_SECONDS = 72 * 3600;
/** MCC's marker for an object deleted in Workfront (Workfront has no such status code). */
export const DELETED_STATUS = 'DELETED';

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale' | 'untracked' | 'ignored';

export interface ApplyDeps {
  readonly repo: CampaignRepository;
  readonly dedup: DeduplicationStore;
  readonly events: WorkfrontObjectEvents;
  readonly now: () => Date;
  /** Execution (issue 15): a task's status and percent complete flow into its execution task. */
  readonly execution?: ExecutionRepository;
}

export async function applyWorkfrontEvent(deps: ApplyDeps, tenantId: string, event: WorkfrontEvent): Promise<ApplyOutcome> {
  const objCode = WorkfrontObjCode.safeParse(event.objCode);
  if (!objCode.success || !['CREATE', 'UPDATE', 'DELETE'].includes(event.eventType)) return 'ignored';
  const link = await deps.repo.findWorkfrontLink(tenantId, objCode.data, event.objId);
  if (!link) return 'untracked';

  const now = deps.now();
  const claim = { tenantId, scope: DEDUP_SCOPE, key: event.dedupKey, ttlSeconds: DEDUP_TTL_SECONDS };
  if (!(await deps.dedup.claim(claim, now))) return 'duplicate';
  try {
    const status = event.eventType === 'DELETE' ? DELETED_STATUS : (event.status ?? link.status);
    if (!status) return 'ignored';
    // Without any timestamp in the payload, arrival time orders the event.
    const eventAt = event.eventAt ?? timestampOf(now.toISOString()) ?? now.toISOString();
    // Before the link records the event: if this fails, Workfront's retry is not taken for stale.
    if (deps.execution) {
      await applyTaskProgress(deps.execution, tenantId, link, { status, percentComplete: event.percentComplete, eventAt, deleted: event.eventType === 'DELETE' }, now);
    }
    const updated = await deps.repo.updateWorkfrontLinkStatus(tenantId, link, { status, eventAt, now });
    if (!updated) {
      logger.info('Older Workfront event ignored', { objCode: event.objCode, objId: event.objId, eventAt, lastEventAt: link.lastEventAt });
      return 'stale';
    }
    await deps.events.published({
      tenantId,
      campaignId: link.campaignId,
      ...(link.postId ? { postId: link.postId } : {}),
      objCode: objCode.data,
      objId: event.objId,
      eventType: event.eventType,
      status,
      ...(link.status ? { previousStatus: link.status } : {}),
      eventAt,
    });
    return 'applied';
  } catch (error) {
    // Give the claim back so Workfront's retry of this delivery is processed.
    await deps.dedup.release(tenantId, DEDUP_SCOPE, event.dedupKey).catch((releaseError: unknown) =>
      logger.error('Could not release the de-duplication claim', { error: releaseError }),
    );
    throw error;
  }
}
