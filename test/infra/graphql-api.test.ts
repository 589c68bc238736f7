// GraphqlApi construct: auth modes, the IAM-only publish mutation, one direct
// Lambda resolver per field, and the Campaign Updated rule → AppSync target.
import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GRAPHQL_LIMITS, GraphqlApi, PUBLISH_OPERATION, RESOLVED_FIELDS, SCHEMA_PATH } from '../../lib/constructs/graphql-api.ts';
import { APPSYNC_DEFINITIONS } from '../../local/graphql/appsync-definitions.ts';
import { cdkApp } from '../support/cdk-app.ts';

function synth(props: { introspection?: boolean } = {}): Template {
  // GIVEN a throwaway stack, no bundling, and a plain inline function as the resolver
  const app = cdkApp({ 'aws:cdk:bundling-stacks': [] });
  const stack = new Stack(app, 'GraphqlTest');
  const eventBus = new events.EventBus(stack, 'Bus', { eventBusName: 'mcc' });
  const resolverFunction = new lambda.Function(stack, 'Resolver', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => null;'),
  });
  // WHEN
  new GraphqlApi(stack, 'Graphql', { eventBus, resolverFunction, ...props });
  return Template.fromStack(stack);
}

describe('GraphqlApi', () => {
  const template = synth();
  const schemaText = readFileSync(SCHEMA_PATH, 'utf8');

  it('signs people in with the user pool by default and lets the backend in with IAM', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
      XrayEnabled: true,
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: true }),
    });
  });

  it('limits what one request may cost (depth, resolvers); introspection stays on unless switched off (issue 21)', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      QueryDepthLimit: GRAPHQL_LIMITS.queryDepthLimit,
      ResolverCountLimit: GRAPHQL_LIMITS.resolverCountLimit,
      IntrospectionConfig: 'ENABLED',
    });
    synth({ introspection: false }).hasResourceProperties('AWS::AppSync::GraphQLApi', { IntrospectionConfig: 'DISABLED' });
  });

  it('creates a pool whose tenantId attribute cannot be changed, with the marketers and approvers groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenantId', Mutable: false, AttributeDataType: 'String' })]),
    });
    for (const group of ['marketers', 'approvers']) template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
  });

  it('deploys the schema file, in which publishCampaignUpdate is IAM-only and every other root field is for the user pool', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLSchema', { Definition: schemaText });
    const schema = buildSchema(`${APPSYNC_DEFINITIONS}\n${schemaText}`);
    for (const typeName of ['Query', 'Mutation', 'Subscription'] as const) {
      const fields = schema.getType(typeName)?.astNode;
      if (!fields || !('fields' in fields)) throw new Error(`${typeName} is missing`);
      for (const field of fields.fields ?? []) {
        const modes = (field.directives ?? []).map((d) => d.name.value).filter((n) => n.startsWith('aws_') && n !== 'aws_subscribe');
        expect(modes, `${typeName}.${field.name.value}`).toEqual(field.name.value === 'publishCampaignUpdate' ? ['aws_iam'] : ['aws_cognito_user_pools']);
      }
    }
  });

  it('attaches one direct Lambda resolver (no mapping templates) to every root field of the schema', () => {
    const schema = buildSchema(`${APPSYNC_DEFINITIONS}\n${schemaText}`);
    for (const [typeName, fields] of Object.entries(RESOLVED_FIELDS)) {
      const type = schema.getType(typeName);
      const declared = type && isObjectType(type) ? Object.keys(type.getFields()) : [];
      expect([...fields].sort()).toEqual(declared.sort());
      for (const fieldName of fields) {
        template.hasResourceProperties('AWS::AppSync::Resolver', {
          TypeName: typeName,
          FieldName: fieldName,
          Kind: 'UNIT',
          RequestMappingTemplate: Match.absent(),
          ResponseMappingTemplate: Match.absent(),
        });
      }
    }
    template.resourceCountIs('AWS::AppSync::Resolver', Object.values(RESOLVED_FIELDS).flat().length);
  });

  it('routes Campaign Updated events to publishCampaignUpdate on the API, with the detail as the input', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['mcc.campaigns'], 'detail-type': ['Campaign Updated'] },
      Targets: [
        Match.objectLike({
          AppSyncParameters: { GraphQLOperation: PUBLISH_OPERATION },
          InputTransformer: { InputPathsMap: { detail: '$.detail' }, InputTemplate: '{"input":<detail>}' },
          RoleArn: Match.anyValue(),
        }),
      ],
    });
  });

  it('outputs the GraphQL URL, the user pool and its client', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    for (const name of ['GraphqlUrl', 'UserPoolId', 'UserPoolClientId']) expect(outputs.some((o) => o.includes(name))).toBe(true);
  });
});
