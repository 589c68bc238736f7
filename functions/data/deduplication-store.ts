// Remembers which events were already handled, for at-least-once deliveries
// (EventBridge, Workfront's retries for up to 48 hours). The first claim of a
// (scope, key) wins through a conditional put; records expire by TTL.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
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

/** What a claim remembers for whoever repeats it (e.g. the campaign a request created). */
export type ClaimValue = Readonly<Record<string, string>>;

export type ClaimResult = { readonly claimed: true } | { readonly claimed: false; readonly value: ClaimValue | undefined };

const StoredValue = z.record(z.string(), z.string());

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
   * Claims (tenant, scope, key) together with `value`; a repeat within the TTL
   * gets the value the first claim stored, so it can answer as the first did.
   */
  async claimWithValue(input: Claim, value: ClaimValue, now: Date): Promise<ClaimResult> {
    const { tenantId, scope, key, ttlSeconds } = parseOrThrow(Claim, input, 'de-duplication claim');
    const nowEpoch = Math.floor(now.getTime() / 1000);
    const itemKey = dedupKey(tenantId, scope, key);
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...itemKey, scope, claimedAt: now.toISOString(), expiresAtEpoch: nowEpoch + ttlSeconds, value: parseOrThrow(StoredValue, value, 'claim value') },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAtEpoch < :now',
          ExpressionAttributeValues: { ':now': nowEpoch },
          // The winner's item comes back with the refusal: no second read.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const item = error.Item
        ? unmarshall(error.Item)
        : (await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: itemKey, ConsistentRead: true }))).Item;
      const stored = StoredValue.safeParse(item?.value);
      return { claimed: false, value: stored.success ? stored.data : undefined };
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
