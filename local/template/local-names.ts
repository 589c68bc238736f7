// Local physical names and ARNs for template resources: what `Ref` and
// `Fn::GetAtt` resolve to on this machine. Names are stable (derived from the
// logical ID, or the name the template sets), so data persisted under one run
// is found by the next.
import { createHash } from 'node:crypto';
import type { CfnResource } from './cloud-assembly.ts';

export interface LocalEnvironment {
  readonly region: string;
  readonly account: string;
  /** The gateway's base URL (no trailing slash): HTTP API and queue URLs point here. */
  readonly gatewayUrl: string;
  /** Prepended to derived table and bucket names (tests use it to share one DynamoDB Local). */
  readonly namePrefix: string;
}

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'us-east-1';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Secrets Manager appends six random characters to a secret's ARN; locally they derive from the name. */
export function secretArn(env: LocalEnvironment, name: string): string {
  const suffix = createHash('sha256').update(name).digest('base64url').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 6);
  return `arn:aws:secretsmanager:${env.region}:${env.account}:secret:${name}-${suffix}`;
}

export function bucketName(env: LocalEnvironment, logicalId: string): string {
  return `${env.namePrefix}${logicalId}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-').slice(0, 63);
}

/** The physical name of a resource: the name its template sets, or one derived from its logical ID. */
export function physicalName(env: LocalEnvironment, logicalId: string, resource: CfnResource, resolvedProps: Record<string, unknown>): string {
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      return str(resolvedProps.TableName) ?? `${env.namePrefix}${logicalId}`;
    case 'AWS::S3::Bucket':
      return str(resolvedProps.BucketName) ?? bucketName(env, logicalId);
    case 'AWS::Lambda::Function':
      return str(resolvedProps.FunctionName) ?? logicalId;
    case 'AWS::SecretsManager::Secret':
      return str(resolvedProps.Name) ?? logicalId;
    case 'AWS::StepFunctions::StateMachine':
      return str(resolvedProps.StateMachineName) ?? logicalId;
    case 'AWS::Events::EventBus':
    case 'AWS::Events::Rule':
      return str(resolvedProps.Name) ?? logicalId;
    case 'AWS::SQS::Queue':
      return str(resolvedProps.QueueName) ?? logicalId;
    default:
      return logicalId;
  }
}

/** `Ref` of a resource, per the CloudFormation return values of its type. */
export function refValue(env: LocalEnvironment, type: string, name: string): string {
  const { region, account } = env;
  switch (type) {
    case 'AWS::SecretsManager::Secret':
      return secretArn(env, name);
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
    case 'AWS::SQS::Queue':
      return `${env.gatewayUrl}/${account}/${name}`;
    case 'AWS::ApiGatewayV2::Api':
      return name.toLowerCase().slice(0, 10);
    default:
      return name;
  }
}

/** `Fn::GetAtt` of a resource; unknown attributes resolve to a readable placeholder. */
export function attributeValue(env: LocalEnvironment, type: string, name: string, attribute: string): string {
  const { region, account } = env;
  const arns: Record<string, string> = {
    'AWS::DynamoDB::Table': `arn:aws:dynamodb:${region}:${account}:table/${name}`,
    'AWS::DynamoDB::GlobalTable': `arn:aws:dynamodb:${region}:${account}:table/${name}`,
    'AWS::S3::Bucket': `arn:aws:s3:::${name}`,
    'AWS::Lambda::Function': `arn:aws:lambda:${region}:${account}:function:${name}`,
    'AWS::SecretsManager::Secret': secretArn(env, name),
    'AWS::StepFunctions::StateMachine': `arn:aws:states:${region}:${account}:stateMachine:${name}`,
    'AWS::Events::EventBus': `arn:aws:events:${region}:${account}:event-bus/${name}`,
    'AWS::Events::Rule': `arn:aws:events:${region}:${account}:rule/${name}`,
    'AWS::SQS::Queue': `arn:aws:sqs:${region}:${account}:${name}`,
  };
  if (attribute === 'Arn') return arns[type] ?? `arn:aws:local:${region}:${account}:${name}`;
  if (type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint') return env.gatewayUrl;
  if (type === 'AWS::SQS::Queue' && attribute === 'QueueUrl') return refValue(env, type, name);
  if (type === 'AWS::DynamoDB::Table' || type === 'AWS::DynamoDB::GlobalTable') {
    if (attribute === 'StreamArn') return `${arns[type]}/stream/local`;
  }
  if (type === 'AWS::S3::Bucket' && /DomainName$/.test(attribute)) return `${name}.s3.${region}.amazonaws.com`;
  if (attribute === 'Name' || attribute.endsWith('Name')) return name;
  return `${name}.${attribute}`;
}
