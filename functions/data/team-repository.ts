// TeamRepository: a tenant's team members, one partition per tenant, and
// the tenant's scheduling settings (blackout dates). Every method takes the
// tenant and builds keys from it.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../domain/errors.ts';
import { TeamMember } from '../domain/team-member.ts';
import { ScheduleSettings } from '../domain/timeline-record.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { withoutKeys } from './item-codec.ts';
import { MEMBER_SK_PREFIX, memberKey, scheduleSettingsKey, teamPartition } from './keys.ts';

export class TeamRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  /** Creates or replaces the member. */
  async put(member: TeamMember): Promise<TeamMember> {
    const valid = parseOrThrow(TeamMember, member, 'team member');
    await this.#doc.send(new PutCommand({ TableName: this.#tableName, Item: { ...memberKey(valid.tenantId, valid.memberId), ...valid } }));
    return valid;
  }

  async get(tenantId: string, memberId: string): Promise<TeamMember | undefined> {
    const { Item } = await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: memberKey(tenantId, memberId), ConsistentRead: true }));
    return Item ? TeamMember.parse(withoutKeys(Item)) : undefined;
  }

  async require(tenantId: string, memberId: string): Promise<TeamMember> {
    const member = await this.get(tenantId, memberId);
    if (!member) throw new NotFoundError('Team member', memberId);
    return member;
  }

  /** The whole team (teams are small: one partition, paged through). */
  async list(tenantId: string): Promise<TeamMember[]> {
    const members: TeamMember[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': teamPartition(tenantId), ':prefix': MEMBER_SK_PREFIX },
          ExclusiveStartKey: start,
        }),
      );
      members.push(...(page.Items ?? []).map((i) => TeamMember.parse(withoutKeys(i))));
      start = page.LastEvaluatedKey;
    } while (start);
    return members;
  }

  async remove(tenantId: string, memberId: string): Promise<void> {
    try {
      await this.#doc.send(new DeleteCommand({ TableName: this.#tableName, Key: memberKey(tenantId, memberId), ConditionExpression: 'attribute_exists(PK)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('Team member', memberId);
      throw error;
    }
  }

  async getSettings(tenantId: string): Promise<ScheduleSettings | undefined> {
    const { Item } = await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: scheduleSettingsKey(tenantId) }));
    return Item ? ScheduleSettings.parse(withoutKeys(Item)) : undefined;
  }

  async putSettings(tenantId: string, settings: ScheduleSettings): Promise<ScheduleSettings> {
    const valid = parseOrThrow(ScheduleSettings, settings, 'schedule settings');
    await this.#doc.send(new PutCommand({ TableName: this.#tableName, Item: { ...scheduleSettingsKey(tenantId), ...valid } }));
    return valid;
  }
}
