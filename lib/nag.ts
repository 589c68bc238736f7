// cdk-nag 3 acknowledgements, one construct at a time, each with the reason a
// reviewer reads. A rule that reports several findings on one resource (IAM5:
// one per wildcard) is acknowledged finding by finding, never wholesale.
import { Stack, Validations } from 'aws-cdk-lib';
import type { Policy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

export function acknowledge(construct: IConstruct, rule: string, reason: string, findings: readonly string[] = []): void {
  const ids = findings.length === 0 ? [rule] : findings.map((finding) => `${rule}[${finding}]`);
  for (const id of ids) Validations.of(construct).acknowledge({ id, reason });
}

/**
 * For roles CDK builds inside its own constructs (bucket deployment, custom resources), whose
 * policies we do not write: acknowledges each wildcard finding in the role's default policy, as
 * the policy stands when called, with one reason.
 */
export function acknowledgeManagedRoleWildcards(role: IConstruct, reason: string): void {
  const policy = role.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  if (!policy) return;
  const document = Stack.of(role).resolve(policy.document) as { Statement?: { Action: string | string[]; Resource: unknown }[] };
  const findings = new Set<string>();
  for (const statement of document.Statement ?? []) {
    for (const action of [statement.Action].flat()) if (action.includes('*')) findings.add(`Action::${action}`);
    for (const resource of [statement.Resource].flat()) {
      const flat = flatten(resource);
      if (flat.includes('*')) findings.add(`Resource::${flat}`);
    }
  }
  acknowledge(role, 'AwsSolutions-IAM5', reason, [...findings]);
}

/**
 * How cdk-nag spells a resource in an IAM5 finding: the value resolved in its
 * stack, `Ref`/`GetAtt` as `<Id>`/`<Id.Attr>`, joins flattened. Only for values
 * of the construct's own stack (a cross-stack value becomes an import first).
 */
export function nagResource(scope: IConstruct, value: string): string {
  return `Resource::${flatten(Stack.of(scope).resolve(value))}`;
}

function flatten(node: unknown): string {
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node && typeof node === 'object') {
    const fn = node as Record<string, unknown>;
    const join = fn['Fn::Join'];
    if (Array.isArray(join)) return (join[1] as unknown[]).map(flatten).join(String(join[0]));
    if ('Fn::Sub' in fn) return flatten(fn['Fn::Sub']);
    if ('Fn::ImportValue' in fn) return flatten(fn['Fn::ImportValue']);
    const getAtt = fn['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
    if ('Ref' in fn) return `<${flatten(fn.Ref)}>`;
  }
  return JSON.stringify(node);
}
