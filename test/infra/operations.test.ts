// What the original infrastructure plan asked of operations: a cost budget
// with an 80 % alert, reserved concurrency where a downstream needs
// protecting, alarms on duration near the timeout and on table throttles,
// and one alarm on a spike of security events.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_EVENTS, SECURITY_SERVICE } from '../../functions/shared/security-events.ts';
import { SECURITY_SPIKE } from '../../lib/monitoring-stack.ts';
import { type Json, synthMcc } from './mcc-synth.ts';

let monitoring: Template;
let api: Template;
let workflow: Template;

beforeAll(() => {
  ({ monitoring, api, workflow } = synthMcc().templates);
});

const alarms = () => Object.entries(monitoring.findResources('AWS::CloudWatch::Alarm')) as [string, { Properties: Json }][];

describe('operations', () => {
  it('has a monthly cost budget of $10 by default that alerts at 80 % of actual spend', () => {
    monitoring.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 10, Unit: 'USD' }, BudgetName: 'mcc-dev-monthly' },
      NotificationsWithSubscribers: [
        {
          Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' },
          Subscribers: Match.arrayWith([Match.objectLike({ SubscriptionType: 'SNS' })]),
        },
      ],
    });
  });

  it('takes the budget amount and alert address from context', () => {
    const { templates } = synthMcc({ monthlyBudgetUsd: '250', alarmEmail: 'ops@example.com' });
    templates.monitoring.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ BudgetLimit: { Amount: 250, Unit: 'USD' } }),
      NotificationsWithSubscribers: [Match.objectLike({ Subscribers: Match.arrayWith([{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }]) })],
    });
  });

  it('reserves concurrency for the webhook and the writer calls only', () => {
    api.hasResourceProperties('AWS::Lambda::Function', { Environment: Match.objectLike({ Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'workfront-webhook' }) }), ReservedConcurrentExecutions: 10 });
    workflow.hasResourceProperties('AWS::Lambda::Function', { Environment: Match.objectLike({ Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'generate-post' }) }), ReservedConcurrentExecutions: 10 });
    const reserved = [...Object.values(api.findResources('AWS::Lambda::Function')), ...Object.values(workflow.findResources('AWS::Lambda::Function'))].filter(
      (f) => (f as { Properties: Json }).Properties.ReservedConcurrentExecutions !== undefined,
    );
    expect(reserved).toHaveLength(2);
  });

  it('alarms when a function runs past 80 % of its timeout', () => {
    const near = alarms().filter(([id]) => id.includes('NearTimeout'));
    expect(near.length).toBeGreaterThanOrEqual(10);
    const webhook = near.find(([id]) => id.startsWith('WorkfrontWebhookNearTimeout'));
    // The webhook's timeout is 5 s (Workfront's limit): alarm above 4 s.
    expect(webhook?.[1].Properties).toMatchObject({ MetricName: 'Duration', Statistic: 'Maximum', Threshold: 4000 });
  });

  it('alarms on DynamoDB read or write throttling of the table', () => {
    const [, alarm] = alarms().find(([id]) => id.startsWith('TableThrottles')) ?? [];
    const names = JSON.stringify(alarm?.Properties.Metrics);
    expect(names).toContain('ReadThrottleEvents');
    expect(names).toContain('WriteThrottleEvents');
  });

  it('alarms on a spike of security events summed over every kind', () => {
    const [, alarm] = alarms().find(([id]) => id.startsWith('SecurityEventsSpike')) ?? [];
    expect(alarm?.Properties.Threshold).toBe(SECURITY_SPIKE);
    const metrics = alarm?.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: string }[] } } }[];
    const counted = metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
    expect(counted.map((m) => m.MetricName).sort()).toEqual(Object.values(SECURITY_EVENTS).sort());
    for (const metric of counted) expect(metric.Dimensions).toEqual([{ Name: 'service', Value: SECURITY_SERVICE }]);
  });
});
