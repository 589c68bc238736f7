// Powertools for AWS Lambda, created once per function instance and shared by
// every module in it. The service name and log level come from the standard
// POWERTOOLS_* environment variables the CDK function wrapper sets. Business
// metrics go out as CloudWatch embedded metric format (EMF) lines in the
// function's log; each invocation flushes what it recorded (flushMetrics).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'mcc' });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'MarketingCommandCenter' });

/** Campaign ID is the correlation ID: every log line about a campaign can be found by it. */
export function correlate(keys: { tenantId?: string; campaignId?: string; executionArn?: string }): void {
  logger.appendKeys(keys);
  if (keys.campaignId) logger.setCorrelationId(keys.campaignId);
}

/** The business metrics, one name each, in the MarketingCommandCenter namespace with the `service` dimension. */
export const METRIC = {
  campaignsStarted: 'CampaignsStarted',
  campaignsSucceeded: 'CampaignsSucceeded',
  campaignsFailed: 'CampaignsFailed',
  postsGenerated: 'PostsGenerated',
  postsFailed: 'PostsFailed',
  /** Seconds from the approval request to the approver's decision. */
  approvalLatency: 'ApprovalLatency',
  /** Workfront webhook deliveries, by `eventType` and `outcome`. */
  workfrontEvents: 'WorkfrontEvents',
} as const;
export type CountMetric = Exclude<(typeof METRIC)[keyof typeof METRIC], 'ApprovalLatency' | 'WorkfrontEvents'>;

export function countMetric(name: CountMetric, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** decidedAt − createdAt of an approval, in seconds (ISO timestamps). */
export function recordApprovalLatency(createdAt: string, decidedAt: string): void {
  const seconds = (Date.parse(decidedAt) - Date.parse(createdAt)) / 1000;
  if (Number.isFinite(seconds) && seconds >= 0) metrics.addMetric(METRIC.approvalLatency, MetricUnit.Seconds, seconds);
}

const EVENT_TYPES = new Set(['CREATE', 'UPDATE', 'DELETE', 'SHARE']);

/** One webhook delivery, published at once with its own dimensions (event types outside Workfront's set count as OTHER). */
export function recordWorkfrontEvent(eventType: string, outcome: string): void {
  const single = metrics.singleMetric();
  single.addDimensions({ eventType: EVENT_TYPES.has(eventType) ? eventType : 'OTHER', outcome });
  single.addMetric(METRIC.workfrontEvents, MetricUnit.Count, 1);
}

/** Writes this invocation's metrics as one EMF line; says nothing when none were recorded. */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
