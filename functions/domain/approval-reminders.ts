// When an undecided approval is chased: reminders at fixed fractions of its
// window (50 % and 90 %), and in between (75 %) the escalation to the next
// approval level (functions/domain/escalation.ts). A rule of the approval, so it lives here, without
// AWS: the scheduler adapter only turns these instants into one-time
// schedules, and a stage-based approval (issue 16) computes the same times
// from each stage's own createdAt and expiresAt.
import { z } from 'zod';
import { Id, TenantId } from './vocabulary.ts';

/** In firing order. ESCALATE_AT_75 sits between the reminders so the 90 % reminder reaches whoever holds the approval by then. */
export const REMINDER_KINDS = ['REMIND_AT_50', 'ESCALATE_AT_75', 'REMIND_AT_90'] as const;
export const ReminderKind = z.enum(REMINDER_KINDS);
export type ReminderKind = z.infer<typeof ReminderKind>;

/** The fraction of the approval window at which each reminder fires. */
export const REMINDER_FRACTIONS: Readonly<Record<ReminderKind, number>> = { REMIND_AT_50: 0.5, ESCALATE_AT_75: 0.75, REMIND_AT_90: 0.9 };

/** Which approval a schedule belongs to: the keys of its record, nothing more. */
export const ApprovalRef = z.strictObject({ tenantId: TenantId, campaignId: Id, approvalId: Id });
export type ApprovalRef = z.infer<typeof ApprovalRef>;

/** What a reminder schedule delivers to its target when it fires. */
export const ApprovalReminderEvent = z.strictObject({ ...ApprovalRef.shape, kind: ReminderKind });
export type ApprovalReminderEvent = z.infer<typeof ApprovalReminderEvent>;

export interface ReminderTime {
  readonly kind: ReminderKind;
  readonly at: Date;
}

/**
 * The reminders still ahead of `now` for a window from `createdAt` to
 * `expiresAt`, in firing order; instants are whole seconds (Scheduler's `at()`
 * has no finer grain), so a window too short to separate them keeps only the
 * reminders that land after its start and after each other. A window already
 * past its reminders gets none.
 */
export function reminderTimes(window: { readonly createdAt: string; readonly expiresAt: string }, now: Date): ReminderTime[] {
  const start = Date.parse(window.createdAt);
  const end = Date.parse(window.expiresAt);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return [];
  const times: ReminderTime[] = [];
  for (const kind of REMINDER_KINDS) {
    const at = Math.floor((start + (end - start) * REMINDER_FRACTIONS[kind]) / 1000) * 1000;
    if (at > start && at > (times.at(-1)?.at.getTime() ?? -Infinity)) times.push({ kind, at: new Date(at) });
  }
  return times.filter((r) => r.at.getTime() > now.getTime());
}
