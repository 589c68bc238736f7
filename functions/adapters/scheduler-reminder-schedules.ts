// The ReminderSchedules port over Amazon EventBridge Scheduler: one schedule
// group per approval (named from a hash of its keys, so any ID fits
// Scheduler's 64-character names), one one-time `at()` schedule per reminder
// that invokes the reminder function with the reminder event and deletes
// itself after it runs. Clearing deletes the group, which deletes whatever
// schedules are left in it. Locally the same client reaches the gateway's
// Scheduler API through AWS_ENDPOINT_URL_SCHEDULER.
import { createHash } from 'node:crypto';
import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ApprovalRef } from '../domain/approval-reminders.ts';
import type { ReminderSchedules, ScheduledReminder } from '../ports/reminder-schedules.ts';

export interface SchedulerReminderTarget {
  /** Prefix of every group this deployment owns (IAM grants `schedule-group/<prefix>*`), e.g. `mcc-dev-apr-`. */
  readonly groupPrefix: string;
  /** The reminder function's ARN; functions that only clear reminders have none. */
  readonly targetArn?: string;
  /** The role Scheduler assumes to invoke it. */
  readonly roleArn?: string;
}

export class RemindersNotConfiguredError extends Error {
  constructor() {
    super('This function clears approval reminders only: REMINDER_TARGET_ARN and REMINDER_ROLE_ARN are not set');
    this.name = 'RemindersNotConfiguredError';
  }
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, Scheduler's one-time expression. */
export function atExpression(at: Date): string {
  return `at(${at.toISOString().slice(0, 19)})`;
}

export function reminderGroupName(prefix: string, approval: ApprovalRef): string {
  const digest = createHash('sha256').update(`${approval.tenantId}/${approval.campaignId}/${approval.approvalId}`).digest('hex');
  return `${prefix}${digest}`.slice(0, 64);
}

const ignore = (type: new (...args: never[]) => Error) => (error: unknown) => {
  if (!(error instanceof type)) throw error;
};

export class SchedulerReminderSchedules implements ReminderSchedules {
  readonly #client: SchedulerClient;
  readonly #target: SchedulerReminderTarget;

  constructor(client: SchedulerClient, target: SchedulerReminderTarget) {
    this.#client = client;
    this.#target = target;
  }

  async schedule(approval: ApprovalRef, reminders: readonly ScheduledReminder[]): Promise<void> {
    const { targetArn, roleArn } = this.#target;
    if (!targetArn || !roleArn) throw new RemindersNotConfiguredError();
    const GroupName = reminderGroupName(this.#target.groupPrefix, approval);
    await this.#client.send(new CreateScheduleGroupCommand({ Name: GroupName })).catch(ignore(ConflictException));
    for (const reminder of reminders) {
      await this.#client
        .send(
          new CreateScheduleCommand({
            Name: reminder.event.kind,
            GroupName,
            ScheduleExpression: atExpression(reminder.at),
            ScheduleExpressionTimezone: 'UTC',
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Description: `Reminder for approval ${approval.approvalId} of campaign ${approval.campaignId}`,
            Target: {
              Arn: targetArn,
              RoleArn: roleArn,
              Input: JSON.stringify(reminder.event),
              // A reminder hours late is still worth sending; the function itself refuses a decided approval.
              RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 6 * 3600 },
            },
          }),
        )
        .catch(ignore(ConflictException));
    }
  }

  async clear(approval: ApprovalRef): Promise<void> {
    await this.#client
      .send(new DeleteScheduleGroupCommand({ Name: reminderGroupName(this.#target.groupPrefix, approval) }))
      .catch(ignore(ResourceNotFoundException));
  }
}
