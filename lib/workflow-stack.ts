// The campaign build: the Task Lambdas, the CampaignBuild state machine
// (Standard, JSONPath, X-Ray, ALL-level logs), and the EventBridge rule that
// starts it for every `mcc.campaigns` / `Campaign Build Requested` event, with
// bounded retries and an encrypted dead-letter queue for events it could not
// deliver.
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventField, type IEventBus, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { BUILD_REQUESTED } from '../functions/workflow/contracts.ts';
import type { McConfig } from './config.ts';
import { CampaignBuild } from './constructs/campaign-build.ts';
import { ApprovalReminders } from './constructs/approval-reminders.ts';
import { type AgentBinding, MccFunction, type WorkfrontSettings } from './constructs/mcc-function.ts';
import { acknowledge } from './nag.ts';
import type { StageSettings } from './stage.ts';

export interface WorkflowStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly config: McConfig;
  readonly table: ITableV2;
  readonly eventBus: IEventBus;
  readonly approvalSigningKey: ISecret;
  readonly workfrontCredentials: ISecret;
  readonly agents: AgentBinding;
  /** `{approvalBaseUrl}/approvals/{jwt}` is what the approver receives. */
  readonly approvalBaseUrl: string;
  /** Fixed, so the approval callback's permission can name it before it exists. */
  readonly stateMachineName: string;
}

/** Initial approval plus the two revisions the status machine allows. */
const APPROVAL_ROUNDS = 3;

export function campaignBuildStateMachineName(stage: string): string {
  return `mcc-${stage}-campaign-build`;
}

export class WorkflowStack extends Stack {
  public readonly stateMachine: StateMachine;
  public readonly rule: Rule;
  public readonly deadLetterQueue: Queue;
  public readonly functions: Readonly<Record<string, MccFunction>>;
  public readonly expireApproval: MccFunction;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { config, settings } = props;
    const base = { settings, logLevel: config.logLevel };
    const workfront: WorkfrontSettings = {
      baseUrl: config.workfrontBaseUrl,
      apiVersion: config.workfrontApiVersion,
      authMode: config.workfrontAuthMode,
      imsUrl: config.workfrontImsUrl,
    };
    const agentTimeout = Duration.minutes(5);
    const withData = (fn: MccFunction) => fn.bindTable(props.table, 'readWrite').bindEventBus(props.eventBus);

    const saveCampaign = withData(new MccFunction(this, 'SaveCampaign', { ...base, handlerName: 'save-campaign', description: 'Save: validates the brief and stores the campaign once' }));
    const planCampaign = withData(
      new MccFunction(this, 'PlanCampaign', { ...base, handlerName: 'plan-campaign', description: 'Plan: the planner agent plans the posts', timeout: agentTimeout, memorySize: 1024 }),
    ).bindAgents(props.agents);
    const generatePost = withData(
      new MccFunction(this, 'GeneratePost', {
        ...base,
        handlerName: 'generate-post',
        description: 'GeneratePost: the writer agent drafts one post',
        timeout: agentTimeout,
        memorySize: 1024,
        // The writer calls share one Bedrock model quota: every build's Map together stays within it.
        reservedConcurrentExecutions: config.writerConcurrency,
      }),
    ).bindAgents(props.agents);
    const campaignOutcome = withData(
      new MccFunction(this, 'CampaignOutcome', {
        ...base,
        handlerName: 'campaign-outcome',
        description: 'RecordPostFailure, Revise and MarkFailed',
        timeout: agentTimeout,
        memorySize: 1024,
      }),
    ).bindAgents(props.agents);
    const requestApproval = withData(
      new MccFunction(this, 'RequestApproval', { ...base, handlerName: 'request-approval', description: 'RequestApproval: stores the task token, e-mails signed links' }),
    )
      .bindSecret('SIGNING_KEY_SECRET_ID', props.approvalSigningKey)
      .withEnvironment({
        APPROVAL_BASE_URL: props.approvalBaseUrl,
        APPROVAL_WINDOW_SECONDS: String(config.approvalWindowSeconds),
        MAIL_FROM: config.mailFrom,
      })
      .allowSendEmailFrom(config.mailFrom);
    const expireApproval = withData(
      new MccFunction(this, 'ExpireApproval', { ...base, handlerName: 'expire-approval', description: 'MarkExpired: closes an approval nobody answered' }),
    )
      .withEnvironment({ MAIL_FROM: config.mailFrom })
      .allowSendEmailFrom(config.mailFrom);
    const syncToWorkfront = withData(
      new MccFunction(this, 'SyncToWorkfront', {
        ...base,
        handlerName: 'sync-to-workfront',
        description: 'SyncToWorkfront: creates the project and its execution tasks, idempotently',
        // Execution (issue 15): one Workfront call per task of the plan, one at a time.
        timeout: Duration.minutes(5),
      }),
    ).bindWorkfront(workfront, props.workfrontCredentials);
    // notifications (issue 17): reminders at 50 % / 90 % of the window, cleared on every way out of it.
    const reminders = new ApprovalReminders(this, 'ApprovalReminders', {
      settings,
      logLevel: config.logLevel,
      table: props.table,
      eventBus: props.eventBus,
      approvalSigningKey: props.approvalSigningKey,
      approvalBaseUrl: props.approvalBaseUrl,
      mailFrom: config.mailFrom,
    });
    requestApproval.bindApprovalReminders(reminders.groupPrefix, reminders.function, reminders.schedulerRole);
    expireApproval.allowClearingApprovalReminders(reminders.groupPrefix);
    const approvalReminder = reminders.function;
    this.expireApproval = expireApproval;
    this.functions = { saveCampaign, planCampaign, generatePost, campaignOutcome, requestApproval, expireApproval, syncToWorkfront, approvalReminder };

    const approvalWindow = Duration.seconds(config.approvalWindowSeconds);
    const build = new CampaignBuild(this, 'Definition', {
      functions: { saveCampaign, planCampaign, generatePost, campaignOutcome, requestApproval, expireApproval, syncToWorkfront },
      mapConcurrency: config.mapConcurrency,
      approvalWindow,
    });
    const logGroup = new LogGroup(this, 'CampaignBuildLogs', {
      logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.stateMachine = new StateMachine(this, 'CampaignBuild', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      comment: 'Campaign brief → plan → drafts → human approval → Workfront',
      definitionBody: DefinitionBody.fromChainable(build.definition),
      tracingEnabled: true,
      // Every event, but not the data: inputs carry task tokens and approvers' e-mail addresses.
      // The execution history keeps the data for operators with states:GetExecutionHistory.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      timeout: approvalWindow.plus(Duration.days(1)).plus(Duration.seconds(config.approvalWindowSeconds * (APPROVAL_ROUNDS - 1))),
    });

    acknowledge(
      this.stateMachine.role,
      'AwsSolutions-IAM5',
      "CDK's LambdaInvoke grant covers the task functions' versions (`<arn>:*`); the definition invokes only the unqualified ARNs.",
      Object.values(this.functions).map((fn) => fn.versionsWildcardFinding),
    );
    acknowledge(
      this.stateMachine.role,
      'AwsSolutions-IAM5',
      'CloudWatch Logs log delivery and X-Ray tracing APIs support no resource-level permissions.',
      ['Resource::*'],
    );

    this.deadLetterQueue = new Queue(this, 'BuildRequestedDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetterQueue, 'AwsSolutions-SQS3', 'This queue is itself the dead-letter queue of the build-request rule target.');
    this.rule = new Rule(this, 'BuildRequestedRule', {
      eventBus: props.eventBus,
      description: 'Starts a CampaignBuild execution for each build request',
      eventPattern: { source: [BUILD_REQUESTED.source], detailType: [BUILD_REQUESTED.detailType] },
      targets: [
        new SfnStateMachine(this.stateMachine, {
          // The event ID makes the build idempotent: EventBridge delivers at least once.
          input: RuleTargetInput.fromObject({ eventId: EventField.eventId, detail: EventField.fromPath('$.detail') }),
          deadLetterQueue: this.deadLetterQueue,
          maxEventAge: Duration.hours(6),
          retryAttempts: 10,
        }),
      ],
    });

    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn, description: 'The CampaignBuild state machine' });
    new CfnOutput(this, 'BuildRequestedDlqUrl', { value: this.deadLetterQueue.queueUrl, description: 'Build requests EventBridge could not deliver' });
  }
}
