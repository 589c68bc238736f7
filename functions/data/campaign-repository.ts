// CampaignRepository: campaigns, their posts and their Workfront links in the
// single table. Every method takes the tenant and builds keys from it; there
// is no way to name an item of another tenant.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Campaign, type StatusChange } from '../domain/campaign.ts';
import { findTransition, sourcesOf, MAX_REVISIONS, type CampaignStatus } from '../domain/campaign-status.ts';
import { AlreadyExistsError, ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { Plan } from '../domain/plan.ts';
import { Post } from '../domain/post.ts';
import { WorkfrontLink, type WorkfrontObjCode } from '../domain/workfront-link.ts';
import { parseOrThrow } from '../domain/validate.ts';
import {
  allCampaignsKey,
  belongsToTenant,
  byStatusKey,
  campaignKey,
  campaignPartition,
  createdSortKey,
  POST_SK_PREFIX,
  postKey,
  workfrontLinkKey,
  workfrontObjectGuardKey,
  workfrontObjectKey,
} from './keys.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';
import { writeAllInBatches } from './batch-write.ts';
import { editBrief, type BriefEdit } from './campaign-edits.ts';
import { withoutKeys } from './item-codec.ts';

export interface ListOptions {
  readonly status?: CampaignStatus;
  /** 1–100; defaults to 25. */
  readonly limit?: number;
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Present when more items may follow. */
  readonly cursor?: string;
}

export interface TransitionRequest {
  readonly to: CampaignStatus;
  /** The status the caller believes the campaign is in; omitted, any status the table allows. */
  readonly from?: CampaignStatus;
  readonly reason?: string;
  readonly now: Date;
  /** Fields written together with the status, in the same conditional update. */
  readonly patch?: { readonly plan?: Plan; readonly workfrontProjectId?: string; readonly workfrontUrl?: string };
}

export class CampaignRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  /** Conditional create: a second create of the same campaign throws AlreadyExistsError. */
  async create(campaign: Campaign): Promise<void> {
    const valid = parseOrThrow(Campaign, campaign, 'campaign');
    const created = createdSortKey(valid.createdAt, valid.campaignId);
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...campaignKey(valid.tenantId, valid.campaignId),
            GSI1PK: byStatusKey(valid.tenantId, valid.status),
            GSI1SK: created,
            GSI3PK: allCampaignsKey(valid.tenantId),
            GSI3SK: created,
            ...valid,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new AlreadyExistsError('Campaign', valid.campaignId);
      throw error;
    }
  }

  /** Edits the brief's descriptive fields while the campaign is not finished (see campaign-edits.ts). */
  async editBrief(tenantId: string, campaignId: string, edit: BriefEdit, now: Date): Promise<Campaign> {
    return editBrief(this.#doc, this.#tableName, tenantId, campaignId, edit, now);
  }

  async get(tenantId: string, campaignId: string): Promise<Campaign | undefined> {
    const { Item } = await this.#doc.send(
      new GetCommand({ TableName: this.#tableName, Key: campaignKey(tenantId, campaignId), ConsistentRead: true }),
    );
    return Item ? Campaign.parse(withoutKeys(Item)) : undefined;
  }

  async require(tenantId: string, campaignId: string): Promise<Campaign> {
    const campaign = await this.get(tenantId, campaignId);
    if (!campaign) throw new NotFoundError('Campaign', campaignId);
    return campaign;
  }

  /** Newest first, through GSI1 (one status) or GSI3 (all); never a Scan. */
  async list(tenantId: string, options: ListOptions = {}): Promise<Page<Campaign>> {
    const limit = options.limit ?? 25;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationError('list request', [{ field: 'limit', message: 'must be a whole number from 1 to 100' }]);
    }
    const [indexName, partition] = options.status
      ? (['GSI1', byStatusKey(tenantId, options.status)] as const)
      : (['GSI3', allCampaignsKey(tenantId)] as const);
    const query = `${indexName}|${partition}`;
    const startKey = options.cursor ? decodeCursor(query, options.cursor) : undefined;
    // A cursor's key must lie in this query's partition and this tenant's items.
    if (startKey && (startKey[`${indexName}PK`] !== partition || !belongsToTenant(startKey.PK ?? '', tenantId))) {
      throw new ValidationError('cursor', [{ field: 'cursor', message: 'is not a cursor this query returned' }]);
    }
    const result = await this.#doc.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${indexName}PK` },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (result.Items ?? []).map((item) => Campaign.parse(withoutKeys(item)));
    return result.LastEvaluatedKey ? { items, cursor: encodeCursor(query, result.LastEvaluatedKey) } : { items };
  }

  /**
   * Moves the campaign to `to` in one conditional update: the write succeeds
   * only if the stored status is one the transition table allows as a source
   * (and, for a revision, while revisions remain), so two writers racing from
   * the same status cannot both win.
   */
  async transition(tenantId: string, campaignId: string, request: TransitionRequest): Promise<Campaign> {
    const { to, from, reason, now, patch } = request;
    const sources = from ? [from] : sourcesOf(to).filter((s) => !findTransition(s, to)?.revision);
    const transition = from ? findTransition(from, to) : undefined;
    if (sources.length === 0 || (from && !transition)) {
      throw new InvalidTransitionError(from, to, 'the status table does not allow it');
    }
    const entry: StatusChange = { status: to, at: now.toISOString(), ...(reason ? { reason } : {}) };
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':to': to,
      ':now': entry.at,
      ':one': 1,
      ':entry': [entry],
      ':gsi1pk': byStatusKey(tenantId, to),
    };
    const sets = [
      '#status = :to',
      'updatedAt = :now',
      'version = version + :one',
      'history = list_append(history, :entry)',
      'GSI1PK = :gsi1pk',
    ];
    const removes: string[] = [];
    if (reason) {
      sets.push('statusReason = :reason');
      values[':reason'] = reason;
    } else {
      removes.push('statusReason');
    }
    sources.forEach((s, i) => (values[`:from${i}`] = s));
    let condition = `attribute_exists(PK) AND #status IN (${sources.map((_, i) => `:from${i}`).join(', ')})`;
    if (transition?.revision) {
      sets.push('revision = revision + :one');
      values[':maxRevisions'] = MAX_REVISIONS;
      condition += ' AND revision < :maxRevisions';
    }
    for (const [field, value] of Object.entries(patch ?? {})) {
      if (value === undefined) continue;
      sets.push(`#${field} = :${field}`);
      names[`#${field}`] = field;
      values[`:${field}`] = field === 'plan' ? parseOrThrow(Plan, value, 'plan') : value;
    }
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: campaignKey(tenantId, campaignId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Campaign.parse(withoutKeys(Attributes ?? {}));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new NotFoundError('Campaign', campaignId);
      const current = Campaign.parse(withoutKeys(unmarshall(error.Item)));
      const why = findTransition(current.status, to)?.revision ? `all ${MAX_REVISIONS} revisions have been used` : 'the status table does not allow it';
      throw new InvalidTransitionError(current.status, to, from && from !== current.status ? `the campaign is ${current.status}, not ${from}` : why);
    }
  }

  /**
   * The one status change outside the transition table, and only a
   * compensation: an approver's decision moved the campaign to APPROVED or
   * REJECTED, but Step Functions refused it because the approval wait had
   * already timed out (TaskTimedOut / TaskDoesNotExist). The workflow has
   * ended or gone to MarkExpired, so the decision never took effect and the
   * campaign is EXPIRED. The write is conditional on the decided status.
   */
  async expireUndeliveredDecision(
    tenantId: string,
    campaignId: string,
    request: { readonly decided: 'APPROVED' | 'REJECTED'; readonly reason: string; readonly now: Date },
  ): Promise<Campaign> {
    const entry: StatusChange = { status: 'EXPIRED', at: request.now.toISOString(), reason: request.reason };
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: campaignKey(tenantId, campaignId),
          UpdateExpression:
            'SET #status = :to, updatedAt = :now, version = version + :one, history = list_append(history, :entry), GSI1PK = :gsi1pk, statusReason = :reason',
          ConditionExpression: 'attribute_exists(PK) AND #status = :decided',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': 'EXPIRED',
            ':now': entry.at,
            ':one': 1,
            ':entry': [entry],
            ':gsi1pk': byStatusKey(tenantId, 'EXPIRED'),
            ':reason': request.reason,
            ':decided': request.decided,
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Campaign.parse(withoutKeys(Attributes ?? {}));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!error.Item) throw new NotFoundError('Campaign', campaignId);
      const current = Campaign.parse(withoutKeys(unmarshall(error.Item)));
      throw new InvalidTransitionError(current.status, 'EXPIRED', `the campaign is ${current.status}, not ${request.decided}`);
    }
  }

  /** Writes (or overwrites) posts in batches of 25, retrying what DynamoDB leaves unprocessed. */
  async putPosts(tenantId: string, campaignId: string, posts: readonly Post[]): Promise<void> {
    const items = posts.map((post) => {
      const valid = parseOrThrow(Post, post, 'post');
      if (valid.campaignId !== campaignId) {
        throw new ValidationError('post', [{ field: 'campaignId', message: `must be ${campaignId}` }]);
      }
      return { ...postKey(tenantId, campaignId, valid.postId), ...valid };
    });
    if (new Set(items.map((i) => i.SK)).size !== items.length) {
      throw new ValidationError('posts', [{ field: 'postId', message: 'must be unique within one write' }]);
    }
    await writeAllInBatches(this.#doc, this.#tableName, items);
  }

  async getPost(tenantId: string, campaignId: string, postId: string): Promise<Post | undefined> {
    const { Item } = await this.#doc.send(
      new GetCommand({ TableName: this.#tableName, Key: postKey(tenantId, campaignId, postId), ConsistentRead: true }),
    );
    return Item ? Post.parse(withoutKeys(Item)) : undefined;
  }

  async listPosts(tenantId: string, campaignId: string): Promise<Post[]> {
    const posts: Post[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': campaignPartition(tenantId, campaignId), ':prefix': POST_SK_PREFIX },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      posts.push(...(page.Items ?? []).map((item) => Post.parse(withoutKeys(item))));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return posts;
  }

  /**
   * Records (or refreshes) the link from a Workfront object to this tenant's
   * campaign. An object belongs to one campaign: a guard item keyed by the
   * object, written in the same transaction, refuses a link to a second one.
   */
  async putWorkfrontLink(tenantId: string, link: WorkfrontLink): Promise<void> {
    const valid = parseOrThrow(WorkfrontLink, link, 'Workfront link');
    try {
      await this.#doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tableName,
                Item: { ...workfrontObjectGuardKey(tenantId, valid.objCode, valid.objId), campaignId: valid.campaignId },
                ConditionExpression: 'attribute_not_exists(PK) OR campaignId = :campaignId',
                ExpressionAttributeValues: { ':campaignId': valid.campaignId },
              },
            },
            {
              Put: {
                TableName: this.#tableName,
                Item: {
                  ...workfrontLinkKey(tenantId, valid.campaignId, valid.objCode, valid.objId),
                  GSI2PK: workfrontObjectKey(tenantId, valid.objCode, valid.objId),
                  GSI2SK: campaignPartition(tenantId, valid.campaignId),
                  ...valid,
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`Workfront ${valid.objCode} ${valid.objId} is already linked to another campaign`);
      }
      throw error;
    }
  }

  /**
   * Records a Workfront object's status from an event, only if the event is
   * newer than the last one applied to that link (`lastEventAt`, compared as
   * fixed-width ISO strings), so a late redelivery never rolls a status back.
   * Returns the updated link, or undefined when the event was not newer.
   */
  async updateWorkfrontLinkStatus(
    tenantId: string,
    link: Pick<WorkfrontLink, 'campaignId' | 'objCode' | 'objId'>,
    change: { readonly status: string; readonly eventAt: string; readonly now: Date },
  ): Promise<WorkfrontLink | undefined> {
    const valid = parseOrThrow(WorkfrontLink.pick({ status: true, lastEventAt: true }).required(), { status: change.status, lastEventAt: change.eventAt }, 'Workfront link status');
    try {
      const { Attributes } = await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: workfrontLinkKey(tenantId, link.campaignId, link.objCode, link.objId),
          UpdateExpression: 'SET #status = :status, lastEventAt = :eventAt, updatedAt = :now',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastEventAt) OR lastEventAt < :eventAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': valid.status, ':eventAt': valid.lastEventAt, ':now': change.now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return WorkfrontLink.parse(withoutKeys(Attributes ?? {}));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** GSI2: which of this tenant's campaigns a Workfront object belongs to. */
  async findWorkfrontLink(tenantId: string, objCode: WorkfrontObjCode, objId: string): Promise<WorkfrontLink | undefined> {
    const { Items } = await this.#doc.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': workfrontObjectKey(tenantId, objCode, objId) },
        Limit: 1,
      }),
    );
    const item = Items?.[0];
    return item ? WorkfrontLink.parse(withoutKeys(item)) : undefined;
  }
}
