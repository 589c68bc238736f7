// Publishing a notification event on the `mcc` bus. Notifications follow a
// stored change (a campaign's status, a Workfront link): the stored item is
// the truth, so a failed publish is logged and counted, never thrown — a
// retry of the caller would repeat the change, not just the notification.
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from './observability.ts';

export interface NotificationKind {
  readonly source: string;
  readonly detailType: string;
}

export class Notifier {
  readonly #events: EventBridgeClient;
  readonly #busName: string;

  constructor(events: EventBridgeClient, busName: string) {
    this.#events = events;
    this.#busName = busName;
  }

  /** Sends one event; on failure counts `failureMetric` and logs `context` (IDs, never payloads). */
  async notify(kind: NotificationKind, detail: object, failureMetric: string, context: Record<string, unknown>): Promise<void> {
    try {
      const result = await this.#events.send(
        new PutEventsCommand({
          Entries: [{ EventBusName: this.#busName, Source: kind.source, DetailType: kind.detailType, Detail: JSON.stringify(detail) }],
        }),
      );
      if (result.FailedEntryCount) throw new Error(result.Entries?.[0]?.ErrorMessage ?? 'PutEvents rejected the entry');
    } catch (error) {
      metrics.addMetric(failureMetric, MetricUnit.Count, 1);
      logger.warn(`${kind.detailType} event not published; the stored change stands`, { error, ...context });
    }
  }
}
