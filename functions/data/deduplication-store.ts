// Remembers which events were already handled, for at-least-once deliveries
// (EventBridge, Workfront's retries for up to 48 hours). The first claim of a
// (scope, key) wins through a conditional put; records expire by TTL.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { parseOrThrow } from '../domain/validate.ts';
import { TenantId } from '../domain/vocabulary.ts';
import { dedupKey } from './keys.ts';

const Claim = z.strictObject({
  tenantId: TenantId,
  scope: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lowercase scope name'),
  key: z.string().min(1).max(512),
  ttlSeconds: z.number().int().min(60).max(90 * 86_400),
});
export type Claim = z.infer<typeof Claim>;

export class DeduplicationStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  /** True the first time a (tenant, scope, key) is claimed within its TTL; false for a repeat. */
  async claim(input: Claim, now: Date): Promise<boolean> {
    const { tenantId, scope, key, ttlSeconds } = parseOrThrow(Claim, input, 'de-duplication claim');
    const nowEpoch = Math.floor(now.getTime() / 1000);
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...dedupKey(tenantId, scope, key), scope, claimedAt: now.toISOString(), expiresAtEpoch: nowEpoch + ttlSeconds },
          // TTL deletion runs late (up to days), so an expired record still present counts as absent.
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAtEpoch < :now',
          ExpressionAttributeValues: { ':now': nowEpoch },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Gives a claim back when the work it guarded failed, so the sender's retry
   * is processed instead of being taken for a duplicate.
   */
  async release(tenantId: string, scope: string, key: string): Promise<void> {
    await this.#doc.send(new DeleteCommand({ TableName: this.#tableName, Key: dedupKey(tenantId, scope, key) }));
  }
}
