// Approval records: the server-side half of an e-mailed approval link. The
// record holds the task token; deciding is a conditional PENDING → DECIDED
// write, which is what makes each link single-use.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Approval, ApprovalDecision } from '../domain/approval.ts';
import { AlreadyExistsError, ApprovalClosedError, NotFoundError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { APPROVAL_SK_PREFIX, approvalKey, campaignPartition } from './keys.ts';
import { latestApproval } from './campaign-approvals.ts';
import { withoutKeys } from './item-codec.ts';

/** Decided and expired records stay readable this long, so a late click still sees the outcome. */
export const APPROVAL_RETENTION_DAYS = 30;

export class ApprovalRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  async create(approval: Approval): Promise<void> {
    const valid = parseOrThrow(Approval, approval, 'approval');
    const retainUntil = Math.floor(Date.parse(valid.expiresAt) / 1000) + APPROVAL_RETENTION_DAYS * 86_400;
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...approvalKey(valid.tenantId, valid.campaignId, valid.approvalId), expiresAtEpoch: retainUntil, ...valid },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new AlreadyExistsError('Approval', valid.approvalId);
      throw error;
    }
  }

  /** The campaign's most recent approval request, or undefined when none was ever made. */
  async latestFor(tenantId: string, campaignId: string): Promise<Approval | undefined> {
    return latestApproval(this.#doc, this.#tableName, tenantId, campaignId);
  }

  async get(tenantId: string, campaignId: string, approvalId: string): Promise<Approval | undefined> {
    const { Item } = await this.#doc.send(
      new GetCommand({ TableName: this.#tableName, Key: approvalKey(tenantId, campaignId, approvalId), ConsistentRead: true }),
    );
    return Item ? Approval.parse(withoutKeys(Item)) : undefined;
  }

  /** Every approval request of the campaign (each revision's stages), oldest first. */
  async listForCampaign(tenantId: string, campaignId: string): Promise<Approval[]> {
    const approvals: Approval[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': campaignPartition(tenantId, campaignId), ':prefix': APPROVAL_SK_PREFIX },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      approvals.push(...(page.Items ?? []).map((item) => Approval.parse(withoutKeys(item))));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return approvals.sort((a, b) => a.revision - b.revision || (a.stage ?? 0) - (b.stage ?? 0));
  }

  /** PENDING → DECIDED exactly once; a second decision gets ApprovalClosedError with the first one. */
  async decide(tenantId: string, campaignId: string, approvalId: string, input: ApprovalDecision): Promise<Approval> {
    const decision = parseOrThrow(ApprovalDecision, input, 'approval decision');
    return this.#close(tenantId, campaignId, approvalId, 'DECIDED', {
      decision: decision.decision,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt,
      ...(decision.comment ? { comment: decision.comment } : {}),
      ...(decision.client ? { decidedFrom: decision.client } : {}),
      ...(decision.rejectedPostIds ? { rejectedPostIds: decision.rejectedPostIds } : {}),
    });
  }

  /** PENDING → EXPIRED, when the workflow's wait timed out. */
  async expire(tenantId: string, campaignId: string, approvalId: string): Promise<Approval> {
    return this.#close(tenantId, campaignId, approvalId, 'EXPIRED', {});
  }

  /**
   * DECIDED → EXPIRED, when the recorded decision never reached the workflow
   * (its wait had already timed out). The decision fields stay, for the audit trail.
   */
  async withdraw(tenantId: string, campaignId: string, approvalId: string): Promise<Approval> {
    return this.#close(tenantId, campaignId, approvalId, 'EXPIRED', {}, 'DECIDED');
  }

  /**
   * A PENDING approval waits on a new task token: the workflow re-ran its
   * request (a retry, or the local runtime resuming after a restart). Links
   * already e-mailed name the approval, not the token, so they keep working.
   */
  async resume(tenantId: string, campaignId: string, approvalId: string, taskToken: string): Promise<Approval> {
    return this.#update(tenantId, campaignId, approvalId, { taskToken }, 'PENDING');
  }

  /** Records that the approvers were e-mailed, so a retried request does not e-mail them again. */
  async markNotified(tenantId: string, campaignId: string, approvalId: string, at: Date): Promise<Approval> {
    return this.#update(tenantId, campaignId, approvalId, { notifiedAt: at.toISOString() }, 'PENDING');
  }

  // --- decision delivery (issue 21) ---
  /** A DECIDED approval whose decision could not be handed to the workflow yet: the next attempt must deliver it. */
  async markUndelivered(tenantId: string, campaignId: string, approvalId: string, at: Date): Promise<Approval> {
    return this.#delivery(tenantId, campaignId, approvalId, `SET #undelivered = :at`, { ':at': at.toISOString() });
  }

  /** The decision reached the workflow after all. */
  async markDelivered(tenantId: string, campaignId: string, approvalId: string): Promise<Approval> {
    return this.#delivery(tenantId, campaignId, approvalId, 'REMOVE #undelivered', {});
  }

  async #delivery(tenantId: string, campaignId: string, approvalId: string, update: string, values: Record<string, string>): Promise<Approval> {
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: approvalKey(tenantId, campaignId, approvalId),
          UpdateExpression: update,
          ConditionExpression: 'attribute_exists(PK) AND #status = :decided',
          ExpressionAttributeNames: { '#status': 'status', '#undelivered': 'undeliveredSince' },
          ExpressionAttributeValues: { ':decided': 'DECIDED', ...values },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Approval.parse(withoutKeys(Attributes ?? {}));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new NotFoundError('Approval', approvalId);
      throw new ApprovalClosedError(Approval.parse(withoutKeys(unmarshall(error.Item))));
    }
  }
  // --- end decision delivery ---

  async #update(tenantId: string, campaignId: string, approvalId: string, fields: Record<string, string>, status: 'PENDING'): Promise<Approval> {
    const valid = parseOrThrow(Approval.pick({ taskToken: true, notifiedAt: true }).partial(), fields, 'approval update');
    const entries = Object.entries(valid).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: approvalKey(tenantId, campaignId, approvalId),
          UpdateExpression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(PK) AND #status = :status',
          ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(entries.map(([name]) => [`#${name}`, name])) },
          ExpressionAttributeValues: { ':status': status, ...Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])) },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Approval.parse(withoutKeys(Attributes ?? {}));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new NotFoundError('Approval', approvalId);
      throw new ApprovalClosedError(Approval.parse(withoutKeys(unmarshall(error.Item))));
    }
  }

  async #close(
    tenantId: string,
    campaignId: string,
    approvalId: string,
    status: 'DECIDED' | 'EXPIRED',
    fields: Record<string, unknown>,
    from: 'PENDING' | 'DECIDED' = 'PENDING',
  ): Promise<Approval> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':pending': from, ':closed': status };
    const sets = ['#status = :closed'];
    for (const [name, value] of Object.entries(fields)) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      sets.push(`#${name} = :${name}`);
    }
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: approvalKey(tenantId, campaignId, approvalId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(PK) AND #status = :pending',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Approval.parse(withoutKeys(Attributes ?? {}));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new NotFoundError('Approval', approvalId);
      throw new ApprovalClosedError(Approval.parse(withoutKeys(unmarshall(error.Item))));
    }
  }
}
