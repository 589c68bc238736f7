// Operations: one encrypted SNS topic every alarm notifies, the alarms
// (failed or timed-out builds, expiring approvals, Lambda errors and
// throttles, undeliverable build requests, API 5xx), and a dashboard with the
// same signals. It receives what it watches as typed props from the stacks
// that own them.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { MccFunction, METRICS_NAMESPACE } from './constructs/mcc-function.ts';
import { SECURITY_EVENTS, SECURITY_SERVICE } from '../functions/shared/security-events.ts';
import type { StageSettings } from './stage.ts';

export interface MonitoringStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly alarmEmail?: string;
  readonly stateMachine: IStateMachine;
  /** Every MCC function, by a readable name. */
  readonly functions: Readonly<Record<string, IFunction>>;
  /** Each of its invocations is an approval that expired unanswered (the MarkExpired state). */
  readonly expireApproval: IFunction;
  readonly deadLetterQueue: IQueue;
  readonly httpApi: IHttpApi;
  // --- hardening (issue 20) ---
  /** The campaign table, for the throttle alarm. */
  readonly table?: ITableV2;
  /** The monthly cost budget in USD (alert at 80 %). @default no budget */
  readonly monthlyBudgetUsd?: number;
}

/** Alarm when a function runs this share of its timeout: the next slow dependency makes it time out. */
export const DURATION_ALARM_SHARE = 0.8;
/** Refused requests (forged or expired links, webhook 401s, GraphQL refusals) in 5 minutes that count as a spike. */
export const SECURITY_SPIKE = 10;

const FIVE_MINUTES = Duration.minutes(5);

export class MonitoringStack extends Stack {
  public readonly alarmTopic: Topic;
  public readonly alarms: Alarm[] = [];
  public readonly dashboard: Dashboard;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    this.stage = props.settings.stage;
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the MCC alarm topic',
      enableKeyRotation: true,
      removalPolicy: props.settings.removalPolicy,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: `MCC ${props.settings.stage} alarms`, masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    const sm = props.stateMachine;
    const sum = { period: FIVE_MINUTES, statistic: 'Sum' } as const;
    this.alarm('ExecutionsFailed', sm.metricFailed(sum), 'A campaign build failed (ended in Failed or SaveFailed)');
    this.alarm('ExecutionsTimedOut', sm.metricTimedOut(sum), 'A campaign build ran past the state machine timeout');
    this.alarm('ApprovalsExpired', props.expireApproval.metricInvocations(sum), 'An approval request expired unanswered (MarkExpired ran)');
    this.alarm(
      'BuildRequestsUndelivered',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      'Build requests EventBridge could not deliver are waiting in the dead-letter queue',
    );
    this.alarm('HttpApi5xx', props.httpApi.metricServerError(sum), 'The webhook or approval endpoints answered with 5xx');
    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${capitalise(name)}Errors`, fn.metricErrors(sum), `${name} raised errors`);
      this.alarm(`${capitalise(name)}Throttles`, fn.metricThrottles(sum), `${name} was throttled`);
    }

    // --- hardening (issue 20): duration, table throttles, security events, budget ---
    for (const [name, fn] of Object.entries(props.functions)) {
      if (!(fn instanceof MccFunction)) continue;
      const limitMs = fn.timeoutLimit.toMilliseconds() * DURATION_ALARM_SHARE;
      this.alarm(`${capitalise(name)}NearTimeout`, fn.metricDuration({ period: FIVE_MINUTES, statistic: 'Maximum' }), `${name} ran longer than ${DURATION_ALARM_SHARE * 100} % of its timeout`, limitMs);
    }
    if (props.table) {
      const throttles = (metricName: string) =>
        new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: props.table?.tableName ?? '' }, ...sum });
      this.alarm(
        'TableThrottles',
        new MathExpression({ expression: 'reads + writes', usingMetrics: { reads: throttles('ReadThrottleEvents'), writes: throttles('WriteThrottleEvents') }, label: 'throttle events', period: FIVE_MINUTES }),
        'DynamoDB throttled reads or writes of the campaign table',
      );
    }
    const security = Object.fromEntries(
      Object.values(SECURITY_EVENTS).map((event) => [
        event.charAt(0).toLowerCase() + event.slice(1),
        new Metric({ namespace: METRICS_NAMESPACE, metricName: event, dimensionsMap: { service: SECURITY_SERVICE }, ...sum }),
      ]),
    );
    this.alarm(
      'SecurityEventsSpike',
      new MathExpression({ expression: Object.keys(security).join(' + '), usingMetrics: security, label: 'refused requests', period: FIVE_MINUTES }),
      `At least ${SECURITY_SPIKE} forged or expired approval links, webhook 401s or GraphQL authorisation refusals in 5 minutes`,
      SECURITY_SPIKE,
    );
    if (props.monthlyBudgetUsd) this.budget(props.monthlyBudgetUsd, key, props.alarmEmail);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `mcc-${props.settings.stage}`,
      defaultInterval: Duration.hours(24),
    });
    const functions = Object.entries(props.functions);
    this.dashboard.addWidgets(
      new TextWidget({ markdown: `# Marketing Command Center (${props.settings.stage})\nAlarms notify the SNS topic ${this.alarmTopic.topicName}.`, width: 24, height: 2 }),
      new GraphWidget({
        title: 'Campaign builds',
        left: [sm.metricStarted(sum), sm.metricSucceeded(sum), sm.metricFailed(sum), sm.metricTimedOut(sum)],
        width: 12,
      }),
      new GraphWidget({
        title: 'Approvals expired / undelivered requests',
        left: [props.expireApproval.metricInvocations({ ...sum, label: 'approvals expired' })],
        right: [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, label: 'DLQ depth' })],
        width: 12,
      }),
      new GraphWidget({ title: 'Lambda errors', left: functions.map(([name, fn]) => fn.metricErrors({ ...sum, label: name })), width: 12 }),
      new GraphWidget({ title: 'Lambda throttles', left: functions.map(([name, fn]) => fn.metricThrottles({ ...sum, label: name })), width: 12 }),
      new GraphWidget({
        title: 'Lambda duration p90',
        left: functions.map(([name, fn]) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p90', label: name })),
        width: 12,
      }),
      new GraphWidget({
        title: 'HTTP API',
        left: [props.httpApi.metricCount(sum), props.httpApi.metricClientError(sum), props.httpApi.metricServerError(sum)],
        right: [props.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p90' })],
        width: 12,
      }),
      new GraphWidget({
        title: 'Campaign Updated events not published',
        // Powertools adds a `service` dimension per function; SEARCH sums across all of them.
        left: [
          new MathExpression({
            expression: `SUM(SEARCH('{${METRICS_NAMESPACE},service} MetricName="CampaignUpdatePublishFailed"', 'Sum', 300))`,
            label: 'not published',
            period: FIVE_MINUTES,
          }),
        ],
        width: 12,
      }),
    );
  }

  /** An AWS Budgets cost budget: actual monthly spend above 80 % notifies the alarm topic (and the alarm e-mail). */
  private budget(amountUsd: number, key: Key, email: string | undefined): void {
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    new CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName: `mcc-${this.stage}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: amountUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80, thresholdType: 'PERCENTAGE' },
          subscribers: [{ subscriptionType: 'SNS', address: this.alarmTopic.topicArn }, ...(email ? [{ subscriptionType: 'EMAIL', address: email }] : [])],
        },
      ],
    });
  }

  private alarm(id: string, metric: IMetric, description: string, threshold = 1): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
    return alarm;
  }
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
