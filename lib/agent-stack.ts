// The Bedrock agents: a planner (brief → post plan) and a writer (one post →
// draft), both grounded in the knowledge base, behind one guardrail, with
// instructions kept as Markdown beside this file. The planner also gets the
// action group (campaign and Workfront look-ups) served by the agent-actions
// Lambda. Each agent's `live` alias moves to a freshly prepared version on
// every deploy that changes the agent: the alias description carries a hash of
// the agent's configuration, and updating an alias without a routing
// configuration makes Bedrock version the (auto-prepared) draft.
import { readFileSync } from 'node:fs';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnAgent, CfnAgentAlias, CfnGuardrail, CfnGuardrailVersion, type CfnKnowledgeBase } from 'aws-cdk-lib/aws-bedrock';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ACTION_FUNCTIONS, ACTION_GROUP_NAME } from './agent-action-functions.ts';
import { ASSISTANT_ACTION_GROUP_NAME, ASSISTANT_FUNCTIONS } from './assistant-action-functions.ts';
import type { McConfig } from './config.ts';
import { textHash } from './content-hash.ts';
import { MccFunction } from './constructs/mcc-function.ts';
import { acknowledge, nagResource } from './nag.ts';
import type { StageSettings } from './stage.ts';

export interface AgentStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly config: McConfig;
  readonly table: ITableV2;
  readonly eventBus: IEventBus;
  readonly workfrontCredentials: ISecret;
  readonly knowledgeBase: CfnKnowledgeBase;
}

/** One deployed agent and the alias the functions call. */
export interface DeployedAgent {
  readonly agent: CfnAgent;
  readonly alias: CfnAgentAlias;
  /** sha256 of everything that shapes the agent; the alias description carries it. */
  readonly configHash: string;
}

export const AGENT_ALIAS_NAME = 'live';

export function agentInstruction(name: 'planner' | 'writer' | 'assistant'): string {
  return readFileSync(new URL(`./agent-instructions/${name}.md`, import.meta.url), 'utf8').trim();
}

/** Cross-region inference profiles (`us.anthropic…`) route to the foundation model in any region of their geography. */
const INFERENCE_PROFILE = /^(us|eu|apac|us-gov|global|jp|au|ca)\.(.+)$/;

const GUARDRAIL = {
  contentPolicyConfig: {
    filtersConfig: [
      { type: 'SEXUAL', inputStrength: 'HIGH', outputStrength: 'HIGH' },
      { type: 'VIOLENCE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
      { type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
      { type: 'INSULTS', inputStrength: 'HIGH', outputStrength: 'HIGH' },
      { type: 'MISCONDUCT', inputStrength: 'HIGH', outputStrength: 'HIGH' },
      // Prompt-attack filtering applies to input only.
      { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
    ],
  },
  sensitiveInformationPolicyConfig: {
    // Marketing copy never needs these; a draft that contains one is blocked, not published.
    piiEntitiesConfig: [
      { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' },
      { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK' },
      { type: 'CREDIT_DEBIT_CARD_CVV', action: 'BLOCK' },
      { type: 'US_BANK_ACCOUNT_NUMBER', action: 'BLOCK' },
      { type: 'PASSWORD', action: 'BLOCK' },
      { type: 'AWS_ACCESS_KEY', action: 'BLOCK' },
      { type: 'AWS_SECRET_KEY', action: 'BLOCK' },
      // Phone numbers in a brief are personal more often than not; drafts get a placeholder instead.
      { type: 'PHONE', action: 'ANONYMIZE' },
    ],
  },
  blockedInputMessaging: 'This request cannot be processed: it contains content our content policy does not allow.',
  blockedOutputsMessaging: 'The draft was withheld: it contained content our content policy does not allow.',
} satisfies Omit<ConstructorParameters<typeof CfnGuardrail>[2], 'name'>;

export class AgentStack extends Stack {
  public readonly planner: DeployedAgent;
  public readonly writer: DeployedAgent;
  public readonly guardrail: CfnGuardrail;
  public readonly agentActions: MccFunction;
  /** The campaign assistant (issue 13): conversation with the marketer, tools behind confirmation. */
  public readonly assistant: DeployedAgent;
  public readonly assistantActions: MccFunction;

  constructor(scope: Construct, id: string, props: AgentStackProps) {
    super(scope, id, props);
    const { config, settings, knowledgeBase } = props;
    const prefix = `mcc-${settings.stage}`;

    this.guardrail = new CfnGuardrail(this, 'Guardrail', {
      name: `${prefix}-content`,
      description: 'Content filters and PII rules for MCC planning and drafting',
      ...GUARDRAIL,
    });
    const guardrailHash = textHash(JSON.stringify(GUARDRAIL));
    // A new version whenever the policy changes (the description change replaces the version resource).
    const guardrailVersion = new CfnGuardrailVersion(this, 'GuardrailVersion', {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: `policy ${guardrailHash.slice(0, 16)}`,
    });

    this.agentActions = new MccFunction(this, 'AgentActions', {
      handlerName: 'agent-actions',
      settings,
      logLevel: config.logLevel,
      description: 'Bedrock agent action group: campaign and Workfront look-ups',
      timeout: Duration.seconds(60),
    })
      .bindTable(props.table, 'readWrite')
      .bindEventBus(props.eventBus)
      .bindWorkfront(
        { baseUrl: config.workfrontBaseUrl, apiVersion: config.workfrontApiVersion, authMode: config.workfrontAuthMode, imsUrl: config.workfrontImsUrl },
        props.workfrontCredentials,
      );

    const shared = {
      prefix,
      settings,
      knowledgeBase,
      guardrail: this.guardrail,
      guardrailVersion,
      guardrailHash,
    };
    this.planner = this.agent('Planner', {
      ...shared,
      modelId: config.plannerModelId,
      instruction: agentInstruction('planner'),
      description: 'Plans a campaign: brief in, JSON post plan out',
      knowledgeBaseUse: 'Campaign playbooks (tiers, cadence, posts per channel), brand voice and channel templates. Search it before planning.',
      actionGroups: [
        {
          actionGroupName: ACTION_GROUP_NAME,
          description: 'Look up campaigns and Workfront projects',
          actionGroupExecutor: { lambda: this.agentActions.functionArn },
          functionSchema: { functions: ACTION_FUNCTIONS.map((f) => ({ ...f, parameters: { ...f.parameters } })) },
          actionGroupState: 'ENABLED',
        },
      ],
    });
    this.writer = this.agent('Writer', {
      ...shared,
      modelId: config.writerModelId,
      instruction: agentInstruction('writer'),
      description: 'Drafts one post: planned post in, JSON post content out',
      knowledgeBaseUse: 'Channel templates with their limits, brand voice and claims policy, campaign playbooks. Search it before writing.',
      actionGroups: [],
    });

    // --- campaign assistant (issue 13) ---
    this.assistantActions = new MccFunction(this, 'AssistantActions', {
      handlerName: 'assistant-actions',
      settings,
      logLevel: config.logLevel,
      description: 'Bedrock assistant action group: classify, find and create campaigns, Workfront status',
      timeout: Duration.seconds(60),
    })
      .bindTable(props.table, 'readWrite')
      .bindEventBus(props.eventBus)
      .bindWorkfront(
        { baseUrl: config.workfrontBaseUrl, apiVersion: config.workfrontApiVersion, authMode: config.workfrontAuthMode, imsUrl: config.workfrontImsUrl },
        props.workfrontCredentials,
      );
    this.assistant = this.agent('Assistant', {
      ...shared,
      modelId: config.plannerModelId,
      instruction: agentInstruction('assistant'),
      description: 'Campaign assistant: creates, explains and follows campaigns with the marketer',
      knowledgeBaseUse: 'Campaign playbooks (tiers, lead times, approvals, checklists per campaign type), brand voice and channel templates. Search it to answer questions and cite it.',
      actionGroups: [
        {
          actionGroupName: ASSISTANT_ACTION_GROUP_NAME,
          description: 'Classify, find and create campaigns; Workfront project status',
          actionGroupExecutor: { lambda: this.assistantActions.functionArn },
          functionSchema: { functions: ASSISTANT_FUNCTIONS.map((f) => ({ ...f, parameters: { ...f.parameters } })) },
          actionGroupState: 'ENABLED',
        },
        // Lets the assistant ask the user a clarifying question instead of guessing.
        { actionGroupName: 'UserInputAction', parentActionGroupSignature: 'AMAZON.UserInput', actionGroupState: 'ENABLED' },
      ],
    });
    this.assistantActions.addPermission('InvokedByAssistantAgent', {
      principal: new ServicePrincipal('bedrock.amazonaws.com'),
      sourceAccount: this.account,
      sourceArn: this.assistant.agent.attrAgentArn,
    });

    // Only the planner, from this account, may call the action group.
    this.agentActions.addPermission('InvokedByPlannerAgent', {
      principal: new ServicePrincipal('bedrock.amazonaws.com'),
      sourceAccount: this.account,
      sourceArn: this.planner.agent.attrAgentArn,
    });
  }

  private agent(
    id: string,
    props: {
      readonly prefix: string;
      readonly settings: StageSettings;
      readonly modelId: string;
      readonly instruction: string;
      readonly description: string;
      readonly knowledgeBase: CfnKnowledgeBase;
      readonly knowledgeBaseUse: string;
      readonly guardrail: CfnGuardrail;
      readonly guardrailVersion: CfnGuardrailVersion;
      readonly guardrailHash: string;
      readonly actionGroups: CfnAgent.AgentActionGroupProperty[];
    },
  ): DeployedAgent {
    const role = new Role(this, `${id}AgentRole`, {
      description: `Runs the ${id.toLowerCase()} agent`,
      assumedBy: new ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'bedrock', resource: 'agent', resourceName: '*' }) },
        },
      }),
    });
    const profile = INFERENCE_PROFILE.exec(props.modelId);
    const modelResources = profile
      ? [
          this.formatArn({ service: 'bedrock', resource: 'inference-profile', resourceName: props.modelId }),
          this.formatArn({ service: 'bedrock', region: '*', account: '', resource: 'foundation-model', resourceName: profile[2] }),
        ]
      : [this.formatArn({ service: 'bedrock', account: '', resource: 'foundation-model', resourceName: props.modelId })];
    role.addToPolicy(new PolicyStatement({ actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], resources: modelResources }));
    if (profile) role.addToPolicy(new PolicyStatement({ actions: ['bedrock:GetInferenceProfile'], resources: [modelResources[0] ?? ''] }));
    if (profile) {
      acknowledge(
        role,
        'AwsSolutions-IAM5',
        `The cross-region inference profile ${props.modelId} routes each request to ${profile[2]} in any region of its geography; only that model is allowed.`,
        [nagResource(this, modelResources[1] ?? '')],
      );
    }
    role.addToPolicy(new PolicyStatement({ actions: ['bedrock:Retrieve'], resources: [props.knowledgeBase.attrKnowledgeBaseArn] }));
    role.addToPolicy(new PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources: [props.guardrail.attrGuardrailArn] }));

    const agent = new CfnAgent(this, `${id}Agent`, {
      agentName: `${props.prefix}-${id.toLowerCase()}`,
      description: props.description,
      agentResourceRoleArn: role.roleArn,
      foundationModel: props.modelId,
      instruction: props.instruction,
      idleSessionTtlInSeconds: 900,
      autoPrepare: true,
      skipResourceInUseCheckOnDelete: props.settings.stage !== 'prod',
      knowledgeBases: [
        { knowledgeBaseId: props.knowledgeBase.attrKnowledgeBaseId, description: props.knowledgeBaseUse, knowledgeBaseState: 'ENABLED' },
      ],
      guardrailConfiguration: {
        guardrailIdentifier: props.guardrail.attrGuardrailId,
        guardrailVersion: props.guardrailVersion.attrVersion,
      },
      actionGroups: props.actionGroups.length > 0 ? props.actionGroups : undefined,
    });
    agent.node.addDependency(role);

    // Tokens (IDs, ARNs) are left out: they stand for the same resources from deploy to deploy.
    const configHash = textHash(
      props.modelId,
      props.instruction,
      props.description,
      props.knowledgeBaseUse,
      props.guardrailHash,
      JSON.stringify(
        props.actionGroups.map((g) => ({ name: g.actionGroupName, schema: g.functionSchema, description: g.description, parent: g.parentActionGroupSignature })),
      ),
    );
    const alias = new CfnAgentAlias(this, `${id}AgentAlias`, {
      agentId: agent.attrAgentId,
      agentAliasName: AGENT_ALIAS_NAME,
      description: `agent config ${configHash.slice(0, 16)}`,
    });
    return { agent, alias, configHash };
  }
}
