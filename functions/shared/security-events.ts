// Security events: requests refused for who (or what) sent them — a forged or
// expired approval link, a webhook call without the tenant's token, a GraphQL
// call the caller's identity does not allow. Each is logged as such (level
// WARN, `securityEvent` = its kind, never the token itself) and counted at
// once as its own metric under the fixed dimension service=security, so one
// alarm in the monitoring stack can sum them across every function and fire
// on a spike.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './observability.ts';

export const SECURITY_EVENTS = {
  forgedApprovalLink: 'ForgedApprovalLinks',
  expiredApprovalLink: 'ExpiredApprovalLinks',
  webhookUnauthorized: 'WebhookUnauthorized',
  graphqlUnauthorized: 'GraphqlUnauthorized',
} as const;
export type SecurityEvent = (typeof SECURITY_EVENTS)[keyof typeof SECURITY_EVENTS];

/** The `service` dimension every security metric carries, whichever function records it. */
export const SECURITY_SERVICE = 'security';

const securityMetrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'MarketingCommandCenter', serviceName: SECURITY_SERVICE });

/** Logs and counts one refused request; `details` must name no secret (no token, no signature). */
export function recordSecurityEvent(event: SecurityEvent, details: Readonly<Record<string, string | undefined>> = {}): void {
  logger.warn(`Security event: ${event}`, { securityEvent: event, ...details });
  // A single metric is written at once, so it is counted even when the invocation fails later.
  securityMetrics.singleMetric().addMetric(event, MetricUnit.Count, 1);
}
