// The notifications benchmark (issue 17): 1,000 approvals awaiting a decision,
// seeded straight into the runtime's DynamoDB Local, each given a reminder
// schedule through the Scheduler API (the real adapter and SDK client against
// the gateway) all due at the same second; the local Scheduler fires them into
// the real approval-reminder bundle, which e-mails through SES v2 into the
// outbox. Figure: scheduled instant → e-mail in the outbox (p50, p99, max).
// The SQS delivery path of the issue is not built; this is the Scheduler →
// Lambda → SES path that reminders take.
import { performance } from 'node:perf_hooks';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SchedulerReminderSchedules } from '../functions/adapters/scheduler-reminder-schedules.ts';
import { ApprovalRepository } from '../functions/data/approval-repository.ts';
import { CampaignRepository } from '../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../functions/data/dynamodb-document-client.ts';
import { parseBrief } from '../functions/domain/campaign-brief.ts';
import { newCampaign } from '../functions/domain/campaign.ts';
import { LOCAL_AWS } from '../local/dynamodb-local.ts';
import type { LocalRuntime } from '../local/runtime.ts';
import { BENCH_BRIEF } from './orchestration.ts';
import { summarize } from './stats.ts';

export interface NotificationsFigure {
  readonly notifications: number;
  readonly channel: 'email';
  readonly seedMs: number;
  readonly scheduleMs: number;
  readonly scheduledToDeliveredP50Ms: number;
  readonly scheduledToDeliveredP99Ms: number;
  readonly scheduledToDeliveredMaxMs: number;
  readonly scope: string;
}

async function inParallel(count: number, width: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

export async function runNotifications(runtime: LocalRuntime, options: { directDynamoEndpoint: string; tableName: string; tenantId: string; count: number }): Promise<NotificationsFigure> {
  const env = runtime.model.functions.find((f) => f.environment.REMINDER_TARGET_ARN)?.environment;
  if (!env?.REMINDER_TARGET_ARN || !env.REMINDER_ROLE_ARN || !env.REMINDER_GROUP_PREFIX) throw new Error('no function schedules approval reminders in this app');
  const doc = createDocumentClient({ endpoint: options.directDynamoEndpoint, ...LOCAL_AWS });
  const campaigns = new CampaignRepository(doc, options.tableName);
  const approvals = new ApprovalRepository(doc, options.tableName);
  const scheduler = new SchedulerClient({ endpoint: runtime.urls.gateway, ...LOCAL_AWS });
  const schedules = new SchedulerReminderSchedules(scheduler, { groupPrefix: env.REMINDER_GROUP_PREFIX, targetArn: env.REMINDER_TARGET_ARN, roleArn: env.REMINDER_ROLE_ARN });
  const brief = parseBrief(BENCH_BRIEF);
  const { tenantId, count } = options;
  const campaignId = (i: number) => `notify-${String(i).padStart(5, '0')}`;
  try {
    const seedStarted = performance.now();
    const now = new Date();
    await inParallel(count, 32, async (i) => {
      const id = campaignId(i);
      await campaigns.create(newCampaign({ tenantId, campaignId: id, brief: { ...brief, name: `Notified campaign ${i}`, approvers: [`approver-${i}@example.com`] }, now }));
      for (const to of ['PLANNING', 'GENERATING', 'AWAITING_APPROVAL'] as const) await campaigns.transition(tenantId, id, { to, now });
      await approvals.create({
        approvalId: 'rev-0',
        tenantId,
        campaignId: id,
        approvers: [`approver-${i}@example.com`],
        taskToken: `bench-${i}`,
        status: 'PENDING',
        revision: 0,
        createdAt: new Date(now.getTime() - 3600_000).toISOString(),
        expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
      });
    });
    const seedMs = performance.now() - seedStarted;

    const scheduleStarted = performance.now();
    // All due in the same second, far enough ahead for 1,000 groups and schedules to be created first.
    const at = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
    await inParallel(count, 16, (i) => schedules.schedule({ tenantId, campaignId: campaignId(i), approvalId: 'rev-0' }, [{ at, event: { tenantId, campaignId: campaignId(i), approvalId: 'rev-0', kind: 'REMIND_AT_50' } }]));
    const scheduleMs = performance.now() - scheduleStarted;
    if (Date.now() >= at.getTime()) throw new Error('creating the schedules took longer than their lead time; raise it');

    const deadline = at.getTime() + 5 * 60_000;
    let delivered: readonly { sentAt: string }[] = [];
    while (Date.now() < deadline) {
      delivered = runtime.outbox.all().filter((m) => m.tags.tenantId === tenantId && m.tags.kind === 'approval-reminder');
      if (delivered.length >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (delivered.length < count) throw new Error(`only ${delivered.length} of ${count} reminders delivered within 5 minutes`);
    const lags = delivered.map((m) => Date.parse(m.sentAt) - at.getTime());
    const timing = summarize(lags);
    return {
      notifications: count,
      channel: 'email',
      seedMs: Math.round(seedMs),
      scheduleMs: Math.round(scheduleMs),
      scheduledToDeliveredP50Ms: Math.round(timing.p50Ms),
      scheduledToDeliveredP99Ms: Math.round(timing.p99Ms),
      scheduledToDeliveredMaxMs: Math.max(...lags),
      scope: 'EventBridge Scheduler (local) → approval-reminder Lambda bundle → SES v2 (outbox), all due at one instant; no SQS, Slack or in-app channel yet',
    };
  } finally {
    scheduler.destroy();
    doc.destroy();
  }
}
