// Escalation on the one table (issue 17). EscalationContacts: who holds each
// approval level, per tenant — item `TENANT#t#SETTINGS` / `ESCALATION#<level>`,
// put by an operator (README, Notifications). ApprovalEscalations: the
// conditional hand-over of a PENDING approval from its approvers to the next
// level's, which succeeds once however often the escalation schedule fires.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Approval } from '../domain/approval.ts';
import type { ApprovalLevel } from '../domain/campaign-tiers.ts';
import { EscalationContactList } from '../domain/escalation.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { approvalKey, type ItemKey } from './keys.ts';
import { withoutKeys } from './item-codec.ts';

export function escalationContactsKey(tenantId: string, level: ApprovalLevel): ItemKey {
  return { PK: `TENANT#${tenantId}#SETTINGS`, SK: `ESCALATION#${level}` };
}

export class EscalationContacts {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  /** The level's approvers; undefined when the tenant configured none (or the item is malformed: logged by the caller). */
  async get(tenantId: string, level: ApprovalLevel): Promise<EscalationContactList | undefined> {
    const { Item } = await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: escalationContactsKey(tenantId, level) }));
    if (!Item) return undefined;
    return parseOrThrow(EscalationContactList, withoutKeys(Item), `escalation contacts for ${level}`);
  }

  async put(tenantId: string, contacts: EscalationContactList): Promise<void> {
    const valid = parseOrThrow(EscalationContactList, contacts, 'escalation contacts');
    await this.#doc.send(new PutCommand({ TableName: this.#tableName, Item: { ...escalationContactsKey(tenantId, valid.level), ...valid } }));
  }
}

export interface EscalationRequest {
  /** The approvers expected to hold it now: the write is refused if another escalation or a decision got there first. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly level: ApprovalLevel;
  readonly at: Date;
}

export class ApprovalEscalations {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  /** PENDING approval held by `from` → held by `to` at `level`; undefined when it no longer was (decided, expired, escalated). */
  async escalate(tenantId: string, campaignId: string, approvalId: string, request: EscalationRequest): Promise<Approval | undefined> {
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: approvalKey(tenantId, campaignId, approvalId),
          UpdateExpression: 'SET approvers = :to, approvalLevel = :level, escalatedAt = :at, escalatedFrom = list_append(if_not_exists(escalatedFrom, :empty), :from)',
          ConditionExpression: 'attribute_exists(PK) AND #status = :pending AND approvers = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': [...request.to], ':from': [...request.from], ':level': request.level, ':at': request.at.toISOString(), ':empty': [], ':pending': 'PENDING' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Approval.parse(withoutKeys(Attributes ?? {}));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
