// The local model of a synthesized CDK app: every resource the local runtime
// serves (functions, tables, buckets, secrets, state machines, buses and
// rules, HTTP routes, bucket deployments), read from the templates with
// intrinsics resolved to local names. Generic over any app: nothing here
// knows MCC's stack or resource names.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource, StackArtifact } from './cloud-assembly.ts';
import { collectExports, TemplateResolver } from './intrinsics.ts';
import type { LocalEnvironment } from './local-names.ts';

export interface LocalFunction {
  readonly logicalId: string;
  readonly stackName: string;
  readonly name: string;
  readonly arn: string;
  readonly runtime: string;
  /** `file.export`, e.g. `index.handler`. */
  readonly handler: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** The bundled asset directory in the cloud assembly; undefined when the code is not on disk. */
  readonly codeDir: string | undefined;
  readonly environment: Readonly<Record<string, string>>;
}

export interface LocalSecret {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly secretString?: string;
  readonly generate?: {
    readonly PasswordLength?: number;
    readonly ExcludeCharacters?: string;
    readonly ExcludePunctuation?: boolean;
    readonly ExcludeUppercase?: boolean;
    readonly ExcludeLowercase?: boolean;
    readonly ExcludeNumbers?: boolean;
    readonly IncludeSpace?: boolean;
    readonly SecretStringTemplate?: string;
    readonly GenerateStringKey?: string;
  };
}

export interface LocalStateMachine {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: Record<string, unknown>;
}

export interface InputTransformerSpec {
  readonly InputPathsMap?: Record<string, string>;
  readonly InputTemplate: string;
}

export interface LocalTarget {
  readonly id: string;
  readonly arn: string;
  readonly input?: string;
  readonly inputPath?: string;
  readonly inputTransformer?: InputTransformerSpec;
  readonly deadLetterArn?: string;
  readonly maximumRetryAttempts: number;
  /** An AppSync target: the GraphQL operation EventBridge sends (with the target input as variables). */
  readonly appSyncOperation?: string;
}

/** An AppSync GraphQL API served locally: its schema as deployed and the Lambda its (direct) resolvers call. */
export interface LocalGraphqlApi {
  readonly logicalId: string;
  readonly schema: string;
  /** Logical ID of the function behind the API's Lambda data source. */
  readonly resolverFunctionId?: string;
  /** The API's cost settings as the template sets them (QueryDepthLimit, ResolverCountLimit, IntrospectionConfig). */
  readonly limits?: { readonly queryDepthLimit: number; readonly resolverCountLimit: number; readonly introspection: boolean };
}

export interface LocalRule {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  readonly pattern: Record<string, unknown>;
  readonly enabled: boolean;
  readonly targets: readonly LocalTarget[];
}

export interface LocalRoute {
  readonly routeKey: string;
  /** Upper-case method, or ANY. */
  readonly method: string;
  /** Path template, e.g. `/approvals/{token}`; `$default` matches anything. */
  readonly path: string;
  readonly functionArn: string;
  readonly payloadFormatVersion: string;
}

export interface LocalBucketDeployment {
  readonly bucketName: string;
  readonly keyPrefix: string;
  /** Staged source directories in the cloud assembly. */
  readonly sourceDirs: readonly string[];
}

export interface LocalAppModel {
  readonly functions: readonly LocalFunction[];
  readonly tables: readonly { logicalId: string; name: string }[];
  readonly buckets: readonly { logicalId: string; name: string }[];
  readonly secrets: readonly LocalSecret[];
  readonly stateMachines: readonly LocalStateMachine[];
  readonly buses: readonly string[];
  readonly rules: readonly LocalRule[];
  readonly routes: readonly LocalRoute[];
  readonly deployments: readonly LocalBucketDeployment[];
  readonly graphqlApis: readonly LocalGraphqlApi[];
}

const EXECUTE_API_URL = /https:\/\/[a-z0-9-]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com/g;

/** Deployed HTTP API URLs become the local gateway's URL (e.g. an APPROVAL_BASE_URL built from `httpApi.url`). */
function localUrls(value: string, env: LocalEnvironment): string {
  return value.replace(EXECUTE_API_URL, env.gatewayUrl);
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function codeDirOf(stack: StackArtifact, resource: CfnResource, code: Record<string, unknown>): string | undefined {
  const metaPath = resource.Metadata?.['aws:asset:path'];
  const candidates: string[] = [];
  if (typeof metaPath === 'string') candidates.push(join(stack.directory, metaPath));
  const key = typeof code.S3Key === 'string' ? code.S3Key : undefined;
  const asset = key ? stack.assets.get(key.replace(/\.zip$/, '')) : undefined;
  if (asset) candidates.push(asset);
  return candidates.find((dir) => existsSync(dir) && statSync(dir).isDirectory());
}

function busNameOf(value: unknown): string {
  const text = typeof value === 'string' && value ? value : 'default';
  return text.startsWith('arn:') ? (text.split('/').pop() ?? 'default') : text;
}

export function buildAppModel(stacks: readonly StackArtifact[], env: LocalEnvironment): LocalAppModel {
  const exports = collectExports(stacks, env);
  const model = {
    functions: [] as LocalFunction[],
    tables: [] as { logicalId: string; name: string }[],
    buckets: [] as { logicalId: string; name: string }[],
    secrets: [] as LocalSecret[],
    stateMachines: [] as LocalStateMachine[],
    buses: ['default'],
    rules: [] as LocalRule[],
    routes: [] as LocalRoute[],
    deployments: [] as LocalBucketDeployment[],
    graphqlApis: [] as LocalGraphqlApi[],
  };
  for (const stack of stacks) {
    const resolver = new TemplateResolver(stack.stackName, stack.template, env, exports);
    const resources = Object.entries(stack.template.Resources ?? {}).filter(([, r]) => !r.Condition || resolver.condition(r.Condition));
    const integrations = new Map<string, Record<string, unknown>>();
    for (const [id, r] of resources) {
      if (r.Type === 'AWS::ApiGatewayV2::Integration') integrations.set(String(resolver.resolve({ Ref: id })), record(resolver.resolve(r.Properties)));
    }
    for (const [id, r] of resources) {
      const arn = () => String(resolver.resolve({ 'Fn::GetAtt': [id, 'Arn'] }));
      switch (r.Type) {
        case 'AWS::DynamoDB::Table':
        case 'AWS::DynamoDB::GlobalTable':
          model.tables.push({ logicalId: id, name: resolver.nameOf(id) });
          break;
        case 'AWS::S3::Bucket':
          model.buckets.push({ logicalId: id, name: resolver.nameOf(id) });
          break;
        case 'AWS::AppSync::GraphQLSchema': {
          // Raw properties: the schema text, and which API it belongs to (its ApiId is a GetAtt of that API).
          const apiRef = record(r.Properties?.ApiId)['Fn::GetAtt'];
          const apiId = Array.isArray(apiRef) ? String(apiRef[0]) : id;
          const dataSource = resources.find(
            ([, d]) => d.Type === 'AWS::AppSync::DataSource' && d.Properties?.Type === 'AWS_LAMBDA' && JSON.stringify(d.Properties?.ApiId ?? '').includes(`"${apiId}"`),
          );
          const fnArn = record(record(dataSource?.[1].Properties).LambdaConfig).LambdaFunctionArn;
          const fnRef = record(fnArn)['Fn::GetAtt'];
          const api = record(resources.find(([logicalId]) => logicalId === apiId)?.[1].Properties);
          model.graphqlApis.push({
            logicalId: apiId,
            schema: String(r.Properties?.Definition ?? ''),
            ...(Array.isArray(fnRef) ? { resolverFunctionId: String(fnRef[0]) } : {}),
            limits: { queryDepthLimit: Number(api.QueryDepthLimit ?? 0), resolverCountLimit: Number(api.ResolverCountLimit ?? 0), introspection: api.IntrospectionConfig !== 'DISABLED' },
          });
          break;
        }
        case 'AWS::Events::EventBus':
          model.buses.push(resolver.nameOf(id));
          break;
        case 'AWS::SecretsManager::Secret': {
          const p = record(resolver.resolve(r.Properties));
          model.secrets.push({
            logicalId: id,
            name: resolver.nameOf(id),
            arn: String(resolver.resolve({ Ref: id })),
            ...(typeof p.SecretString === 'string' ? { secretString: p.SecretString } : {}),
            ...(p.GenerateSecretString ? { generate: record(p.GenerateSecretString) } : {}),
          });
          break;
        }
        case 'AWS::Lambda::Function': {
          const p = record(resolver.resolve(r.Properties));
          const variables = record(record(p.Environment).Variables);
          const environment = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, localUrls(typeof v === 'string' ? v : JSON.stringify(v), env)]));
          model.functions.push({
            logicalId: id,
            stackName: stack.stackName,
            name: resolver.nameOf(id),
            arn: arn(),
            runtime: String(p.Runtime ?? ''),
            handler: String(p.Handler ?? 'index.handler'),
            timeoutSeconds: Number(p.Timeout ?? 3),
            memoryMb: Number(p.MemorySize ?? 128),
            codeDir: codeDirOf(stack, r, record(r.Properties?.Code)),
            environment,
          });
          break;
        }
        case 'AWS::StepFunctions::StateMachine': {
          const p = record(resolver.resolve(r.Properties));
          let text = typeof p.DefinitionString === 'string' ? p.DefinitionString : JSON.stringify(p.Definition ?? {});
          for (const [key, value] of Object.entries(record(p.DefinitionSubstitutions))) {
            text = text.split(`\${${key}}`).join(typeof value === 'string' ? value : JSON.stringify(value));
          }
          model.stateMachines.push({
            logicalId: id,
            name: resolver.nameOf(id),
            arn: String(resolver.resolve({ Ref: id })),
            type: p.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
            definition: JSON.parse(localUrls(text, env)) as Record<string, unknown>,
          });
          break;
        }
        case 'AWS::Events::Rule': {
          const p = record(resolver.resolve(r.Properties));
          if (!p.EventPattern) break; // scheduled rules have no local clock yet
          const targets = (Array.isArray(p.Targets) ? p.Targets : []).map(record).map(
            (t): LocalTarget => ({
              id: String(t.Id),
              arn: String(t.Arn),
              ...(typeof t.Input === 'string' ? { input: t.Input } : {}),
              ...(typeof t.InputPath === 'string' ? { inputPath: t.InputPath } : {}),
              ...(t.InputTransformer ? { inputTransformer: record(t.InputTransformer) as unknown as InputTransformerSpec } : {}),
              ...(record(t.DeadLetterConfig).Arn ? { deadLetterArn: String(record(t.DeadLetterConfig).Arn) } : {}),
              maximumRetryAttempts: Number(record(t.RetryPolicy).MaximumRetryAttempts ?? 185),
              ...(typeof record(t.AppSyncParameters).GraphQLOperation === 'string' ? { appSyncOperation: String(record(t.AppSyncParameters).GraphQLOperation) } : {}),
            }),
          );
          const busName = busNameOf(p.EventBusName);
          const name = resolver.nameOf(id);
          model.rules.push({
            logicalId: id,
            name,
            arn: `arn:aws:events:${env.region}:${env.account}:rule/${busName === 'default' ? '' : `${busName}/`}${name}`,
            busName,
            pattern: typeof p.EventPattern === 'string' ? (JSON.parse(p.EventPattern) as Record<string, unknown>) : record(p.EventPattern),
            enabled: p.State !== 'DISABLED',
            targets,
          });
          break;
        }
        case 'AWS::ApiGatewayV2::Route': {
          const p = record(resolver.resolve(r.Properties));
          const routeKey = String(p.RouteKey);
          const integrationId = String(p.Target ?? '').replace(/^integrations\//, '');
          const integration = integrations.get(integrationId);
          if (!integration) break;
          const uri = String(integration.IntegrationUri ?? '');
          const functionArn = /functions\/(.+)\/invocations/.exec(uri)?.[1] ?? uri;
          const [method, path] = routeKey === '$default' ? ['ANY', '$default'] : routeKey.split(' ');
          model.routes.push({
            routeKey,
            method: (method ?? 'ANY').toUpperCase(),
            path: path ?? '/',
            functionArn,
            payloadFormatVersion: String(integration.PayloadFormatVersion ?? '2.0'),
          });
          break;
        }
        case 'Custom::CDKBucketDeployment': {
          const p = record(resolver.resolve(r.Properties));
          const keys = Array.isArray(p.SourceObjectKeys) ? p.SourceObjectKeys.map(String) : [];
          const sourceDirs = keys
            .map((key) => stack.assets.get(key.replace(/\.zip$/, '')))
            .filter((dir): dir is string => typeof dir === 'string' && existsSync(dir) && statSync(dir).isDirectory());
          model.deployments.push({ bucketName: String(p.DestinationBucketName), keyPrefix: String(p.DestinationBucketKeyPrefix ?? ''), sourceDirs });
          break;
        }
      }
    }
  }
  return model;
}
