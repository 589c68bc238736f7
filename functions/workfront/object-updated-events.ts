// `mcc.workfront` / `Workfront Object Updated` on the `mcc` bus, after a
// webhook changed what MCC knows about a Workfront object. A notification:
// the stored link is the truth, so a failed publish is logged and counted,
// never thrown (as with Campaign Updated).
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { Notifier } from '../shared/notifications.ts';
import { WORKFRONT_OBJECT_UPDATED } from '../workflow/contracts.ts';

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
  readonly #notifier: Notifier;

  constructor(events: EventBridgeClient, busName: string) {
    this.#notifier = new Notifier(events, busName);
  }

  async published(detail: WorkfrontObjectUpdatedDetail): Promise<void> {
    await this.#notifier.notify(WORKFRONT_OBJECT_UPDATED, detail, 'WorkfrontObjectUpdatedPublishFailed', { objId: detail.objId, campaignId: detail.campaignId });
  }
}
