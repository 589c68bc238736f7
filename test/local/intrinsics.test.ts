// Template intrinsics resolved to local values, on template fragments shaped
// like what CDK synthesizes.
import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../../local/template/cloud-assembly.ts';
import { collectExports, IntrinsicError, TemplateResolver } from '../../local/template/intrinsics.ts';
import type { LocalEnvironment } from '../../local/template/local-names.ts';

const env: LocalEnvironment = { region: 'us-east-1', account: '000000000000', gatewayUrl: 'http://127.0.0.1:4566', namePrefix: '' };

const template: CfnTemplate = {
  Parameters: { Stage: { Type: 'String', Default: 'dev' } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
  Resources: {
    Table1: { Type: 'AWS::DynamoDB::GlobalTable', Properties: {} },
    Named: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: { 'Fn::Join': ['-', ['mcc', { Ref: 'Stage' }, 'campaigns']] } } },
    Fn1: { Type: 'AWS::Lambda::Function', Properties: {} },
    Key1: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
    Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
    Queue: { Type: 'AWS::SQS::Queue' },
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'mcc' } },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
  },
  Outputs: { TableNameOut: { Value: { Ref: 'Named' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}:TableName' } } } },
};

const resolver = new TemplateResolver('Mcc-dev-Data', template, env);

describe('TemplateResolver', () => {
  it('resolves Ref to local names and ARNs by resource type', () => {
    expect(resolver.resolve({ Ref: 'Table1' })).toBe('Table1');
    expect(resolver.resolve({ Ref: 'Named' })).toBe('mcc-dev-campaigns');
    expect(resolver.resolve({ Ref: 'Fn1' })).toBe('Fn1');
    expect(resolver.resolve({ Ref: 'Key1' })).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:Key1-[A-Za-z0-9]{6}$/);
    expect(resolver.resolve({ Ref: 'Machine' })).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:Machine');
    expect(resolver.resolve({ Ref: 'Queue' })).toBe('http://127.0.0.1:4566/000000000000/Queue');
    expect(resolver.resolve({ Ref: 'Bus' })).toBe('mcc');
    expect(resolver.resolve({ Ref: 'Bucket' })).toBe('bucket');
    expect(resolver.resolve({ Ref: 'Stage' })).toBe('dev');
  });

  it('resolves Fn::GetAtt in both forms', () => {
    expect(resolver.resolve({ 'Fn::GetAtt': ['Fn1', 'Arn'] })).toBe('arn:aws:lambda:us-east-1:000000000000:function:Fn1');
    expect(resolver.resolve({ 'Fn::GetAtt': 'Table1.Arn' })).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/Table1');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Api', 'ApiEndpoint'] })).toBe('http://127.0.0.1:4566');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Bus', 'Arn'] })).toBe('arn:aws:events:us-east-1:000000000000:event-bus/mcc');
  });

  it("resolves CDK's DefinitionString Fn::Join with partition and function ARNs", () => {
    const joined = resolver.resolve({ 'Fn::Join': ['', ['{"Resource":"arn:', { Ref: 'AWS::Partition' }, ':states:::lambda:invoke","FunctionName":"', { 'Fn::GetAtt': ['Fn1', 'Arn'] }, '"}']] });
    expect(JSON.parse(String(joined))).toEqual({ Resource: 'arn:aws:states:::lambda:invoke', FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:Fn1' });
  });

  it('resolves Fn::Sub with pseudo parameters, attributes, its own variables and literal ${!…}', () => {
    expect(resolver.resolve({ 'Fn::Sub': 'cdk-assets-${AWS::AccountId}-${AWS::Region}' })).toBe('cdk-assets-000000000000-us-east-1');
    expect(resolver.resolve({ 'Fn::Sub': '${Fn1.Arn}:live' })).toBe('arn:aws:lambda:us-east-1:000000000000:function:Fn1:live');
    expect(resolver.resolve({ 'Fn::Sub': ['${Url}/approvals/${!token}', { Url: 'http://x' }] })).toBe('http://x/approvals/${token}');
    expect(resolver.resolve({ 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/' })).toBe('https://api.execute-api.us-east-1.amazonaws.com/');
  });

  it('resolves Fn::Select, Fn::Split, Fn::If with conditions, and drops AWS::NoValue', () => {
    expect(resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] })).toBe('b');
    expect(resolver.resolve({ 'Fn::If': ['IsProd', 'RETAIN', 'DESTROY'] })).toBe('DESTROY');
    expect(resolver.resolve({ keep: 1, drop: { Ref: 'AWS::NoValue' } })).toEqual({ keep: 1 });
  });

  it('resolves Fn::ImportValue from another stack’s exports', () => {
    const exports = collectExports([{ stackName: 'Mcc-dev-Data', template }], env);
    const other = new TemplateResolver('Mcc-dev-Workflow', { Resources: {} }, env, exports);
    expect(other.resolve({ 'Fn::ImportValue': 'Mcc-dev-Data:TableName' })).toBe('mcc-dev-campaigns');
    expect(() => other.resolve({ 'Fn::ImportValue': 'Nope' })).toThrow(IntrinsicError);
  });

  it('prefixes derived table and bucket names, never names the template sets', () => {
    const prefixed = new TemplateResolver('S', template, { ...env, namePrefix: 'test1-' });
    expect(prefixed.resolve({ Ref: 'Table1' })).toBe('test1-Table1');
    expect(prefixed.resolve({ Ref: 'Named' })).toBe('mcc-dev-campaigns');
    expect(prefixed.resolve({ Ref: 'Bucket' })).toBe('test1-bucket');
  });
});
