import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE_DESIGN } from '../../functions/data/table-design.ts';
import { createTableInput } from '../../functions/data/ensure-table.ts';
import { DataStack } from '../../lib/data-stack.ts';
import { stageSettings } from '../../lib/stage.ts';
import { cdkApp } from '../support/cdk-app.ts';

function synth(stage: 'dev' | 'prod'): Template {
  const app = cdkApp();
  return Template.fromStack(new DataStack(app, `Data-${stage}`, { settings: stageSettings(stage) }));
}

describe('DataStack', () => {
  const template = synth('dev');

  it('deploys the table the tests run against: same keys and indexes as TABLE_DESIGN', () => {
    const local = createTableInput('t');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: local.KeySchema,
      AttributeDefinitions: Match.arrayEquals(local.AttributeDefinitions ?? []),
      GlobalSecondaryIndexes: Match.arrayEquals(
        (local.GlobalSecondaryIndexes ?? []).map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection })),
      ),
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
    });
  });

  it('is on-demand, encrypted, with point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('protects the table from deletion in prod only', () => {
    const prod = synth('prod');
    prod.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
    prod.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] });
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });

  it('refuses an unknown stage', () => {
    expect(() => stageSettings('staging')).toThrow(/stage=dev or -c stage=prod/);
  });
});
