// Earlier versions of posts: before a revision regenerates a post or an
// approver's edit replaces it, the post as it stood is kept here, so every
// version of a campaign stays readable (Query.campaignVersions). Items live in
// the campaign's collection; writing the same version twice is harmless (the
// key is the post and the time it was last written).
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Post } from '../domain/post.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { writeAllInBatches } from './batch-write.ts';
import { campaignPartition } from './keys.ts';
import { withoutKeys } from './item-codec.ts';

export const POST_VERSION_SK_PREFIX = 'POSTVER#';

export class PostVersionRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  async keep(tenantId: string, ...posts: Post[]): Promise<void> {
    const items = posts.map((input) => {
      const post = parseOrThrow(Post, input, 'post version');
      return { PK: campaignPartition(tenantId, post.campaignId), SK: `${POST_VERSION_SK_PREFIX}${post.postId}#${post.updatedAt}`, ...post };
    });
    if (items.length) await writeAllInBatches(this.#doc, this.#tableName, items);
  }

  /** Every kept version of every post of the campaign, oldest first per post. */
  async list(tenantId: string, campaignId: string): Promise<Post[]> {
    const posts: Post[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': campaignPartition(tenantId, campaignId), ':prefix': POST_VERSION_SK_PREFIX },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      posts.push(...(page.Items ?? []).map((item) => Post.parse(withoutKeys(item))));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return posts;
  }
}
