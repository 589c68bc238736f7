// The reminder-schedules port: one-time schedules that fire an approval's
// reminders, one schedule group per approval so that leaving the wait clears
// them all with one call. The adapter is EventBridge Scheduler (locally the
// gateway speaks its API); use cases never see the SDK.
import type { ApprovalRef, ApprovalReminderEvent } from '../domain/approval-reminders.ts';

export interface ScheduledReminder {
  readonly at: Date;
  readonly event: ApprovalReminderEvent;
}

export interface ReminderSchedules {
  /** Creates the approval's group and one schedule per reminder; what exists already is left as it is (retries converge). */
  schedule(approval: ApprovalRef, reminders: readonly ScheduledReminder[]): Promise<void>;
  /** Deletes the approval's group with every schedule left in it; a group already gone is not an error. */
  clear(approval: ApprovalRef): Promise<void>;
}
