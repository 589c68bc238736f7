// Powertools for AWS Lambda, created once per function instance and shared by
// every module in it. The service name and log level come from the standard
// POWERTOOLS_* environment variables the CDK function wrapper sets.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'mcc' });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'MarketingCommandCenter' });

/** Campaign ID is the correlation ID: every log line about a campaign can be found by it. */
export function correlate(keys: { tenantId?: string; campaignId?: string; executionArn?: string }): void {
  logger.appendKeys(keys);
  if (keys.campaignId) logger.setCorrelationId(keys.campaignId);
}
