// The build-requests port: asking for a campaign build, i.e. the Campaign
// Build Requested event that starts the CampaignBuild state machine. The
// adapter (EventBridge PutEvents) reports a refused entry as
// DependencyUnavailableError, so the use case sees no SDK types.
import type { BuildRequestedDetail } from '../workflow/contracts.ts';

export interface BuildRequests {
  /** Resolves once the bus has accepted the request; throws a named error otherwise. */
  request(detail: BuildRequestedDetail): Promise<void>;
}
