// MCC as a remote MCP server (issue 18): one Lambda serving `POST /mcp`
// (stateless Streamable HTTP; GET and DELETE answer 405 from the function) and
// the RFC 9728 metadata at `/.well-known/oauth-protected-resource[/mcp]`, as
// routes on the HTTP API of the Api stack. It deploys after the GraphQL stack
// because it accepts that stack's user-pool ID tokens, and after the workflow
// because an approver's decision resumes the CampaignBuild state machine.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { McConfig } from './config.ts';
import { type AgentBinding, MccFunction } from './constructs/mcc-function.ts';
import { acknowledge } from './nag.ts';
import { reminderGroupPrefix } from './constructs/approval-reminders.ts';
import type { StageSettings } from './stage.ts';

export interface McpStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly config: McConfig;
  readonly httpApi: HttpApi;
  /** The HTTP API's base URL; the MCP resource is `<apiUrl>/mcp`. */
  readonly apiUrl: string;
  readonly table: ITableV2;
  readonly eventBus: IEventBus;
  readonly stateMachine: IStateMachine;
  readonly agents: AgentBinding;
  readonly workfrontCredentials: ISecret;
  /** Whose ID tokens are accepted: the console's user pool and app client. */
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
}

export const MCP_PATHS = {
  endpoint: '/mcp',
  metadata: '/.well-known/oauth-protected-resource',
  metadataForEndpoint: '/.well-known/oauth-protected-resource/mcp',
} as const;

export class McpStack extends Stack {
  public readonly mcp: MccFunction;

  constructor(scope: Construct, id: string, props: McpStackProps) {
    super(scope, id, props);
    const { config, settings } = props;
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${props.userPool.userPoolId}`;
    this.mcp = new MccFunction(this, 'Mcp', {
      handlerName: 'mcp',
      settings,
      logLevel: config.logLevel,
      description: 'MCP server (stateless Streamable HTTP): tools, resources and prompts over the campaign use cases',
      // The HTTP API gives up at 29 s.
      timeout: Duration.seconds(25),
      // The SDK's default elicitation validator (Ajv) is replaced in code, so its ~220 KB are not shipped.
      moduleStubs: { ajv: 'functions/mcp/stubs/ajv.ts', 'ajv-formats': 'functions/mcp/stubs/ajv-formats.ts' },
    })
      .bindTable(props.table, 'readWrite')
      .bindEventBus(props.eventBus)
      .bindAgents(props.agents)
      // decide_approval ends the wait, so it clears the approval's reminder schedules (issue 17) like the other deciders.
      .allowClearingApprovalReminders(reminderGroupPrefix(settings.stage))
      .bindWorkfront(
        { baseUrl: config.workfrontBaseUrl, apiVersion: config.workfrontApiVersion, authMode: config.workfrontAuthMode, imsUrl: config.workfrontImsUrl },
        props.workfrontCredentials,
      )
      .withEnvironment({
        AUTH_JWKS_URL: `${issuer}/.well-known/jwks.json`,
        AUTH_ISSUER: issuer,
        AUTH_AUDIENCE: props.userPoolClient.userPoolClientId,
        MCP_RESOURCE_URL: `${props.apiUrl}${MCP_PATHS.endpoint}`,
      });
    props.stateMachine.grantTaskResponse(this.mcp);

    const integration = new HttpLambdaIntegration('McpIntegration', this.mcp);
    const routes = [
      ...[HttpMethod.POST, HttpMethod.GET, HttpMethod.DELETE].map((method) => ({ method, path: MCP_PATHS.endpoint })),
      { method: HttpMethod.GET, path: MCP_PATHS.metadata },
      { method: HttpMethod.GET, path: MCP_PATHS.metadataForEndpoint },
    ];
    for (const { method, path } of routes) {
      const route = new HttpRoute(this, `Route${method}${path.replace(/[^A-Za-z0-9]/g, '')}`, {
        httpApi: props.httpApi,
        routeKey: HttpRouteKey.with(path, method),
        integration,
      });
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        'The function verifies the bearer ID token against the user pool JWKS itself, so an unauthenticated MCP client gets the 401 with the RFC 9728 WWW-Authenticate challenge (an HTTP API authorizer cannot add it); the metadata document is public by design.',
      );
    }
  }
}
