// What a fired approval schedule does, by kind: the reminders remind, the
// escalation point escalates. The one entry the reminder Lambda calls.
import type { ApprovalReminderEvent } from '../domain/approval-reminders.ts';
import { escalateApproval, type EscalateApprovalDeps, type EscalationResult } from './escalate-approval.ts';
import { sendApprovalReminder, type ReminderResult } from './send-approval-reminder.ts';

export function onApprovalSchedule(deps: EscalateApprovalDeps, event: ApprovalReminderEvent): Promise<ReminderResult | EscalationResult> {
  return event.kind === 'ESCALATE_AT_75' ? escalateApproval(deps, event) : sendApprovalReminder(deps, event);
}
