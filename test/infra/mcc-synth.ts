// Synthesizes the whole MCC app the way `cdk synth` does (cdk.json context),
// without bundling (context `aws:cdk:bundling-stacks: []`), and reads back what
// the tests look at: templates, and the state machine definition as the JSON
// the local runtime executes.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildMcc, type MccStacks } from '../../lib/mcc-app.ts';
import { readFileSync } from 'node:fs';

export interface SynthesizedMcc {
  readonly app: App;
  readonly stacks: MccStacks;
  readonly templates: {
    readonly data: Template;
    readonly knowledgeBase: Template;
    readonly agents: Template;
    readonly api: Template;
    readonly workflow: Template;
    readonly monitoring: Template;
  };
}

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

/**
 * cdk.json's context, no bundling, and without CDK's built-in CloudFormation schema validation (half the
 * synth time; `cdk synth` still runs it, and the cdk-nag test keeps it on).
 */
export function mccApp(context: Record<string, unknown> = {}, options: { cloudFormationValidation?: boolean; outdir?: string } = {}): App {
  return new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
  });
}

export function synthMcc(context: Record<string, unknown> = {}): SynthesizedMcc {
  const app = mccApp(context);
  const stacks = buildMcc(app);
  return {
    app,
    stacks,
    templates: {
      data: Template.fromStack(stacks.data),
      knowledgeBase: Template.fromStack(stacks.knowledgeBase),
      agents: Template.fromStack(stacks.agents),
      api: Template.fromStack(stacks.api),
      workflow: Template.fromStack(stacks.workflow),
      monitoring: Template.fromStack(stacks.monitoring),
    },
  };
}

export type Json = Record<string, unknown>;

/**
 * The DefinitionString of the stack's one state machine, parsed. Each `Fn::GetAtt [<id>, Arn]`
 * becomes the string `GetAtt:<id>`, which is how the local runtime finds the function to run.
 */
export function stateMachineDefinition(template: Template): Json {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const definition = (machines[0] as { Properties: { DefinitionString: unknown } }).Properties.DefinitionString;
  const text = flattenJoin(definition);
  return JSON.parse(text) as Json;
}

/** Example values for the pseudo parameters, as a deployment would substitute them. */
const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
};

function flattenJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  const join = node['Fn::Join'];
  if (Array.isArray(join)) return (join[1] as unknown[]).map(flattenJoin).join(String(join[0]));
  const getAtt = node['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `GetAtt:${String(getAtt[0])}`;
  if (typeof node.Ref === 'string') return PSEUDO_PARAMETERS[node.Ref] ?? `Ref:${node.Ref}`;
  throw new Error(`unexpected intrinsic in the definition: ${JSON.stringify(value)}`);
}

/** Every state of a definition, nested Map processors included, by name. */
export function allStates(definition: Json): Record<string, Json> {
  const states: Record<string, Json> = {};
  const visit = (machine: Json) => {
    for (const [name, state] of Object.entries(machine.States as Record<string, Json>)) {
      states[name] = state;
      const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
      if (processor) visit(processor);
    }
  };
  visit(definition);
  return states;
}

/** The policy statements attached to the role of the Lambda function with this logical-ID prefix. */
export function statementsOfFunction(template: Template, functionIdPrefix: string): Json[] {
  const functions = template.findResources('AWS::Lambda::Function');
  const entry = Object.entries(functions).find(([id]) => id.startsWith(functionIdPrefix));
  if (!entry) throw new Error(`no function ${functionIdPrefix}`);
  const roleRef = (entry[1] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } }).Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles).includes(`"${roleRef}"`))
    .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement);
}

export function actionsOf(statement: Json): string[] {
  return [statement.Action].flat() as string[];
}
