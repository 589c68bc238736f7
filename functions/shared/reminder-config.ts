// The environment of functions that schedule or clear approval reminders
// (issue 17), set by MccFunction.bindApprovalReminders / allowClearingApprovalReminders.
import { z } from 'zod';

const name = z.string().trim().min(1);

/** Functions that only clear an approval's reminders (decisions, expiry, cancellation). */
export const ReminderClearingConfig = {
  /** Every reminder group of this deployment starts with it; IAM is scoped to it. */
  REMINDER_GROUP_PREFIX: z.string().regex(/^[0-9A-Za-z_.-]{1,24}$/, 'must be 1-24 of [0-9A-Za-z_.-]'),
} as const;

/** RequestApproval: also creates schedules that invoke the reminder function through the scheduler role. */
export const ReminderSchedulingConfig = {
  ...ReminderClearingConfig,
  REMINDER_TARGET_ARN: name,
  REMINDER_ROLE_ARN: name,
} as const;
