// The one Lambda shape: what every function gets, and that a function which
// was never bound to the table and the bus does not synthesize.
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TableV2, AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { describe, expect, it } from 'vitest';
import { MccFunction } from '../../lib/constructs/mcc-function.ts';
import { stageSettings } from '../../lib/stage.ts';
import { mccApp } from './mcc-synth.ts';

describe('MccFunction', () => {
  it('refuses to synthesize a function without TABLE_NAME and EVENT_BUS_NAME', () => {
    // GIVEN a function nobody bound
    const app = mccApp();
    new MccFunction(new Stack(app, 'S'), 'Fn', { handlerName: 'save-campaign', settings: stageSettings('dev') });
    // WHEN synthesized, THEN it names what is missing
    expect(() => app.synth()).toThrow(/save-campaign: TABLE_NAME is not bound[\s\S]*EVENT_BUS_NAME is not bound/);
  });

  it('binds the table (no Scan) and the bus in one call each, and keeps the prod log retention', () => {
    const app = mccApp();
    const stack = new Stack(app, 'S');
    const table = new TableV2(stack, 'T', { partitionKey: { name: 'PK', type: AttributeType.STRING } });
    new MccFunction(stack, 'Fn', { handlerName: 'expire-approval', settings: stageSettings('prod') })
      .bindTable(table, 'read')
      .bindEventBus(new EventBus(stack, 'Bus'))
      .allowSendEmailFrom('approvals@acme.example');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: { Variables: Match.objectLike({ TABLE_NAME: { Ref: Match.stringLikeRegexp('^T') }, EVENT_BUS_NAME: { Ref: Match.stringLikeRegexp('^Bus') } }) },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    const policy = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policy).toContain('dynamodb:Query');
    expect(policy).not.toMatch(/dynamodb:(Scan|PutItem|DeleteItem)/);
    expect(policy).toContain('events:PutEvents');
    expect(policy).toContain('identity/approvals@acme.example');
  });
});
