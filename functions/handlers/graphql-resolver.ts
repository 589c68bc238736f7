// Lambda entry point for every AppSync field (direct Lambda resolvers). The
// routing and error mapping live in functions/graphql/resolver.ts; this file
// is the composition root: configuration and clients, created at cold start.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SchedulerReminderSchedules } from '../adapters/scheduler-reminder-schedules.ts';
import { ReminderClearingConfig } from '../shared/reminder-config.ts';
import type { Context } from 'aws-lambda';
import { EventBridgeBuildRequests } from '../adapters/eventbridge-build-requests.ts';
import { SfnTaskCallbacks } from '../adapters/sfn-task-callbacks.ts';
import { ApprovalPolicyRepository } from '../data/approval-policy-repository.ts';
import { ApprovalRepository } from '../data/approval-repository.ts';
import { PostVersionRepository } from '../data/post-version-repository.ts';
import { StageDecisionRepository } from '../data/stage-decision-repository.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { ConversationRepository } from '../data/conversation-repository.ts';
import { DeduplicationStore } from '../data/deduplication-store.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { createResolver } from '../graphql/resolver.ts';
import { agentFromConfig } from '../adapters/agent-from-config.ts';
import { assistantFromConfig } from '../adapters/assistant-from-config.ts';
import { assistantTools } from '../use-cases/assistant-tools.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { flushMetrics, logger } from '../shared/observability.ts';

const config = loadConfig({ ...CommonConfig, ...ReminderClearingConfig });
const doc = createDocumentClient();
const events = new EventBridgeClient({});
const campaigns = new CampaignRepository(doc, config.TABLE_NAME);
// Only the assistant needs the knowledge index: no reading the knowledge bucket on every cold start.
const knowledge = agentFromConfig(process.env, { warm: false });
const builds = new EventBridgeBuildRequests(events, config.EVENT_BUS_NAME);
const deduplication = new DeduplicationStore(doc, config.TABLE_NAME);

const resolve = createResolver({
  doc,
  tableName: config.TABLE_NAME,
  busName: config.EVENT_BUS_NAME,
  events,
  campaigns,
  builds,
  deduplication,
  approvals: new ApprovalRepository(doc, config.TABLE_NAME),
  conversations: new ConversationRepository(doc, config.TABLE_NAME),
  updates: new CampaignUpdates(events, config.EVENT_BUS_NAME),
  tasks: new SfnTaskCallbacks(new SFNClient({})),
  // notifications (issue 17): decideApproval and cancelCampaign end the wait, so its reminders go.
  reminders: new SchedulerReminderSchedules(new SchedulerClient({}), { groupPrefix: config.REMINDER_GROUP_PREFIX }),
  // The campaign assistant (issue 13): its tools are bound to each session's tenant and user.
  agent: assistantFromConfig(process.env, (session) =>
    assistantTools({ campaigns, knowledge, builds, deduplication, now: () => new Date() }, { tenantId: session.tenantId, ...(session.userEmail ? { userEmail: session.userEmail } : {}) }),
  ),
  // --- approvals (issue 16)
  decisions: new StageDecisionRepository(doc, config.TABLE_NAME),
  postVersions: new PostVersionRepository(doc, config.TABLE_NAME),
  policies: new ApprovalPolicyRepository(doc, config.TABLE_NAME),
});

export async function handler(event: unknown, context: Context): Promise<unknown> {
  logger.addContext(context);
  try {
    return await resolve(event);
  } finally {
    flushMetrics();
  }
}
