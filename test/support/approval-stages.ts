// The staged-approval repositories (issue 16) every approval use case needs,
// over one test table: spread into a use case's deps.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApprovalPolicyRepository } from '../../functions/data/approval-policy-repository.ts';
import { PostVersionRepository } from '../../functions/data/post-version-repository.ts';
import { StageDecisionRepository } from '../../functions/data/stage-decision-repository.ts';

export function stageRepositories(table: { doc: DynamoDBDocumentClient; tableName: string }) {
  const policies = new ApprovalPolicyRepository(table.doc, table.tableName);
  return {
    decisions: new StageDecisionRepository(table.doc, table.tableName),
    postVersions: new PostVersionRepository(table.doc, table.tableName),
    policies,
    directory: policies,
  };
}
