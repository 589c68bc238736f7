// The knowledge-base role may list the bucket the way the data source lists
// it. Ingestion runs after the deploy (StartIngestionJob is asynchronous), so
// a list the role's policy denies shows up only as an empty knowledge base.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { type Json, synthMcc } from './mcc-synth.ts';

let kb: Template;

/** IAM's StringLike: `*` any run of characters, `?` one character. */
function stringLike(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(value);
}

/** Whether one Allow statement grants s3:ListBucket for a List request with this `prefix` (the empty string from the root). */
function allowsList(statement: Json, prefix: string): boolean {
  const actions = ([] as string[]).concat(statement.Action as string | string[]);
  if (statement.Effect !== 'Allow' || !actions.some((a) => a === 's3:ListBucket' || a === 's3:*' || a === '*')) return false;
  const conditions = (statement.Condition ?? {}) as Record<string, Record<string, string | string[]>>;
  return Object.entries(conditions).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => {
      if (key !== 's3:prefix') return true;
      if (operator !== 'StringLike' && operator !== 'StringEquals') return false;
      const patterns = ([] as string[]).concat(values);
      return patterns.some((p) => (operator === 'StringLike' ? stringLike(p, prefix) : p === prefix));
    }),
  );
}

beforeAll(() => {
  kb = synthMcc().templates.knowledgeBase;
});

describe('knowledge-base access to its bucket', () => {
  it('lets the knowledge-base role list every prefix the data source lists from', () => {
    const [source] = Object.values(kb.findResources('AWS::Bedrock::DataSource')) as { Properties: Json }[];
    const s3 = ((source?.Properties.DataSourceConfiguration as Json).S3Configuration ?? {}) as Json;
    // No inclusion prefix: the data source lists from the bucket root.
    const listedPrefixes = (s3.InclusionPrefixes as string[] | undefined) ?? [''];

    const [base] = Object.values(kb.findResources('AWS::Bedrock::KnowledgeBase')) as { Properties: Json }[];
    const roleId = ((base?.Properties.RoleArn as Json)['Fn::GetAtt'] as string[])[0];
    const statements = Object.values(kb.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify((p as { Properties: Json }).Properties.Roles).includes(`"${roleId}"`))
      .flatMap((p) => ((p as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement));
    expect(statements.length).toBeGreaterThan(0);
    for (const prefix of listedPrefixes) expect(statements.some((s) => allowsList(s, prefix)), `list with prefix "${prefix}"`).toBe(true);
  });

  it('reads only the indexed folders', () => {
    const text = JSON.stringify(kb.findResources('AWS::IAM::Policy'));
    expect(text).toMatch(/playbooks\/\*/);
    expect(text).not.toMatch(/"s3:GetObject"[^\]]*"Resource":"\*"/);
  });
});
