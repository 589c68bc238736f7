// The pieces of the local endpoint that mirror AppSync's documented behaviour:
// selectionSetList paths, field auth from directives, subscription filtering.
import { buildSchema, Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH } from '../../lib/constructs/graphql-api.ts';
import { APPSYNC_DEFINITIONS } from '../../local/graphql/appsync-definitions.ts';
import { BACKEND_IDENTITY, type RequestIdentity } from '../../local/graphql/caller-identity.ts';
import { allowedRules, isAllowed } from '../../local/graphql/field-auth.ts';
import { selectionSetList } from '../../local/graphql/selection-set.ts';
import { argumentFilter } from '../../local/graphql/subscription-channel.ts';

const schema = buildSchema(`${APPSYNC_DEFINITIONS}\n${readFileSync(SCHEMA_PATH, 'utf8')}`);
const person = (groups: string[]): RequestIdentity => ({ mode: 'AMAZON_COGNITO_USER_POOLS', groups, identity: {} });

function rootField(query: string): { field: FieldNode; fragments: Record<string, FragmentDefinitionNode> } {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const field = op?.selectionSet.selections[0];
  if (field?.kind !== Kind.FIELD) throw new Error('no root field');
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { field, fragments };
}

describe('local AppSync event shape', () => {
  it('lists selected paths as AppSync does: parent/child, fragments flattened, no __typename', () => {
    const { field, fragments } = rootField(
      'query { getCampaign(id: "c") { campaignId __typename ...F posts { postId ... on Post { content { body } } } } } fragment F on Campaign { budget { amount } }',
    );
    expect(selectionSetList(field, fragments)).toEqual(['campaignId', 'budget', 'budget/amount', 'posts', 'posts/postId', 'posts/content', 'posts/content/body']);
  });

  it('reads field auth from the directives: IAM-only publish, group-limited writes, user pools elsewhere', () => {
    const mutation = schema.getMutationType();
    const query = schema.getQueryType();
    if (!mutation || !query) throw new Error('schema has no Query or Mutation');
    const rules = (type: typeof mutation, name: string) => {
      const field = type.getFields()[name];
      if (!field) throw new Error(name);
      return allowedRules(type, field);
    };
    expect(isAllowed(rules(mutation, 'publishCampaignUpdate'), BACKEND_IDENTITY)).toBe(true);
    expect(isAllowed(rules(mutation, 'publishCampaignUpdate'), person(['marketers', 'approvers']))).toBe(false);
    expect(isAllowed(rules(mutation, 'createCampaign'), person(['marketers']))).toBe(true);
    expect(isAllowed(rules(mutation, 'createCampaign'), person(['approvers']))).toBe(false);
    expect(isAllowed(rules(mutation, 'decideApproval'), person(['approvers']))).toBe(true);
    expect(isAllowed(rules(query, 'listCampaigns'), person([]))).toBe(true);
    expect(isAllowed(rules(query, 'listCampaigns'), BACKEND_IDENTITY)).toBe(false);
  });

  it('filters subscriptions like AppSync: every argument set must equal the same-named result field', () => {
    const forTenant = argumentFilter({ tenantId: 'acme', campaignId: null });
    expect(forTenant({ tenantId: 'acme', campaignId: 'c1' })).toBe(true);
    expect(forTenant({ tenantId: 'globex', campaignId: 'c1' })).toBe(false);
    const forCampaign = argumentFilter({ tenantId: 'acme', campaignId: 'c2' });
    expect(forCampaign({ tenantId: 'acme', campaignId: 'c1' })).toBe(false);
    expect(forCampaign({ tenantId: 'acme', campaignId: 'c2' })).toBe(true);
  });
});
