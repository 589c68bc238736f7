// The campaign assistant agent (issue 13): instruction, knowledge base,
// function-details action group with confirmation on the side-effecting
// function, AMAZON.UserInput for clarifying questions, its alias following
// configuration changes, and the resolver allowed to invoke only that alias.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSISTANT_FUNCTIONS } from '../../lib/assistant-action-functions.ts';
import { agentInstruction } from '../../lib/agent-stack.ts';
import type { MccStacks } from '../../lib/mcc-app.ts';
import { ASSISTANT_FUNCTIONS as HANDLED } from '../../functions/use-cases/assistant-functions.ts';
import { type Json, synthMcc } from './mcc-synth.ts';

let stacks: MccStacks;
let agents: Template;
let graphql: Template;

beforeAll(() => {
  const synthesized = synthMcc();
  stacks = synthesized.stacks;
  agents = synthesized.templates.agents;
  graphql = Template.fromStack(stacks.graphql);
});

describe('the assistant agent', () => {
  it('GIVEN the app THEN a third agent carries lib/agent-instructions/assistant.md and the knowledge base', () => {
    agents.hasResourceProperties('AWS::Bedrock::Agent', {
      AgentName: 'mcc-dev-assistant',
      AutoPrepare: true,
      Instruction: agentInstruction('assistant'),
      KnowledgeBases: [Match.objectLike({ KnowledgeBaseState: 'ENABLED' })],
    });
  });

  it('GIVEN its action groups THEN createCampaign alone requires confirmation, and AMAZON.UserInput lets it ask', () => {
    const [assistant] = Object.values(agents.findResources('AWS::Bedrock::Agent', { Properties: { AgentName: 'mcc-dev-assistant' } })) as { Properties: Json }[];
    const groups = (assistant?.Properties.ActionGroups ?? []) as Json[];
    const tools = groups.find((g) => g.ActionGroupName === 'campaign-assistant') as { FunctionSchema: { Functions: Json[] }; ActionGroupExecutor: Json };
    const confirmation = Object.fromEntries(tools.FunctionSchema.Functions.map((f) => [f.Name, f.RequireConfirmation]));
    expect(confirmation).toEqual({ classifyCampaign: 'DISABLED', createCampaign: 'ENABLED', getCampaign: 'DISABLED', findCampaigns: 'DISABLED', getWorkfrontProjectStatus: 'DISABLED' });
    expect(JSON.stringify(tools.ActionGroupExecutor)).toMatch(/AssistantActions/);
    expect(groups).toContainEqual(expect.objectContaining({ ActionGroupName: 'UserInputAction', ParentActionGroupSignature: 'AMAZON.UserInput', ActionGroupState: 'ENABLED' }));
    // Every function the agent may call is one the Lambda serves, and no more (an action group holds at most 11).
    expect(Object.keys(HANDLED).sort()).toEqual(ASSISTANT_FUNCTIONS.map((f) => f.name).sort());
    agents.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'bedrock.amazonaws.com',
      FunctionName: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith([Match.stringLikeRegexp('AssistantActions')]) }),
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AssistantAgent'), 'AgentArn'] },
    });
  });

  it('GIVEN its configuration THEN its live alias names the configuration hash, distinct from the other agents', () => {
    agents.hasResourceProperties('AWS::Bedrock::AgentAlias', { AgentAliasName: 'live', Description: `agent config ${stacks.agents.assistant.configHash.slice(0, 16)}` });
    expect(new Set([stacks.agents.planner.configHash, stacks.agents.writer.configHash, stacks.agents.assistant.configHash]).size).toBe(3);
  });

  it('GIVEN the GraphQL resolver THEN it knows the assistant alias and may invoke it', () => {
    graphql.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ASSISTANT_AGENT_ID: Match.anyValue(), ASSISTANT_AGENT_ALIAS_ID: Match.anyValue() }) },
    });
    const statements = Object.values(graphql.findResources('AWS::IAM::Policy')).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement);
    expect(statements.some((s) => s.Action === 'bedrock:InvokeAgent' && JSON.stringify(s.Resource).includes('AssistantAgentAlias'))).toBe(true);
  });
});
