// scheduleApprovalReminders / clearApprovalReminders: the two calls every
// approval wait makes (RequestApproval on entry; a decision, MarkExpired and
// cancelCampaign on the way out). Small on purpose, so a per-stage approval
// can call them per stage. Reminders are a courtesy around the approval, not
// part of it: a scheduler that is down must not fail the request or the
// decision, so failures are logged and counted, never thrown — and a schedule
// that survives a failed clear finds the approval decided and does nothing
// (sendApprovalReminder checks).
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { reminderTimes, type ApprovalRef } from '../domain/approval-reminders.ts';
import type { ReminderSchedules } from '../ports/reminder-schedules.ts';
import { logger, metrics } from '../shared/observability.ts';

export interface ReminderWindow extends ApprovalRef {
  readonly createdAt: string;
  readonly expiresAt: string;
}

const refOf = ({ tenantId, campaignId, approvalId }: ApprovalRef): ApprovalRef => ({ tenantId, campaignId, approvalId });

/** Schedules the reminders still ahead for this approval's window; resolves with how many were asked for (0 on failure). */
export async function scheduleApprovalReminders(schedules: ReminderSchedules, approval: ReminderWindow, now: Date): Promise<number> {
  const ref = refOf(approval);
  const due = reminderTimes(approval, now);
  if (due.length === 0) return 0;
  try {
    await schedules.schedule(
      ref,
      due.map((r) => ({ at: r.at, event: { ...ref, kind: r.kind } })),
    );
    return due.length;
  } catch (error) {
    metrics.addMetric('ApprovalRemindersNotScheduled', MetricUnit.Count, 1);
    logger.warn('Approval reminders not scheduled; the approval stands without them', { error, ...ref });
    return 0;
  }
}

/** Deletes the approval's reminder schedules; false (logged, counted) when the scheduler refused. */
export async function clearApprovalReminders(schedules: ReminderSchedules, approval: ApprovalRef): Promise<boolean> {
  const ref = refOf(approval);
  try {
    await schedules.clear(ref);
    return true;
  } catch (error) {
    metrics.addMetric('ApprovalRemindersNotCleared', MetricUnit.Count, 1);
    logger.warn('Approval reminders not cleared; a late reminder will find the approval closed and do nothing', { error, ...ref });
    return false;
  }
}
