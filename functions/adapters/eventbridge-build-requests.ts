// BuildRequests over EventBridge: one PutEvents entry on the MCC bus, the same
// event an integration puts with `aws events put-events`, so a build has one
// code path. PutEvents answers 200 even when an entry is refused
// (FailedEntryCount > 0), so that case is checked here.
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DependencyUnavailableError } from '../domain/errors.ts';
import type { BuildRequests } from '../ports/build-requests.ts';
import { BUILD_REQUESTED, type BuildRequestedDetail } from '../workflow/contracts.ts';
import { mappingDependencyErrors } from './dependency-errors.ts';

export class EventBridgeBuildRequests implements BuildRequests {
  readonly #events: EventBridgeClient;
  readonly #busName: string;

  constructor(events: EventBridgeClient, busName: string) {
    this.#events = events;
    this.#busName = busName;
  }

  async request(detail: BuildRequestedDetail): Promise<void> {
    const result = await mappingDependencyErrors(() =>
      this.#events.send(
        new PutEventsCommand({
          Entries: [{ EventBusName: this.#busName, Source: BUILD_REQUESTED.source, DetailType: BUILD_REQUESTED.detailType, Detail: JSON.stringify(detail) }],
        }),
      ),
    );
    if (result.FailedEntryCount) {
      throw new DependencyUnavailableError(`The build request was not accepted: ${result.Entries?.[0]?.ErrorCode ?? 'unknown error'}`);
    }
  }
}
