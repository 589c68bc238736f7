// The deployed GraphQL API in prod: introspection off, and the same cost
// limits as every stage (issue 21). The construct's own test covers dev's default.
import { Template } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { GRAPHQL_LIMITS } from '../../lib/constructs/graphql-api.ts';
import { synthMcc } from './mcc-synth.ts';

describe('the GraphQL stack in prod', () => {
  it('switches introspection off and keeps the depth and resolver limits', () => {
    const { stacks } = synthMcc({ stage: 'prod' });
    Template.fromStack(stacks.graphql).hasResourceProperties('AWS::AppSync::GraphQLApi', {
      IntrospectionConfig: 'DISABLED',
      QueryDepthLimit: GRAPHQL_LIMITS.queryDepthLimit,
      ResolverCountLimit: GRAPHQL_LIMITS.resolverCountLimit,
    });
  }, 180_000);
});
