// `mcc.workfront` / `Workfront Object Updated` on the `mcc` bus, after a
// webhook changed what MCC knows about a Workfront object. A notification:
// the stored link is the truth, so a failed publish is logged and counted,
// never thrown (as with Campaign Updated).
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../shared/observability.ts';

export const WORKFRONT_OBJECT_UPDATED = { source: 'mcc.workfront', detailType: 'Workfront Object Updated' } as const;

export interface WorkfrontObjectUpdatedDetail {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly postId?: string;
  readonly objCode: string;
  readonly objId: string;
  readonly eventType: string;
  readonly status?: string;
  readonly previousStatus?: string;
  readonly eventAt: string;
}

export class WorkfrontObjectEvents {
  readonly #events: EventBridgeClient;
  readonly #busName: string;

  constructor(events: EventBridgeClient, busName: string) {
    this.#events = events;
    this.#busName = busName;
  }

  async published(detail: WorkfrontObjectUpdatedDetail): Promise<void> {
    try {
      const result = await this.#events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.#busName,
              Source: WORKFRONT_OBJECT_UPDATED.source,
              DetailType: WORKFRONT_OBJECT_UPDATED.detailType,
              Detail: JSON.stringify(detail),
            },
          ],
        }),
      );
      if (result.FailedEntryCount) throw new Error(result.Entries?.[0]?.ErrorMessage ?? 'PutEvents rejected the entry');
    } catch (error) {
      metrics.addMetric('WorkfrontObjectUpdatedPublishFailed', MetricUnit.Count, 1);
      logger.warn('Workfront Object Updated event not published; the stored link stands', { error, objId: detail.objId });
    }
  }
}
