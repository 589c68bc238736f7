// Edits to a campaign's descriptive brief fields (name, objective, audience)
// from the GraphQL API. One conditional update: the campaign must exist in
// this tenant and not be finished. Fields that decide the tier (type, budget,
// channels) are not editable, so the tier stays what Save decided.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Campaign } from '../domain/campaign.ts';
import { CAMPAIGN_STATUSES, isTerminal } from '../domain/campaign-status.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { campaignKey } from './keys.ts';
import { withoutKeys } from './item-codec.ts';

export interface BriefEdit {
  readonly name?: string;
  readonly objective?: string;
  readonly audience?: string;
}

/**
 * Statuses a campaign can still be edited in: anything not finished for good, except while
 * approvers hold the e-mailed summary (issue 21) — an edit then would have them approve text
 * they never saw. The condition is part of the write, so an edit racing RequestApproval loses.
 */
const EDITABLE = CAMPAIGN_STATUSES.filter((s) => !isTerminal(s, 0) && s !== 'AWAITING_APPROVAL');

export async function editBrief(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  campaignId: string,
  edit: BriefEdit,
  now: Date,
): Promise<Campaign> {
  const fields = Object.entries(edit).filter(([, value]) => value !== undefined) as [keyof BriefEdit, string][];
  const names: Record<string, string> = { '#status': 'status', '#brief': 'brief' };
  const values: Record<string, unknown> = { ':now': now.toISOString(), ':one': 1 };
  const sets = ['updatedAt = :now', 'version = version + :one'];
  for (const [field, value] of fields) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#brief.#${field} = :${field}`);
  }
  EDITABLE.forEach((s, i) => (values[`:s${i}`] = s));
  try {
    const { Attributes } = await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: campaignKey(tenantId, campaignId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `attribute_exists(PK) AND #status IN (${EDITABLE.map((_, i) => `:s${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return parseOrThrow(Campaign, withoutKeys(Attributes ?? {}), 'campaign');
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!error.Item) throw new NotFoundError('Campaign', campaignId);
    const current = Campaign.parse(withoutKeys(unmarshall(error.Item)));
    if (current.status === 'AWAITING_APPROVAL') {
      throw new ConflictError(`Campaign ${campaignId} is AWAITING_APPROVAL: its approvers are reviewing it, so it cannot be edited until they decide (reject it to revise)`);
    }
    throw new ConflictError(`Campaign ${campaignId} is ${current.status} and can no longer be edited`);
  }
}
