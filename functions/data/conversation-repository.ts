// Conversations with the agent in the single table: one item per message in a
// partition keyed by tenant and conversation, so a conversation of another
// tenant cannot be named, let alone read.
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConversationMessage } from '../domain/conversation.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { conversationPartition, MESSAGE_SK_PREFIX, messageKey } from './keys.ts';
import { withoutKeys } from './item-codec.ts';

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
}
