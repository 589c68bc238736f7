// Conversations with the agent in the single table: one item per message in a
// partition keyed by tenant and conversation, so a conversation of another
// tenant cannot be named, let alone read.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AgentAction, type AgentActionStatus } from '../domain/agent-action.ts';
import { ConversationMessage, ConversationMeta } from '../domain/conversation.ts';
import { AlreadyExistsError, ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validate.ts';
import {
  ACTION_SK_PREFIX,
  agentActionKey,
  belongsToTenant,
  conversationMetaKey,
  conversationPartition,
  conversationsOfUserKey,
  MESSAGE_SK_PREFIX,
  messageKey,
} from './keys.ts';
import { withoutKeys } from './item-codec.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';

export interface ConversationPage {
  readonly items: readonly ConversationMeta[];
  readonly cursor?: string;
}

/** A decision on a pending action: CONFIRMED or DENIED by the user, or SUPERSEDED by a newer proposal. */
export interface ActionDecision {
  readonly status: Exclude<AgentActionStatus, 'PENDING'>;
  readonly decidedBy: string;
  readonly now: Date;
}

export class ConversationRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  /** Conditional put: a message ID is written once. */
  async append(tenantId: string, message: ConversationMessage): Promise<void> {
    const valid = parseOrThrow(ConversationMessage, message, 'conversation message');
    await this.#doc.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...messageKey(tenantId, valid.conversationId, valid.createdAt, valid.messageId), ...valid },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** The latest `limit` messages, oldest first. */
  async recent(tenantId: string, conversationId: string, limit = 100): Promise<ConversationMessage[]> {
    const { Items } = await this.#doc.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': conversationPartition(tenantId, conversationId), ':prefix': MESSAGE_SK_PREFIX },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => ConversationMessage.parse(withoutKeys(item))).reverse();
  }

  // --- campaign assistant (issue 13): the conversation's record, its owner's index, its actions ---

  /** Conditional put: a conversation starts once. */
  async start(tenantId: string, meta: ConversationMeta): Promise<void> {
    const valid = parseOrThrow(ConversationMeta, meta, 'conversation');
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...conversationMetaKey(tenantId, valid.conversationId), ...this.#ownerIndex(tenantId, valid), ...valid },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new AlreadyExistsError('Conversation', valid.conversationId);
      throw error;
    }
  }

  async meta(tenantId: string, conversationId: string): Promise<ConversationMeta | undefined> {
    const { Item } = await this.#doc.send(
      new GetCommand({ TableName: this.#tableName, Key: conversationMetaKey(tenantId, conversationId), ConsistentRead: true }),
    );
    return Item ? ConversationMeta.parse(withoutKeys(Item)) : undefined;
  }

  /** Records activity (and the assistant's memory) so the conversation sorts first in its owner's list. */
  async touch(tenantId: string, meta: ConversationMeta, update: { readonly now: Date; readonly memory?: Record<string, unknown> | undefined }): Promise<void> {
    const next = parseOrThrow(
      ConversationMeta,
      { ...meta, updatedAt: update.now.toISOString(), ...(update.memory ? { memory: update.memory } : {}) },
      'conversation',
    );
    await this.#doc.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...conversationMetaKey(tenantId, next.conversationId), ...this.#ownerIndex(tenantId, next), ...next },
        ConditionExpression: 'attribute_exists(PK) AND ownerSub = :owner',
        ExpressionAttributeValues: { ':owner': meta.ownerSub },
      }),
    );
  }

  /** One user's conversations, most recently active first, through GSI1 (never a Scan). */
  async listForOwner(tenantId: string, ownerSub: string, options: { limit?: number; cursor?: string } = {}): Promise<ConversationPage> {
    const limit = options.limit ?? 25;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationError('list request', [{ field: 'limit', message: 'must be a whole number from 1 to 100' }]);
    }
    const partition = conversationsOfUserKey(tenantId, ownerSub);
    const query = `GSI1|${partition}`;
    const startKey = options.cursor ? decodeCursor(query, options.cursor) : undefined;
    if (startKey && (startKey.GSI1PK !== partition || !belongsToTenant(startKey.PK ?? '', tenantId))) {
      throw new ValidationError('cursor', [{ field: 'cursor', message: 'is not a cursor this query returned' }]);
    }
    const result = await this.#doc.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (result.Items ?? []).map((item) => ConversationMeta.parse(withoutKeys(item)));
    return result.LastEvaluatedKey ? { items, cursor: encodeCursor(query, result.LastEvaluatedKey) } : { items };
  }

  /** Conditional put: an action ID is proposed once. */
  async propose(tenantId: string, action: AgentAction): Promise<void> {
    const valid = parseOrThrow(AgentAction, action, 'agent action');
    await this.#doc.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...agentActionKey(tenantId, valid.conversationId, valid.actionId), ...valid },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async action(tenantId: string, conversationId: string, actionId: string): Promise<AgentAction | undefined> {
    const { Item } = await this.#doc.send(
      new GetCommand({ TableName: this.#tableName, Key: agentActionKey(tenantId, conversationId, actionId), ConsistentRead: true }),
    );
    return Item ? AgentAction.parse(withoutKeys(Item)) : undefined;
  }

  /** Every action of the conversation, oldest first (action IDs sort by time). */
  async actions(tenantId: string, conversationId: string): Promise<AgentAction[]> {
    const { Items } = await this.#doc.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': conversationPartition(tenantId, conversationId), ':prefix': ACTION_SK_PREFIX },
        ConsistentRead: true,
        Limit: 100,
      }),
    );
    return (Items ?? []).map((item) => AgentAction.parse(withoutKeys(item))).sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
  }

  /**
   * Decides a pending action, exactly once: the write is conditional on the
   * action still being PENDING, so of two racing confirmations one wins and
   * the other gets a Conflict naming what was decided.
   */
  async decide(tenantId: string, conversationId: string, actionId: string, decision: ActionDecision): Promise<AgentAction> {
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: agentActionKey(tenantId, conversationId, actionId),
          UpdateExpression: 'SET #status = :to, decidedAt = :now, decidedBy = :by',
          ConditionExpression: 'attribute_exists(PK) AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': decision.status, ':now': decision.now.toISOString(), ':by': decision.decidedBy, ':pending': 'PENDING' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return AgentAction.parse(withoutKeys(Attributes ?? {}));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.action(tenantId, conversationId, actionId);
      if (!current) throw new NotFoundError('Action', actionId);
      throw new ConflictError(`Action ${actionId} was already ${current.status.toLowerCase()}${current.decidedAt ? ` at ${current.decidedAt}` : ''}; nothing was changed`);
    }
  }

  /** Records what a confirmed action did. */
  async recordResult(tenantId: string, conversationId: string, actionId: string, result: Record<string, unknown>): Promise<void> {
    await this.#doc.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: agentActionKey(tenantId, conversationId, actionId),
        UpdateExpression: 'SET #result = :result',
        ConditionExpression: 'attribute_exists(PK) AND #status = :confirmed',
        ExpressionAttributeNames: { '#result': 'result', '#status': 'status' },
        ExpressionAttributeValues: { ':result': result, ':confirmed': 'CONFIRMED' },
      }),
    );
  }

  /**
   * Puts a confirmed action back to PENDING when carrying it out failed, so
   * the user can confirm again: the action's effects are idempotent (the
   * campaign ID derives from the action ID), so the retry cannot double them.
   */
  async reopen(tenantId: string, conversationId: string, actionId: string): Promise<void> {
    await this.#doc.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: agentActionKey(tenantId, conversationId, actionId),
        UpdateExpression: 'SET #status = :pending REMOVE decidedAt, decidedBy',
        ConditionExpression: 'attribute_exists(PK) AND #status = :confirmed AND attribute_not_exists(#result)',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':confirmed': 'CONFIRMED' },
      }),
    );
  }

  #ownerIndex(tenantId: string, meta: ConversationMeta): Record<string, string> {
    return { GSI1PK: conversationsOfUserKey(tenantId, meta.ownerSub), GSI1SK: `${meta.updatedAt}#${meta.conversationId}` };
  }
}
