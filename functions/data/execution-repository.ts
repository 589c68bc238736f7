// ExecutionRepository: a campaign's execution tasks and timeline header in
// the campaign's item collection, GSI4 for one member's tasks by start date
// and for the tenant's calendar by end date. Task writes are conditional on
// the version the writer read, so two reassignments racing on one task
// cannot both win and the task always has exactly one assignee.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { ExecutionTask } from '../domain/execution-task.ts';
import { TimelineRecord } from '../domain/timeline-record.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { BATCH_SIZE, writeAllInBatches } from './batch-write.ts';
import { withoutKeys } from './item-codec.ts';
import { assigneeKey, calendarKey, campaignPartition, TASK_SK_PREFIX, taskKey, timelineKey } from './keys.ts';

/** Fields a task update may change; `null` removes an optional field. */
export type TaskPatch = Partial<{
  state: ExecutionTask['state'];
  percentComplete: number;
  blockedReason: string | null;
  completionNotes: string | null;
  assigneeId: string | null;
  assignmentReason: string | null;
  workfrontTaskId: string;
}>;

function taskItem(tenantId: string, task: ExecutionTask): Record<string, unknown> {
  return {
    ...taskKey(tenantId, task.campaignId, task.taskId),
    ...(task.assigneeId ? { GSI4PK: assigneeKey(tenantId, task.assigneeId), GSI4SK: `${task.startDate}#${task.campaignId}#${task.taskId}` } : {}),
    ...task,
  };
}

export class ExecutionRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.#doc = doc;
    this.#tableName = tableName;
  }

  /** Writes the timeline header and every task, and deletes tasks the new timeline no longer has. */
  async saveTimeline(tenantId: string, record: TimelineRecord, tasks: readonly ExecutionTask[], removedTaskIds: readonly string[] = []): Promise<void> {
    const header = parseOrThrow(TimelineRecord, record, 'timeline');
    const valid = tasks.map((t) => parseOrThrow(ExecutionTask, t, `task ${t.taskId}`));
    await writeAllInBatches(this.#doc, this.#tableName, valid.map((t) => taskItem(tenantId, t)));
    for (let i = 0; i < removedTaskIds.length; i += BATCH_SIZE) {
      const requests = removedTaskIds.slice(i, i + BATCH_SIZE).map((id) => ({ DeleteRequest: { Key: taskKey(tenantId, header.campaignId, id) } }));
      await this.#doc.send(new BatchWriteCommand({ RequestItems: { [this.#tableName]: requests } }));
    }
    // The header last: a reader that finds it finds every task it names.
    await this.#doc.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...timelineKey(tenantId, header.campaignId), GSI4PK: calendarKey(tenantId), GSI4SK: `${header.endDate}#${header.campaignId}`, ...header },
      }),
    );
  }

  async getTimeline(tenantId: string, campaignId: string): Promise<TimelineRecord | undefined> {
    const { Item } = await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: timelineKey(tenantId, campaignId), ConsistentRead: true }));
    return Item ? TimelineRecord.parse(withoutKeys(Item)) : undefined;
  }

  async listTasks(tenantId: string, campaignId: string): Promise<ExecutionTask[]> {
    const tasks: ExecutionTask[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': campaignPartition(tenantId, campaignId), ':prefix': TASK_SK_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      tasks.push(...(page.Items ?? []).map((i) => ExecutionTask.parse(withoutKeys(i))));
      start = page.LastEvaluatedKey;
    } while (start);
    return tasks.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.taskId.localeCompare(b.taskId));
  }

  async getTask(tenantId: string, campaignId: string, taskId: string): Promise<ExecutionTask | undefined> {
    const { Item } = await this.#doc.send(new GetCommand({ TableName: this.#tableName, Key: taskKey(tenantId, campaignId, taskId), ConsistentRead: true }));
    return Item ? ExecutionTask.parse(withoutKeys(Item)) : undefined;
  }

  async requireTask(tenantId: string, campaignId: string, taskId: string): Promise<ExecutionTask> {
    const task = await this.getTask(tenantId, campaignId, taskId);
    if (!task) throw new NotFoundError('Task', taskId);
    return task;
  }

  /** One member's tasks whose start date lies in [from, to] (GSI4, eventually consistent). */
  async tasksOf(tenantId: string, memberId: string, from = '0000-00-00', to = '9999-99-99'): Promise<ExecutionTask[]> {
    const tasks: ExecutionTask[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: 'GSI4',
          KeyConditionExpression: 'GSI4PK = :pk AND GSI4SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': assigneeKey(tenantId, memberId), ':from': from, ':to': `${to}#\uffff` },
          ExclusiveStartKey: start,
        }),
      );
      tasks.push(...(page.Items ?? []).map((i) => ExecutionTask.parse(withoutKeys(i))));
      start = page.LastEvaluatedKey;
    } while (start);
    return tasks;
  }

  /** Timelines of campaigns that end on or after `from` and launch on or before `to`. */
  async calendar(tenantId: string, from: string, to: string): Promise<TimelineRecord[]> {
    const records: TimelineRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#doc.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: 'GSI4',
          KeyConditionExpression: 'GSI4PK = :pk AND GSI4SK >= :from',
          FilterExpression: 'launchDate <= :to',
          ExpressionAttributeValues: { ':pk': calendarKey(tenantId), ':from': from, ':to': to },
          ExclusiveStartKey: start,
        }),
      );
      records.push(...(page.Items ?? []).map((i) => TimelineRecord.parse(withoutKeys(i))));
      start = page.LastEvaluatedKey;
    } while (start);
    return records;
  }

  /**
   * Applies the patch if the stored task is still at `expectedVersion`; the
   * version goes up by one. A stale version is a ConflictError naming the
   * current one, so the caller can re-read and decide again.
   */
  async updateTask(tenantId: string, campaignId: string, taskId: string, expectedVersion: number, patch: TaskPatch, now: Date): Promise<ExecutionTask> {
    const current = await this.requireTask(tenantId, campaignId, taskId);
    if (current.version !== expectedVersion) throw new ConflictError(`Task ${taskId} is at version ${current.version}, not ${expectedVersion}; read it again`);
    const next: Record<string, unknown> = { ...current, version: current.version + 1, updatedAt: now.toISOString() };
    for (const [field, value] of Object.entries(patch)) {
      if (value === null) delete next[field];
      else if (value !== undefined) next[field] = value;
    }
    const valid = parseOrThrow(ExecutionTask, next, `task ${taskId}`);
    try {
      await this.#doc.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: taskItem(tenantId, valid),
          ConditionExpression: 'attribute_exists(PK) AND version = :version',
          ExpressionAttributeValues: { ':version': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`Task ${taskId} changed while it was being updated; read it again`);
      throw error;
    }
    return valid;
  }

  /** Records the Workfront task ID once; a retry that finds it already set changes nothing. */
  async setWorkfrontTaskId(tenantId: string, campaignId: string, taskId: string, workfrontTaskId: string): Promise<void> {
    try {
      await this.#doc.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: taskKey(tenantId, campaignId, taskId),
          UpdateExpression: 'SET workfrontTaskId = :id, version = version + :one',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(workfrontTaskId)',
          ExpressionAttributeValues: { ':id': workfrontTaskId, ':one': 1 },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }
}
