// Lambda the reminder schedules invoke (EventBridge Scheduler target): input
// ApprovalReminderEvent, the schedule's Input. Reminds each undecided approver
// once, or escalates to the next level at the escalation point, or does
// nothing when the approval no longer waits. A thrown error makes
// Scheduler retry within the schedule's retry policy.
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import { SchedulerReminderSchedules } from '../adapters/scheduler-reminder-schedules.ts';
import { SecretsManagerSigningKeys } from '../adapters/secrets-manager-signing-keys.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { ApprovalRepository } from '../data/approval-repository.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { DeduplicationStore } from '../data/deduplication-store.ts';
import { ApprovalEscalations, EscalationContacts } from '../data/approval-escalations.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { ApprovalReminderEvent } from '../domain/approval-reminders.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { logger } from '../shared/observability.ts';
import { ReminderClearingConfig } from '../shared/reminder-config.ts';
import { stepHandler } from '../shared/step-handler.ts';
import { onApprovalSchedule } from '../use-cases/on-approval-schedule.ts';

/** Environment of the approval-reminder function. */
export const ApprovalReminderConfig = {
  ...CommonConfig,
  ...ReminderClearingConfig,
  APPROVAL_BASE_URL: z.url({ protocol: /^https?$/ }),
  SIGNING_KEY_SECRET_ID: z.string().trim().min(1),
  MAIL_FROM: z.string().trim().min(3).includes('@'),
} as const;

const config = loadConfig(ApprovalReminderConfig);
const doc = createDocumentClient();
const deps = {
  campaigns: new CampaignRepository(doc, config.TABLE_NAME),
  approvals: new ApprovalRepository(doc, config.TABLE_NAME),
  schedules: new SchedulerReminderSchedules(new SchedulerClient({}), { groupPrefix: config.REMINDER_GROUP_PREFIX }),
  sent: new DeduplicationStore(doc, config.TABLE_NAME),
  mailer: new SesMailer(new SESv2Client({}), config.MAIL_FROM),
  keys: new SecretsManagerSigningKeys(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ID),
  approvalBaseUrl: config.APPROVAL_BASE_URL,
  now: () => new Date(),
  contacts: new EscalationContacts(doc, config.TABLE_NAME),
  escalations: new ApprovalEscalations(doc, config.TABLE_NAME),
};

// The same adapter as the workflow's tasks: parse, correlate, named errors, metrics flushed.
export const handler = stepHandler('approval reminder', ApprovalReminderEvent, async (event) => {
  const result = await onApprovalSchedule(deps, event);
  if (result.kind === 'ignored') logger.info('Nothing to do for this approval schedule', { why: result.why, kind: event.kind });
  else logger.info(result.kind === 'escalated' ? `Approval escalated to ${result.level}` : 'Approvers reminded', { notified: result.approvers.length, kind: event.kind });
  return result;
});
