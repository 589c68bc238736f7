// The frontend's GraphQL API (AWS AppSync) as one construct: the schema from
// schema/schema.graphql, Cognito user pools for people (tenant in the
// immutable `custom:tenantId` attribute, groups `marketers` and `approvers`)
// and IAM for the backend, one Lambda data source serving every field as a
// direct resolver, and the EventBridge rule that turns each Campaign Updated
// event into the IAM-only publishCampaignUpdate mutation that drives the
// onCampaignUpdated subscription.
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeManagedRoleWildcards } from '../nag.ts';
import { CAMPAIGN_UPDATED } from '../../functions/workflow/contracts.ts';

export const SCHEMA_PATH = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

/** Every field the resolver Lambda serves; a test checks this against the schema file. */
export const RESOLVED_FIELDS = {
  Query: [
    'getCampaign',
    'listCampaigns',
    'getConversation',
    // assistant (issue 13)
    'listConversations',
    // approvals (issue 16)
    'campaignVersions',
    'approvalPolicy',
    // execution (issue 15)
    'campaignTimeline',
    'tasks',
    'myTasks',
    'team',
    'workload',
    'conflicts',
    'campaignConflicts',
    'suggestLaunchDate',
  ],
  Mutation: [
    'createCampaign',
    'updateCampaign',
    'cancelCampaign',
    'decideApproval',
    'sendAgentMessage',
    'publishCampaignUpdate',
    // assistant (issue 13)
    'confirmAgentAction',
    // approvals (issue 16)
    'decidePost',
    'setApprovalPolicy',
    // execution (issue 15)
    'putTeamMember',
    'removeTeamMember',
    'setBlackoutDates',
    'planCampaignExecution',
    'createTask',
    'assignTask',
    'blockTask',
    'unblockTask',
    'setTaskProgress',
    'completeTask',
  ],
  Subscription: ['onCampaignUpdated'],
} as const;

export const USER_GROUPS = ['marketers', 'approvers', /* execution (issue 15) */ 'marketing-ops'] as const;

/**
 * The mutation the Campaign Updated rule sends. Subscribers receive only the
 * fields the mutation selects, so it selects all of CampaignUpdate.
 */
export const PUBLISH_OPERATION =
  'mutation PublishCampaignUpdate($input: CampaignUpdateInput!) { publishCampaignUpdate(input: $input) ' +
  '{ tenantId campaignId status statusReason revision workfrontProjectId updatedAt } }';

// --- cost limits (issue 21) ---
/**
 * What one request may cost, the same locally (local/graphql/query-limits.ts reads these
 * from the template): the schema's deepest real query is well inside the depth, and no
 * client needs more root fields in one request than the resolver count.
 */
export const GRAPHQL_LIMITS = { queryDepthLimit: 12, resolverCountLimit: 25 } as const;
// --- end cost limits ---

export interface GraphqlApiProps {
  /** The `mcc` bus: createCampaign puts build requests on it; Campaign Updated events come from it. */
  readonly eventBus: events.IEventBus;
  /**
   * The one resolver Lambda (functions/handlers/graphql-resolver.ts). Its owner grants it the
   * table and the bus (lib/constructs/mcc-function.ts binds exactly what it uses); this construct
   * grants only what it alone knows about: resuming the state machine.
   */
  readonly resolverFunction: lambda.IFunction;
  /**
   * The user pool people sign in with; it must have the immutable custom attribute `tenantId`.
   * @default - a new pool with that attribute and the `marketers` and `approvers` groups
   */
  readonly userPool?: cognito.IUserPool;
  /**
   * The CampaignBuild state machine, so a signed-in approver's decision can resume it.
   * @default - no task-response permission is granted
   */
  readonly stateMachine?: sfn.IStateMachine;
  /** @default RemovalPolicy.DESTROY for the user pool this construct creates */
  readonly removalPolicy?: RemovalPolicy;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Whether clients may read the schema through introspection (issue 21: off in prod).
   * @default true
   */
  readonly introspection?: boolean;
}

export class GraphqlApi extends Construct {
  public readonly api: appsync.GraphqlApi;
  public readonly userPool: cognito.IUserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly campaignUpdatedRule: events.Rule;

  constructor(scope: Construct, id: string, props: GraphqlApiProps) {
    super(scope, id);
    this.userPool = props.userPool ?? this.#createUserPool(props.removalPolicy ?? RemovalPolicy.DESTROY);
    this.userPoolClient = new cognito.UserPoolClient(this, 'WebClient', {
      userPool: this.userPool,
      authFlows: { userSrp: true },
      // SRP sign-in for scripts and tools; the browser console signs in through its own code + PKCE client (lib/constructs/console-site.ts).
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // People may read their tenant but never write it: it is set by an administrator, once.
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes('tenantId'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: `${Stack.of(this).stackName}-graphql`,
      definition: appsync.Definition.fromFile(SCHEMA_PATH),
      authorizationConfig: {
        defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: this.userPool } },
        additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.IAM }],
      },
      // Errors only, and never request or response content: briefs and agent answers stay out of the logs.
      logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR, excludeVerboseContent: true, retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH },
      xrayEnabled: true,
      queryDepthLimit: GRAPHQL_LIMITS.queryDepthLimit,
      resolverCountLimit: GRAPHQL_LIMITS.resolverCountLimit,
      introspectionConfig: props.introspection === false ? appsync.IntrospectionConfig.DISABLED : appsync.IntrospectionConfig.ENABLED,
    });

    this.#acknowledgeFindings();

    const dataSource = this.api.addLambdaDataSource('Resolver', props.resolverFunction);
    const serviceRole = dataSource.node.tryFindChild('ServiceRole');
    if (serviceRole) {
      const fnArn = Stack.of(this).resolve(props.resolverFunction.functionArn) as { 'Fn::GetAtt'?: [string, string] };
      const id = fnArn['Fn::GetAtt']?.[0];
      acknowledge(serviceRole, 'AwsSolutions-IAM5', "CDK's grantInvoke covers the resolver function and its versions (`<arn>:*`); nothing else.", id ? [`Resource::<${id}.Arn>:*`] : []);
    }
    for (const [typeName, fields] of Object.entries(RESOLVED_FIELDS)) {
      for (const fieldName of fields) {
        // No mapping templates: a direct Lambda resolver receives AppSync's full context object.
        dataSource.createResolver(`${typeName}${fieldName}`, { typeName, fieldName });
      }
    }

    props.stateMachine?.grantTaskResponse(props.resolverFunction);

    this.campaignUpdatedRule = new events.Rule(this, 'CampaignUpdatedToSubscribers', {
      eventBus: props.eventBus,
      description: 'Campaign Updated → publishCampaignUpdate (IAM), which fans out to onCampaignUpdated subscribers',
      eventPattern: { source: [CAMPAIGN_UPDATED.source], detailType: [CAMPAIGN_UPDATED.detailType] },
      targets: [
        new targets.AppSync(this.api, {
          graphQLOperation: PUBLISH_OPERATION,
          eventRole: this.#publishRole(),
          // The event's detail is exactly CampaignUpdateInput (functions/shared/campaign-updates.ts).
          variables: events.RuleTargetInput.fromObject({ input: events.EventField.fromPath('$.detail') }),
          retryAttempts: 3,
          maxEventAge: Duration.minutes(15),
        }),
      ],
    });

    new CfnOutput(this, 'GraphqlUrl', { value: this.api.graphqlUrl, description: 'AppSync GraphQL endpoint' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }

  /** EventBridge may call exactly one field: the IAM-only publish mutation (CDK's default role could call every mutation). */
  #publishRole(): iam.Role {
    const role = new iam.Role(this, 'PublishRole', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['appsync:GraphQL'], resources: [`${this.api.arn}/types/Mutation/fields/publishCampaignUpdate`] }));
    return role;
  }

  /** The cdk-nag findings this construct accepts, each with the reason a reviewer reads. */
  #acknowledgeFindings(): void {
    // AppSync creates its log group itself; CDK sets the retention through its LogRetention singleton Lambda.
    const retention = Stack.of(this).node.tryFindChild('LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a')?.node.tryFindChild('ServiceRole');
    if (retention) {
      const why = "CDK's LogRetention helper (sets the retention of the log group AppSync creates); its role and policy are CDK's own.";
      acknowledge(retention, 'AwsSolutions-IAM4', why, ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
      acknowledgeManagedRoleWildcards(retention, why);
    }
    acknowledge(
      this.api,
      'AwsSolutions-ASC3',
      'Request logging is on at ERROR level; verbose content is excluded on purpose, since requests carry briefs, approver e-mails and agent conversations.',
    );
    const logsRole = this.api.node.tryFindChild('ApiLogsRole');
    if (logsRole) {
      acknowledge(
        logsRole,
        'AwsSolutions-IAM4',
        "AppSync's documented logging role policy (AWSAppSyncPushToCloudWatchLogs); a custom policy would need the API ID, which depends on this role.",
        ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs'],
      );
    }
  }

  #createUserPool(removalPolicy: RemovalPolicy): cognito.UserPool {
    const pool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { tenantId: new cognito.StringAttribute({ minLen: 1, maxLen: 63, mutable: false }) },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy,
    });
    acknowledge(pool, 'AwsSolutions-COG2', 'MFA is optional (TOTP offered): staff sign in through the company identity provider, whose policy enforces MFA.');
    acknowledge(pool, 'AwsSolutions-COG8', 'The Plus feature plan (threat protection) is a per-user cost decision left to the operator; self sign-up is off and only administrators create users.');
    for (const group of USER_GROUPS) {
      new cognito.CfnUserPoolGroup(this, `${group}Group`, { userPoolId: pool.userPoolId, groupName: group });
    }
    return pool;
  }
}
