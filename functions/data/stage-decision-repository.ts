// Approvers' decisions, one item per approver per stage. Recording one is a
// transaction: the item must not exist yet (no approver counts twice, a
// replayed link or a double click changes nothing) and the stage's approval
// must still be PENDING (no decision lands after the stage closed).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Approval } from '../domain/approval.ts';
import { AlreadyDecidedError } from '../domain/approval-errors.ts';
import { ApprovalClosedError, NotFoundError } from '../domain/errors.ts';
import { StageDecision } from '../domain/stage-decision.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { approvalKey, campaignPartition } from './keys.ts';
import { DECISION_SK_PREFIX, decisionKey, decisionPrefix } from './approval-keys.ts';
import { withoutKeys } from './item-codec.ts';

export class StageDecisionRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  /**
   * Records the decision, or throws AlreadyDecidedError (this approver decided
   * this stage before) or ApprovalClosedError (the stage is no longer PENDING).
   */
  async record(input: StageDecision): Promise<StageDecision> {
    const decision = parseOrThrow(StageDecision, input, 'stage decision');
    const { tenantId, campaignId, approvalId, approver } = decision;
    try {
      await this.#doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tableName,
                Item: { ...decisionKey(tenantId, campaignId, approvalId, approver), ...decision },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              ConditionCheck: {
                TableName: this.#tableName,
                Key: approvalKey(tenantId, campaignId, approvalId),
                ConditionExpression: '#status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': 'PENDING' },
              },
            },
          ],
        }),
      );
      return decision;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [put, check] = error.CancellationReasons ?? [];
      if (put?.Code === 'ConditionalCheckFailed') {
        const recorded = await this.get(tenantId, campaignId, approvalId, approver);
        if (recorded) throw new AlreadyDecidedError(recorded);
      }
      if (check?.Code === 'ConditionalCheckFailed') {
        const { Item } = await this.#doc.send(
          new GetCommand({ TableName: this.#tableName, Key: approvalKey(tenantId, campaignId, approvalId), ConsistentRead: true }),
        );
        if (!Item) throw new NotFoundError('Approval', approvalId);
        throw new ApprovalClosedError(Approval.parse(withoutKeys(Item)));
      }
      throw error;
    }
  }

  async get(tenantId: string, campaignId: string, approvalId: string, approver: string): Promise<StageDecision | undefined> {
    const { Item } = await this.#doc.send(
      new GetCommand({ TableName: this.#tableName, Key: decisionKey(tenantId, campaignId, approvalId, approver), ConsistentRead: true }),
    );
    return Item ? StageDecision.parse(withoutKeys(Item)) : undefined;
  }

  /** Every decision of one stage, strongly consistent: the last writer always sees all earlier ones. */
  async listForStage(tenantId: string, campaignId: string, approvalId: string): Promise<StageDecision[]> {
    return this.#query(tenantId, campaignId, decisionPrefix(approvalId));
  }

  /** Every decision of every revision and stage of a campaign, in the order they were made. */
  async listForCampaign(tenantId: string, campaignId: string): Promise<StageDecision[]> {
    const all = await this.#query(tenantId, campaignId, DECISION_SK_PREFIX);
    return all.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || a.approver.localeCompare(b.approver));
  }

  async #query(tenantId: string, campaignId: string, prefix: string): Promise<StageDecision[]> {
    const decisions: StageDecision[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': campaignPartition(tenantId, campaignId), ':prefix': prefix },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      decisions.push(...(page.Items ?? []).map((item) => StageDecision.parse(withoutKeys(item))));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return decisions;
  }
}
