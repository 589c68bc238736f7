// The frontend's API: AppSync GraphQL (lib/constructs/graphql-api.ts) with its
// one resolver Lambda. It deploys after the workflow stack because a signed-in
// approver's decision resumes the CampaignBuild state machine, and it talks to
// the agent (knowledge-base answers) like the build's own functions do.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { McConfig } from './config.ts';
import { GraphqlApi } from './constructs/graphql-api.ts';
import { type AgentBinding, type AssistantBinding, MccFunction } from './constructs/mcc-function.ts';
import { reminderGroupPrefix } from './constructs/approval-reminders.ts';
import type { StageSettings } from './stage.ts';

export interface GraphqlStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly config: McConfig;
  readonly table: ITableV2;
  readonly eventBus: IEventBus;
  readonly stateMachine: IStateMachine;
  readonly agents: AgentBinding;
  /** The campaign assistant agent (issue 13). */
  readonly assistant: AssistantBinding;
}

export class GraphqlStack extends Stack {
  public readonly resolver: MccFunction;
  public readonly graphql: GraphqlApi;

  constructor(scope: Construct, id: string, props: GraphqlStackProps) {
    super(scope, id, props);
    const { settings, config } = props;
    this.resolver = new MccFunction(this, 'GraphqlResolver', {
      handlerName: 'graphql-resolver',
      settings,
      logLevel: config.logLevel,
      description: 'Direct Lambda resolver for every GraphQL field',
      timeout: Duration.seconds(30),
    })
      .bindTable(props.table, 'readWrite')
      .bindEventBus(props.eventBus)
      .bindAgents(props.agents)
      .bindAssistant(props.assistant)
      // notifications (issue 17): decideApproval and cancelCampaign end the wait, so its reminders go.
      .allowClearingApprovalReminders(reminderGroupPrefix(settings.stage));
    this.graphql = new GraphqlApi(this, 'Graphql', {
      eventBus: props.eventBus,
      resolverFunction: this.resolver,
      stateMachine: props.stateMachine,
      removalPolicy: settings.removalPolicy,
      logRetention: settings.logRetention,
      introspection: settings.stage !== 'prod',
    });
  }
}
