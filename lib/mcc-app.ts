// The whole MCC deployment as one function of a CDK App, so `bin/mcc.ts` and
// the infrastructure tests build exactly the same stacks. Stateful resources
// live in the data stack; every other stack receives them as typed props:
//   Data ─► KnowledgeBase ─► Agents ─► Api ─► Workflow ─► Monitoring
// (the API deploys before the workflow so approval e-mails can link to it).
import { CfnOutput, type App, Tags } from 'aws-cdk-lib';
import { AgentStack } from './agent-stack.ts';
import { ApiStack } from './api-stack.ts';
import { type McConfig, readConfig } from './config.ts';
import type { AgentBinding } from './constructs/mcc-function.ts';
import { DataStack } from './data-stack.ts';
import { GraphqlStack } from './graphql-stack.ts';
import { KnowledgeBaseStack } from './knowledge-base-stack.ts';
import { MonitoringStack } from './monitoring-stack.ts';
import { type StageSettings, stageSettings } from './stage.ts';
import { campaignBuildStateMachineName, WorkflowStack } from './workflow-stack.ts';

export interface MccStacks {
  readonly settings: StageSettings;
  readonly config: McConfig;
  readonly data: DataStack;
  readonly knowledgeBase: KnowledgeBaseStack;
  readonly agents: AgentStack;
  readonly api: ApiStack;
  readonly workflow: WorkflowStack;
  readonly graphql: GraphqlStack;
  readonly monitoring: MonitoringStack;
}

export function buildMcc(app: App): MccStacks {
  const settings = stageSettings(app.node.tryGetContext('stage'));
  const config = readConfig(app.node);
  const prefix = `Mcc-${settings.stage}`;
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateMachineName = campaignBuildStateMachineName(settings.stage);

  const data = new DataStack(app, `${prefix}-Data`, { env, settings, description: 'MCC stateful resources: table, buckets, secrets, event bus' });
  new CfnOutput(data, 'EventBusName', { value: data.eventBus.eventBusName, description: 'Put Campaign Build Requested events here' });
  // Where the operator puts values after deploy (see README, Deploy); the outputs name the secrets, never their values.
  new CfnOutput(data, 'WorkfrontCredentialsSecretArn', { value: data.workfrontCredentials.secretArn, description: 'Put the Workfront credentials JSON here' });
  new CfnOutput(data, 'WebhookTokenSecretArn', { value: data.webhookToken.secretArn, description: 'The authToken for the Workfront event subscription' });
  new CfnOutput(data, 'ApprovalSigningKeySecretArn', { value: data.approvalSigningKey.secretArn, description: 'Rotate with put-secret-value' });

  const knowledgeBase = new KnowledgeBaseStack(app, `${prefix}-KnowledgeBase`, {
    env,
    settings,
    config,
    knowledgeBucketName: data.knowledgeBucketName,
    description: 'MCC knowledge base on S3 Vectors over knowledge-content/',
  });

  new CfnOutput(knowledgeBase, 'KnowledgeBaseId', { value: knowledgeBase.knowledgeBase.attrKnowledgeBaseId, description: 'aws bedrock-agent list-ingestion-jobs --knowledge-base-id …' });
  new CfnOutput(knowledgeBase, 'KnowledgeDataSourceId', { value: knowledgeBase.dataSource.attrDataSourceId, description: '… --data-source-id …' });

  // Addressed by name, not by reference, so the order is stated here.
  knowledgeBase.addStackDependency(data);

  const agents = new AgentStack(app, `${prefix}-Agents`, {
    env,
    settings,
    config,
    table: data.table,
    eventBus: data.eventBus,
    workfrontCredentials: data.workfrontCredentials,
    knowledgeBase: knowledgeBase.knowledgeBase,
    description: 'MCC Bedrock agents (planner, writer, assistant), guardrail, action groups',
  });

  const api = new ApiStack(app, `${prefix}-Api`, {
    env,
    settings,
    config,
    table: data.table,
    eventBus: data.eventBus,
    approvalSigningKey: data.approvalSigningKey,
    webhookToken: data.webhookToken,
    stateMachineName,
    description: 'MCC HTTP endpoints: Workfront webhook, approval pages',
  });
  new CfnOutput(api, 'HttpApiUrl', { value: api.apiUrl, description: 'Base URL of the webhook and approval endpoints' });

  const agentBinding: AgentBinding = {
    provider: config.agentProvider,
    plannerAgentId: agents.planner.agent.attrAgentId,
    plannerAliasId: agents.planner.alias.attrAgentAliasId,
    plannerAliasArn: agents.planner.alias.attrAgentAliasArn,
    writerAgentId: agents.writer.agent.attrAgentId,
    writerAliasId: agents.writer.alias.attrAgentAliasId,
    writerAliasArn: agents.writer.alias.attrAgentAliasArn,
    knowledgeBaseId: knowledgeBase.knowledgeBase.attrKnowledgeBaseId,
    knowledgeBaseArn: knowledgeBase.knowledgeBase.attrKnowledgeBaseArn,
    knowledgeBucketName: data.knowledgeBucketName,
  };

  const workflow = new WorkflowStack(app, `${prefix}-Workflow`, {
    env,
    settings,
    config,
    table: data.table,
    eventBus: data.eventBus,
    approvalSigningKey: data.approvalSigningKey,
    workfrontCredentials: data.workfrontCredentials,
    approvalBaseUrl: api.approvalBaseUrl,
    stateMachineName,
    agents: agentBinding,
    description: 'MCC campaign build: state machine, rule, task functions',
  });

  const graphql = new GraphqlStack(app, `${prefix}-Graphql`, {
    env,
    settings,
    config,
    table: data.table,
    eventBus: data.eventBus,
    stateMachine: workflow.stateMachine,
    agents: agentBinding,
    // The campaign assistant (issue 13).
    assistant: { agentId: agents.assistant.agent.attrAgentId, aliasId: agents.assistant.alias.attrAgentAliasId, aliasArn: agents.assistant.alias.attrAgentAliasArn },
    description: 'MCC GraphQL API (AppSync) for the frontend',
  });

  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    env,
    settings,
    alarmEmail: config.alarmEmail,
    stateMachine: workflow.stateMachine,
    functions: {
      ...workflow.functions,
      approvalCallback: api.approvalCallback,
      workfrontWebhook: api.workfrontWebhook,
      agentActions: agents.agentActions,
      assistantActions: agents.assistantActions, // campaign assistant (issue 13)
      graphqlResolver: graphql.resolver,
    },
    expireApproval: workflow.expireApproval,
    deadLetterQueue: workflow.deadLetterQueue,
    httpApi: api.httpApi,
    description: 'MCC alarms, alarm topic and dashboard',
  });

  Tags.of(app).add('application', 'marketing-command-center');
  Tags.of(app).add('stage', settings.stage);
  return { settings, config, data, knowledgeBase, agents, api, workflow, graphql, monitoring };
}
