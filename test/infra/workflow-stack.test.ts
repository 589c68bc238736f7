// The workflow and API stacks' wiring: the rule that starts a build, its
// retry policy and dead-letter queue, each function's configuration, and the
// least-privilege grants that matter most.
import { readdirSync } from 'node:fs';
import { type App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_REQUESTED } from '../../functions/workflow/contracts.ts';
import type { MccStacks } from '../../lib/mcc-app.ts';
import { actionsOf, type Json, statementsOfFunction, synthMcc } from './mcc-synth.ts';

let stacks: MccStacks;
let app: App;
let workflow: Template;
let api: Template;
let agents: Template;

beforeAll(() => {
  // GIVEN the app as cdk.json configures it, WHEN synthesized
  const synthesized = synthMcc();
  stacks = synthesized.stacks;
  app = synthesized.app;
  ({ workflow, api, agents } = synthesized.templates);
});

/** The statements of the policies attached to the role whose logical ID starts with `rolePrefix`. */
const policiesOfRole = (template: Template, rolePrefix: string): Json[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .map((p) => (p as { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Json[] } } }).Properties)
    .filter((p) => p.Roles.some((r) => r.Ref.startsWith(rolePrefix)))
    .flatMap((p) => p.PolicyDocument.Statement);

const allStatements = (template: Template): Json[] =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => (p as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement,
  );

describe('Campaign Build Requested rule', () => {
  it('matches mcc.campaigns / Campaign Build Requested on the mcc bus', () => {
    workflow.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: [BUILD_REQUESTED.source], 'detail-type': [BUILD_REQUESTED.detailType] },
      EventBusName: Match.anyValue(),
    });
  });

  it('passes the event ID and the untouched detail, retries for a bounded time, then dead-letters', () => {
    const rule = Object.values(workflow.findResources('AWS::Events::Rule'))[0] as { Properties: { Targets: Json[] } };
    const [target] = rule.Properties.Targets;
    expect(target?.InputTransformer).toEqual({
      InputPathsMap: { id: '$.id', detail: '$.detail' },
      InputTemplate: '{"eventId":<id>,"detail":<detail>}',
    });
    expect(target?.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 21_600, MaximumRetryAttempts: 10 });
    expect(JSON.stringify(target?.DeadLetterConfig)).toMatch(/BuildRequestedDlq/);
    expect(JSON.stringify(target?.Arn)).toMatch(/CampaignBuild/);
  });

  it('has an encrypted dead-letter queue that refuses non-TLS access', () => {
    workflow.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    workflow.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } }),
        ]),
      },
    });
  });
});

describe('CampaignBuild state machine', () => {
  it('is Standard, traced, and logs every event to a log group with retention', () => {
    workflow.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      StateMachineName: 'mcc-dev-campaign-build',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
    workflow.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/vendedlogs/states/mcc-dev-campaign-build', RetentionInDays: 14 });
  });
});

describe('Lambda functions', () => {
  // MccFunction names each function's Powertools service after its handler file; the
  // functions CDK itself adds (custom resources, log retention) have no service name.
  const everyHandlerFunction = () =>
    app.node.children
      .filter((child): child is Stack => child instanceof Stack)
      .flatMap((stack) => Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as { Properties: Json }[])
      .filter(({ Properties: fn }) => (fn.Environment as { Variables?: Json } | undefined)?.Variables?.POWERTOOLS_SERVICE_NAME !== undefined);

  it('every handler in functions/handlers/ is deployed once, on Node.js 24, arm64, traced, ESM with source maps and Powertools settings', () => {
    const functions = everyHandlerFunction();
    const handlerFiles = readdirSync(new URL('../../functions/handlers/', import.meta.url)).map((file) => file.replace(/\.ts$/, '')).sort();
    const services = functions.map(({ Properties: fn }) => (fn.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME).sort();
    expect(services).toEqual(handlerFiles);
    for (const { Properties: fn } of functions) {
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Handler).toBe('index.handler');
      expect((fn.LoggingConfig as Json).LogGroup).toBeDefined();
      const env = (fn.Environment as { Variables: Json }).Variables;
      expect(env).toMatchObject({ NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_METRICS_NAMESPACE: 'MarketingCommandCenter', POWERTOOLS_LOG_LEVEL: 'INFO' });
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['TABLE_NAME', 'EVENT_BUS_NAME', 'POWERTOOLS_SERVICE_NAME']));
    }
  });

  it('sets each handler the environment BRIEF.md names', () => {
    const envOf = (template: Template, idPrefix: string) => {
      const [fn] = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith(idPrefix));
      return Object.keys((fn?.[1] as { Properties: { Environment: { Variables: Json } } }).Properties.Environment.Variables);
    };
    const agentEnv = ['AGENT_PROVIDER', 'PLANNER_AGENT_ID', 'PLANNER_AGENT_ALIAS_ID', 'WRITER_AGENT_ID', 'WRITER_AGENT_ALIAS_ID', 'KNOWLEDGE_BASE_ID', 'KNOWLEDGE_BUCKET'];
    const workfrontEnv = ['WORKFRONT_BASE_URL', 'WORKFRONT_API_VERSION', 'WORKFRONT_AUTH_MODE', 'WORKFRONT_CREDENTIALS_SECRET_ID', 'WORKFRONT_IMS_URL'];
    for (const id of ['PlanCampaign', 'GeneratePost', 'CampaignOutcome']) expect(envOf(workflow, id)).toEqual(expect.arrayContaining(agentEnv));
    expect(envOf(workflow, 'RequestApproval')).toEqual(expect.arrayContaining(['APPROVAL_BASE_URL', 'APPROVAL_WINDOW_SECONDS', 'SIGNING_KEY_SECRET_ID', 'MAIL_FROM']));
    expect(envOf(workflow, 'ExpireApproval')).toEqual(expect.arrayContaining(['MAIL_FROM']));
    expect(envOf(workflow, 'SyncToWorkfront')).toEqual(expect.arrayContaining(workfrontEnv));
    expect(envOf(agents, 'AgentActions')).toEqual(expect.arrayContaining(workfrontEnv));
    expect(envOf(api, 'ApprovalCallback')).toEqual(expect.arrayContaining(['SIGNING_KEY_SECRET_ID', 'APPROVAL_BASE_URL']));
    expect(envOf(api, 'WorkfrontWebhook')).toEqual(expect.arrayContaining(['WEBHOOK_TOKEN_SECRET_ID']));
  });

  it('gives the agent functions the configured provider and the callback the approval window', () => {
    workflow.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'plan-campaign', AGENT_PROVIDER: 'bedrock' }) },
    });
    workflow.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ APPROVAL_WINDOW_SECONDS: '259200', MAIL_FROM: 'mcc-approvals@example.com' }) },
    });
  });
});

describe('least privilege', () => {
  it('lets only the approval callback complete tasks, and only of the CampaignBuild state machine', () => {
    const sendTask = [workflow, api, agents].flatMap(allStatements).filter((s) => actionsOf(s).some((a) => a.startsWith('states:SendTask')));
    expect(sendTask).toHaveLength(1);
    const [statement] = sendTask;
    expect(actionsOf(statement ?? {}).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskSuccess']);
    expect(JSON.stringify(statement?.Resource)).toMatch(/:stateMachine:mcc-dev-campaign-build"/);
    expect(statementsOfFunction(api, 'ApprovalCallback')).toContainEqual(statement);
    // The name it trusts is the name the state machine gets.
    workflow.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: 'mcc-dev-campaign-build' });
  });

  it('lets request-approval read the signing key and send mail only as the configured sender', () => {
    const statements = statementsOfFunction(workflow, 'RequestApproval');
    const ses = statements.find((s) => actionsOf(s).includes('ses:SendEmail'));
    expect(JSON.stringify(ses?.Resource)).toContain('identity/mcc-approvals@example.com');
    expect(JSON.stringify(ses?.Resource)).toContain('identity/example.com');
    const secrets = statements.filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
    expect(secrets).toHaveLength(1);
    expect(JSON.stringify(secrets[0]?.Resource)).toMatch(/ApprovalSigningKey/);
  });

  it('never grants a Scan, and names each index instead of index/*', () => {
    const statements = [workflow, api, agents].flatMap(allStatements);
    expect(statements.flatMap(actionsOf)).not.toContain('dynamodb:Scan');
    expect(JSON.stringify(statements)).not.toMatch(/\/index\/\*/);
    expect(JSON.stringify(statements)).toMatch(/\/index\/GSI2/);
  });

  it('lets the state machine invoke exactly its seven task functions', () => {
    const invoke = policiesOfRole(workflow, 'CampaignBuildRole').filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    const functions = new Set(invoke.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r).match(/"([A-Za-z]+)[0-9A-F]{8}"/)?.[1]));
    expect([...functions].sort()).toEqual(
      ['CampaignOutcome', 'ExpireApproval', 'GeneratePost', 'PlanCampaign', 'RequestApproval', 'SaveCampaign', 'SyncToWorkfront'],
    );
  });

  // notifications (issue 17)
  it('lets EventBridge Scheduler, for this account only, invoke the approval reminder function and nothing else', () => {
    const [role] = Object.entries(workflow.findResources('AWS::IAM::Role')).filter(([id]) => id.startsWith('ApprovalRemindersSchedulerRole'));
    expect(JSON.stringify(role?.[1])).toContain('"Service":"scheduler.amazonaws.com"');
    expect(JSON.stringify(role?.[1])).toContain('"aws:SourceAccount"');
    const statements = policiesOfRole(workflow, 'ApprovalRemindersSchedulerRole');
    expect(statements.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(statements[0]?.Resource)).toMatch(/^\{"Fn::GetAtt":\["ApprovalReminder[0-9A-F]{8}","Arn"\]\}$/);
  });

  it('lets RequestApproval create reminder groups and schedules under the stage prefix only, passing only the scheduler role', () => {
    const statements = statementsOfFunction(workflow, 'RequestApproval');
    const scheduler = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:') || a === 'iam:PassRole'));
    expect(scheduler.flatMap(actionsOf).sort()).toEqual(['iam:PassRole', 'scheduler:CreateSchedule', 'scheduler:CreateScheduleGroup', 'scheduler:DeleteScheduleGroup']);
    for (const s of scheduler.filter((x) => actionsOf(x).some((a) => a.startsWith('scheduler:')))) expect(JSON.stringify(s.Resource)).toContain('mcc-dev-apr-*');
    expect(JSON.stringify(scheduler.find((s) => actionsOf(s).includes('iam:PassRole')))).toContain('ApprovalRemindersSchedulerRole');
  });

  it('writes each function log only to its own log group, with retention', () => {
    const logStatements = allStatements(workflow).filter((s) => actionsOf(s).includes('logs:PutLogEvents') && !JSON.stringify(s.Resource).includes('"*"'));
    expect(logStatements.length).toBeGreaterThanOrEqual(7);
    for (const s of logStatements) expect(JSON.stringify(s.Resource)).toMatch(/Logs[0-9A-F]{8}/);
    workflow.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 14 }, 9);
  });
});

describe('HTTP API', () => {
  it('routes the webhook and the approval pages to their functions', () => {
    for (const routeKey of ['POST /webhooks/workfront', 'GET /approvals/{token}', 'POST /approvals/{token}']) {
      api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey });
    }
  });

  it('throttles, and logs access by route key, never by raw path (approval paths carry tokens)', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context.routeKey') },
    });
    const stage = Object.values(api.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { Format: string } } };
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/\$context\.path|rawPath/);
  });

  it('outputs its URL and the approval links default to it', () => {
    api.hasOutput('HttpApiUrl', {});
    expect(stacks.api.approvalBaseUrl).toBe(stacks.api.apiUrl);
  });
});
