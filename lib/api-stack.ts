// The HTTP entry points (API Gateway HTTP API): the Workfront webhook and the
// approval pages (GraphQL has its own stack, lib/graphql-stack.ts, deployed
// after the workflow it resumes). This stack deploys before the workflow stack so
// the approval e-mails can link to its URL; the approval callback is allowed to
// complete tasks of exactly one state machine, named up front.
import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { McConfig } from './config.ts';
import { MccFunction } from './constructs/mcc-function.ts';
import { reminderGroupPrefix } from './constructs/approval-reminders.ts';
import { acknowledge } from './nag.ts';
import type { StageSettings } from './stage.ts';

export interface ApiStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly config: McConfig;
  readonly table: ITableV2;
  readonly eventBus: IEventBus;
  readonly approvalSigningKey: ISecret;
  readonly webhookToken: ISecret;
  /** The CampaignBuild state machine's name; the callback may SendTaskSuccess/Failure to it only. */
  readonly stateMachineName: string;
}

export const ROUTES = {
  webhook: '/webhooks/workfront',
  approval: '/approvals/{token}',
} as const;

export class ApiStack extends Stack {
  public readonly httpApi: HttpApi;
  /** `https://{id}.execute-api.{region}.amazonaws.com`, no trailing slash. */
  public readonly apiUrl: string;
  /** What approval links start with: the configured approvalBaseUrl, or this API. */
  public readonly approvalBaseUrl: string;
  public readonly approvalCallback: MccFunction;
  public readonly workfrontWebhook: MccFunction;
  public readonly accessLogs: LogGroup;
  public readonly httpStage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, settings } = props;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `mcc-${settings.stage}-http`,
      description: 'MCC webhooks and approval pages',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'HttpApiAccessLogs', { retention: settings.logRetention, removalPolicy: settings.removalPolicy });
    this.httpStage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // The route key, never the raw path: approval paths carry a signed token.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.apiUrl = this.httpApi.apiEndpoint;
    this.approvalBaseUrl = config.approvalBaseUrl ?? this.apiUrl;

    this.approvalCallback = new MccFunction(this, 'ApprovalCallback', {
      handlerName: 'approval-callback',
      settings,
      logLevel: config.logLevel,
      description: 'GET shows the approval page; POST records the decision and completes the task',
      timeout: Duration.seconds(10),
    })
      .bindTable(props.table, 'readWrite')
      .bindEventBus(props.eventBus)
      .bindSecret('SIGNING_KEY_SECRET_ID', props.approvalSigningKey)
      .withEnvironment({ APPROVAL_BASE_URL: this.approvalBaseUrl })
      // notifications (issue 17): a decision ends the wait, so its reminders go.
      .allowClearingApprovalReminders(reminderGroupPrefix(settings.stage));
    this.approvalCallback.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
        resources: [this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: props.stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );

    this.workfrontWebhook = new MccFunction(this, 'WorkfrontWebhook', {
      handlerName: 'workfront-webhook',
      settings,
      logLevel: config.logLevel,
      description: 'Receives Workfront event-subscription deliveries',
      // Workfront wants a 2xx within 5 s; a slower answer is a failed delivery anyway.
      timeout: Duration.seconds(5),
    })
      .bindTable(props.table, 'readWrite')
      .bindEventBus(props.eventBus)
      .bindSecret('WEBHOOK_TOKEN_SECRET_ID', props.webhookToken);

    const webhookRoutes = this.httpApi.addRoutes({
      path: ROUTES.webhook,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('WebhookIntegration', this.workfrontWebhook),
    });
    const approvalRoutes = this.httpApi.addRoutes({
      path: ROUTES.approval,
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: new HttpLambdaIntegration('ApprovalIntegration', this.approvalCallback),
    });
    for (const route of webhookRoutes) {
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        "Workfront sends the subscription's authToken as a bearer token; the function checks it against the secret in constant time.",
      );
    }
    for (const route of approvalRoutes) {
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        'Approvers follow an e-mailed link: the path carries a short-lived signed JWT (signature, issuer, audience, expiry checked; single use), which is the authorization.',
      );
    }
  }
}
