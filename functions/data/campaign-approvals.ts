// The approval requests of one campaign, read from the campaign's own item
// collection (a Query on its partition, never a Scan): the GraphQL API shows
// the latest one and lets a signed-in approver decide it.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Approval } from '../domain/approval.ts';
import { APPROVAL_SK_PREFIX, campaignPartition } from './keys.ts';
import { withoutKeys } from './item-codec.ts';

/** The most recently created approval request, or undefined when none was ever made. */
export async function latestApproval(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  campaignId: string,
): Promise<Approval | undefined> {
  const approvals: Approval[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': campaignPartition(tenantId, campaignId), ':prefix': APPROVAL_SK_PREFIX },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    approvals.push(...(page.Items ?? []).map((item) => Approval.parse(withoutKeys(item))));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return approvals.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.revision - b.revision).at(-1);
}
