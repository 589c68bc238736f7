// Two stages can share an account: every physical name the templates set
// carries the stage, so no name of one stage collides with another's.
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { Stage } from '../../lib/stage.ts';
import { mccApp } from './mcc-synth.ts';
import { buildMcc } from '../../lib/mcc-app.ts';

/** The property that sets a resource's physical name, by resource type (names CloudFormation would otherwise generate). */
const PHYSICAL_NAME: Readonly<Record<string, string>> = {
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Archive': 'ArchiveName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::ApiGatewayV2::Api': 'Name',
  'AWS::AppSync::GraphQLApi': 'Name',
  'AWS::Cognito::UserPool': 'UserPoolName',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::Bedrock::KnowledgeBase': 'Name',
  'AWS::Bedrock::DataSource': 'Name',
  'AWS::Bedrock::Agent': 'AgentName',
  'AWS::Bedrock::Guardrail': 'Name',
  'AWS::S3Vectors::VectorBucket': 'VectorBucketName',
  'AWS::S3Vectors::Index': 'IndexName',
  'AWS::Scheduler::ScheduleGroup': 'Name',
  'AWS::Budgets::Budget': 'Budget.BudgetName',
};

type Json = Record<string, unknown>;

/**
 * A name as text: literals kept, pseudo parameters as `{AccountId}`, and undefined when it
 * derives from another resource (a Ref or GetAtt to a generated name carries that resource's uniqueness).
 */
function nameText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Json;
    if (typeof v.Ref === 'string') return v.Ref.startsWith('AWS::') ? `{${v.Ref.slice(5)}}` : undefined;
    const join = v['Fn::Join'] as [string, unknown[]] | undefined;
    if (join) {
      const parts = join[1].map(nameText);
      return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
    }
  }
  return undefined;
}

function physicalNames(stage: Stage): { type: string; id: string; name: string }[] {
  const app = mccApp({ stage });
  buildMcc(app);
  const stacks = app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  return stacks.flatMap((stack) => {
    const resources = (app.synth().getStackArtifact(stack.artifactId).template as { Resources: Record<string, { Type: string; Properties?: Json }> }).Resources;
    return Object.entries(resources).flatMap(([id, r]) => {
      const path = PHYSICAL_NAME[r.Type];
      if (!path) return [];
      const raw = path.split('.').reduce<unknown>((at, key) => (at as Json | undefined)?.[key], r.Properties);
      const name = nameText(raw);
      return name === undefined ? [] : [{ type: r.Type, id: `${stack.stackName}/${id}`, name }];
    });
  });
}

describe('physical names', () => {
  const byStage = Object.fromEntries(Stage.options.map((stage) => [stage, physicalNames(stage)]));

  it.each(Stage.options)('carry the stage in %s', (stage) => {
    const names = byStage[stage] ?? [];
    // The bus, the knowledge bucket, the state machine at least.
    expect(names.map((n) => n.type)).toEqual(expect.arrayContaining(['AWS::Events::EventBus', 'AWS::S3::Bucket', 'AWS::StepFunctions::StateMachine']));
    for (const { type, id, name } of names) expect(name, `${type} ${id}`).toMatch(new RegExp(`(^|[-/_ ])${stage}($|[-/_ ])`));
  });

  it('never repeat across stages', () => {
    const [first, ...rest] = Stage.options.map((stage) => new Set((byStage[stage] ?? []).map((n) => n.name)));
    for (const other of rest) expect([...(first ?? [])].filter((name) => other.has(name))).toEqual([]);
  });
});
