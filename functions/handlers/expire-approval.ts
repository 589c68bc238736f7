// Lambda for the MarkExpired state (the approval wait timed out): input
// ExpireInput; approval and campaign become EXPIRED, the requester is told.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SchedulerReminderSchedules } from '../adapters/scheduler-reminder-schedules.ts';
import { ReminderClearingConfig } from '../shared/reminder-config.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { ApprovalRepository } from '../data/approval-repository.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { stepHandler } from '../shared/step-handler.ts';
import { expireApproval } from '../use-cases/expire-approval.ts';
import { ExpireInput } from '../workflow/contracts.ts';

/** Environment of the expire-approval function. */
export const ExpireApprovalConfig = {
  ...CommonConfig,
  ...ReminderClearingConfig,
  MAIL_FROM: z.string().trim().min(3).includes('@'),
} as const;

const config = loadConfig(ExpireApprovalConfig);
const doc = createDocumentClient();
const deps = {
  campaigns: new CampaignRepository(doc, config.TABLE_NAME),
  approvals: new ApprovalRepository(doc, config.TABLE_NAME),
  updates: new CampaignUpdates(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  mailer: new SesMailer(new SESv2Client({}), config.MAIL_FROM),
  now: () => new Date(),
  reminders: new SchedulerReminderSchedules(new SchedulerClient({}), { groupPrefix: config.REMINDER_GROUP_PREFIX }),
};

export const handler = stepHandler('expire approval', ExpireInput, (input) => expireApproval(deps, input));
