// AppSync's field authorization, read from the schema's directives: a field's
// own auth directives win over its type's; with neither, the default mode
// (user pools) applies. `cognito_groups` narrows a user-pool field to groups.
import { Kind, type ConstDirectiveNode, type GraphQLField, type GraphQLObjectType } from 'graphql';
import type { AuthMode, RequestIdentity } from './caller-identity.ts';

const MODE_OF: Readonly<Record<string, AuthMode>> = { aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS', aws_iam: 'AWS_IAM' };
const DEFAULT_MODE: AuthMode = 'AMAZON_COGNITO_USER_POOLS';

interface Rule {
  readonly mode: AuthMode;
  readonly groups?: readonly string[];
}

function rulesOf(directives: readonly ConstDirectiveNode[] | undefined): Rule[] {
  const rules: Rule[] = [];
  for (const d of directives ?? []) {
    const mode = MODE_OF[d.name.value];
    if (!mode) continue;
    const groupsArg = d.arguments?.find((a) => a.name.value === 'cognito_groups')?.value;
    const groups = groupsArg?.kind === Kind.LIST ? groupsArg.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : undefined;
    rules.push(groups ? { mode, groups } : { mode });
  }
  return rules;
}

export function allowedRules(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Rule[] {
  const own = rulesOf(field.astNode?.directives);
  if (own.length > 0) return own;
  const inherited = rulesOf(type.astNode?.directives);
  return inherited.length > 0 ? inherited : [{ mode: DEFAULT_MODE }];
}

export function isAllowed(rules: readonly Rule[], caller: RequestIdentity): boolean {
  return rules.some((r) => r.mode === caller.mode && (!r.groups || r.groups.some((g) => caller.groups.includes(g))));
}
