// Lambda for the RequestApproval state (`lambda:invoke.waitForTaskToken`):
// input RequestApprovalInput; stores the approval and e-mails the approvers.
// The workflow resumes when the approval callback sends the task's result.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { z } from 'zod';
import { SecretsManagerSigningKeys } from '../adapters/secrets-manager-signing-keys.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { SfnTaskCallbacks } from '../adapters/sfn-task-callbacks.ts';
import { SchedulerReminderSchedules } from '../adapters/scheduler-reminder-schedules.ts';
import { MAX_TOKEN_LIFETIME_SECONDS } from '../approval/approval-token.ts';
import { ApprovalPolicyRepository } from '../data/approval-policy-repository.ts';
import { ApprovalRepository } from '../data/approval-repository.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { PostVersionRepository } from '../data/post-version-repository.ts';
import { StageDecisionRepository } from '../data/stage-decision-repository.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { ReminderSchedulingConfig } from '../shared/reminder-config.ts';
import { stepHandler } from '../shared/step-handler.ts';
import { requestApproval } from '../use-cases/request-approval.ts';
import { RequestApprovalInput } from '../workflow/contracts.ts';

/** Environment of the request-approval function. */
export const RequestApprovalConfig = {
  ...CommonConfig,
  ...ReminderSchedulingConfig,
  /** Links are `{APPROVAL_BASE_URL}/approvals/{jwt}`. */
  APPROVAL_BASE_URL: z.url({ protocol: /^https?$/ }),
  /** The approval window; the state's TimeoutSeconds is the same number. Short windows (seconds) suit end-to-end tests of expiry. */
  APPROVAL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(MAX_TOKEN_LIFETIME_SECONDS),
  SIGNING_KEY_SECRET_ID: z.string().trim().min(1),
  /** A verified SES identity, e.g. `MCC <approvals@example.com>`. */
  MAIL_FROM: z.string().trim().min(3).includes('@'),
} as const;

const config = loadConfig(RequestApprovalConfig);
const doc = createDocumentClient();
const policies = new ApprovalPolicyRepository(doc, config.TABLE_NAME);
const deps = {
  campaigns: new CampaignRepository(doc, config.TABLE_NAME),
  approvals: new ApprovalRepository(doc, config.TABLE_NAME),
  decisions: new StageDecisionRepository(doc, config.TABLE_NAME),
  postVersions: new PostVersionRepository(doc, config.TABLE_NAME),
  policies,
  directory: policies,
  updates: new CampaignUpdates(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  mailer: new SesMailer(new SESv2Client({}), config.MAIL_FROM),
  keys: new SecretsManagerSigningKeys(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ID),
  tasks: new SfnTaskCallbacks(new SFNClient({})),
  approvalBaseUrl: config.APPROVAL_BASE_URL,
  windowSeconds: config.APPROVAL_WINDOW_SECONDS,
  now: () => new Date(),
  reminders: new SchedulerReminderSchedules(new SchedulerClient({}), {
    groupPrefix: config.REMINDER_GROUP_PREFIX,
    targetArn: config.REMINDER_TARGET_ARN,
    roleArn: config.REMINDER_ROLE_ARN,
  }),
};

export const handler = stepHandler('request approval', RequestApprovalInput, (input) => requestApproval(deps, input));
