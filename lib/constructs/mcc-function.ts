// The one Lambda function shape every MCC handler deploys as: Node.js 24 on
// arm64, an ESM bundle built by the local esbuild (no Docker), minified with
// source maps, X-Ray active tracing, its own log group with the stage's
// retention, Powertools settings, and a role that starts with nothing but
// writing to that log group. What a function may touch is added through the
// bind* helpers, which set the environment variable and grant the access in one
// call, so the two cannot drift apart.
import { fileURLToPath } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../functions/data/table-design.ts';
import { acknowledge, nagResource } from '../nag.ts';
import type { StageSettings } from '../stage.ts';

/** The handler entry points, `functions/handlers/<name>.ts` (BRIEF: fixed names). */
export const HANDLER_NAMES = [
  'save-campaign',
  'plan-campaign',
  'generate-post',
  'campaign-outcome',
  'request-approval',
  'expire-approval',
  'approval-callback',
  'sync-to-workfront',
  'workfront-webhook',
  'agent-actions',
  'graphql-resolver',
  // The campaign assistant (issue 13): the assistant agent's action group.
  'assistant-actions',
  // notifications (issue 17)
  'approval-reminder',
] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

export const METRICS_NAMESPACE = 'MarketingCommandCenter';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface MccFunctionProps {
  /** Which handler: bundles `functions/handlers/<handlerName>.ts`, and is the Powertools service name. */
  readonly handlerName: HandlerName;
  readonly settings: StageSettings;
  /** Powertools log level. @default 'INFO' */
  readonly logLevel?: string;
  readonly description?: string;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
}

export type TableAccess = 'read' | 'readWrite';

export interface WorkfrontSettings {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly authMode: 'oauth' | 'apikey';
  readonly imsUrl: string;
}

/** What the agent-backed functions need to reach the planner, the writer and the knowledge base. */
export interface AgentBinding {
  readonly provider: 'bedrock' | 'local';
  readonly plannerAgentId: string;
  readonly plannerAliasId: string;
  readonly plannerAliasArn: string;
  readonly writerAgentId: string;
  readonly writerAliasId: string;
  readonly writerAliasArn: string;
  readonly knowledgeBaseId: string;
  readonly knowledgeBaseArn: string;
  /** The knowledge bucket's fixed name; the local agent indexes it. */
  readonly knowledgeBucketName: string;
}

/** The campaign assistant agent (issue 13), for the GraphQL resolver with AGENT_PROVIDER=bedrock. */
export interface AssistantBinding {
  readonly agentId: string;
  readonly aliasId: string;
  readonly aliasArn: string;
}

export class MccFunction extends NodejsFunction {
  public readonly handlerName: HandlerName;
  /** The function's own log group, with the stage's retention. */
  public readonly functionLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: MccFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.settings.logRetention,
      removalPolicy: props.settings.removalPolicy,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: logs only to this function's group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.handlerName} function`,
    });
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    super(scope, id, {
      entry: `${projectRoot}functions/handlers/${props.handlerName}.ts`,
      handler: 'handler',
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      description: props.description,
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.handlerName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // Bundle the AWS SDK too: deployed and local runs execute the very same, pinned code.
        externalModules: [],
        // Some CommonJS dependencies call `require`; an ESM bundle has to provide it.
        banner: "import{createRequire as __mccRequire}from'node:module';const require=__mccRequire(import.meta.url);",
        forceDockerBundling: false,
      },
    });
    acknowledge(role, 'AwsSolutions-IAM5', 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.', ['Resource::*']);
    this.handlerName = props.handlerName;
    this.functionLogGroup = logGroup;
    // BRIEF: every function reads TABLE_NAME and EVENT_BUS_NAME at cold start.
    this.node.addValidation({
      validate: () => {
        const cfn = this.node.defaultChild as CfnFunction;
        const resolved = Stack.of(this).resolve(cfn.environment) as { variables?: Record<string, unknown> } | undefined;
        return ['TABLE_NAME', 'EVENT_BUS_NAME']
          .filter((key) => resolved?.variables?.[key] === undefined)
          .map((key) => `${props.handlerName}: ${key} is not bound (call bindTable / bindEventBus)`);
      },
    });
  }

  /**
   * TABLE_NAME + item access to the table and query access to its GSIs, each index named (no `index/*`).
   * No Scan: no request path may read across tenants.
   */
  bindTable(table: ITableV2, access: TableAccess): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    this.addToRolePolicy(new PolicyStatement({ actions: access === 'read' ? read : [...read, ...write], resources: [table.tableArn] }));
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: TABLE_DESIGN.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
      }),
    );
    return this;
  }

  /** EVENT_BUS_NAME + events:PutEvents on that bus only (Campaign Updated, Workfront events). */
  bindEventBus(bus: IEventBus): this {
    this.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
    bus.grantPutEventsTo(this);
    return this;
  }

  /** `<envName>` = the secret's ARN + read access to its value (all version stages, for key rotation). */
  bindSecret(envName: string, secret: ISecret): this {
    this.addEnvironment(envName, secret.secretArn);
    secret.grantRead(this);
    return this;
  }

  /** `<envName>` = the bucket's name + list and get its objects (pass a bucket of this stack, e.g. fromBucketName). */
  bindBucketRead(envName: string, bucket: IBucket): this {
    this.addEnvironment(envName, bucket.bucketName);
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    const objects = bucket.arnForObjects('*');
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }));
    acknowledge(this.role ?? this, 'AwsSolutions-IAM5', 'Reads any knowledge document; their names are not known at deploy time.', [nagResource(this, objects)]);
    return this;
  }

  /** Plain configuration values, no access implied. */
  withEnvironment(values: Readonly<Record<string, string>>): this {
    for (const [key, value] of Object.entries(values)) this.addEnvironment(key, value);
    return this;
  }

  /** How cdk-nag names this function's `<arn>:*` (its versions and aliases) in an IAM5 finding. */
  get versionsWildcardFinding(): string {
    return nagResource(this, `${this.functionArn}:*`);
  }

  /** WORKFRONT_* settings + read access to the credentials secret. */
  bindWorkfront(workfront: WorkfrontSettings, credentials: ISecret): this {
    this.withEnvironment({
      WORKFRONT_BASE_URL: workfront.baseUrl,
      WORKFRONT_API_VERSION: workfront.apiVersion,
      WORKFRONT_AUTH_MODE: workfront.authMode,
      WORKFRONT_IMS_URL: workfront.imsUrl,
    });
    return this.bindSecret('WORKFRONT_CREDENTIALS_SECRET_ID', credentials);
  }

  /**
   * The agent port: AGENT_PROVIDER, the Bedrock agent/alias/knowledge-base IDs with InvokeAgent on the two
   * aliases and Retrieve on the knowledge base, and KNOWLEDGE_BUCKET (read) for the local agent.
   */
  bindAgents(agents: AgentBinding): this {
    this.withEnvironment({
      AGENT_PROVIDER: agents.provider,
      PLANNER_AGENT_ID: agents.plannerAgentId,
      PLANNER_AGENT_ALIAS_ID: agents.plannerAliasId,
      WRITER_AGENT_ID: agents.writerAgentId,
      WRITER_AGENT_ALIAS_ID: agents.writerAliasId,
      KNOWLEDGE_BASE_ID: agents.knowledgeBaseId,
    });
    this.addToRolePolicy(new PolicyStatement({ actions: ['bedrock:InvokeAgent'], resources: [agents.plannerAliasArn, agents.writerAliasArn] }));
    this.addToRolePolicy(new PolicyStatement({ actions: ['bedrock:Retrieve'], resources: [agents.knowledgeBaseArn] }));
    return this.bindBucketRead('KNOWLEDGE_BUCKET', Bucket.fromBucketName(this, 'KnowledgeBucket', agents.knowledgeBucketName));
  }

  /** The assistant agent (issue 13): its IDs, and InvokeAgent on its alias only. */
  bindAssistant(assistant: AssistantBinding): this {
    this.withEnvironment({ ASSISTANT_AGENT_ID: assistant.agentId, ASSISTANT_AGENT_ALIAS_ID: assistant.aliasId });
    this.addToRolePolicy(new PolicyStatement({ actions: ['bedrock:InvokeAgent'], resources: [assistant.aliasArn] }));
    return this;
  }

  // --- notifications (issue 17): approval reminder schedules ---

  /** REMINDER_GROUP_PREFIX + scheduler:DeleteScheduleGroup on this deployment's reminder groups only. */
  allowClearingApprovalReminders(groupPrefix: string): this {
    this.addEnvironment('REMINDER_GROUP_PREFIX', groupPrefix);
    const groups = Stack.of(this).formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: `${groupPrefix}*` });
    this.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:DeleteScheduleGroup'], resources: [groups] }));
    acknowledge(this.role ?? this, 'AwsSolutions-IAM5', 'One reminder schedule group per approval, named at run time; scoped to this deployment\'s prefix.', [nagResource(this, groups)]);
    return this;
  }

  /**
   * Clearing, plus creating the groups and one-time schedules that invoke `target` through `schedulerRole`
   * (REMINDER_TARGET_ARN, REMINDER_ROLE_ARN, iam:PassRole on that role only).
   */
  bindApprovalReminders(groupPrefix: string, target: NodejsFunction, schedulerRole: IRole): this {
    this.allowClearingApprovalReminders(groupPrefix);
    this.withEnvironment({ REMINDER_TARGET_ARN: target.functionArn, REMINDER_ROLE_ARN: schedulerRole.roleArn });
    const stack = Stack.of(this);
    const groups = stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: `${groupPrefix}*` });
    const schedules = stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupPrefix}*/*` });
    this.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:CreateScheduleGroup'], resources: [groups] }));
    this.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:CreateSchedule'], resources: [schedules] }));
    this.addToRolePolicy(new PolicyStatement({ actions: ['iam:PassRole'], resources: [schedulerRole.roleArn], conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } } }));
    acknowledge(this.role ?? this, 'AwsSolutions-IAM5', 'Reminder schedules live in per-approval groups named at run time; scoped to this deployment\'s prefix.', [nagResource(this, schedules)]);
    return this;
  }

  /** ses:SendEmail from one sender, scoped to its address and domain identities. */
  allowSendEmailFrom(mailFrom: string): this {
    const stack = Stack.of(this);
    const domain = mailFrom.split('@')[1] ?? mailFrom;
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [mailFrom, domain].map((identity) =>
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
        ),
      }),
    );
    return this;
  }
}
