// Approval reminders end to end below the Lambda layer: the use cases on
// DynamoDB Local, the Scheduler adapter through the real SDK client against
// the local Scheduler, whose fired targets run sendApprovalReminder as the
// reminder Lambda does. Reminders at 50 % and 90 % of the window, once per
// approver; the schedules deleted on every way out of waiting; a late firing
// does nothing.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, GetScheduleGroupCommand, ListSchedulesCommand, ResourceNotFoundException } from '@aws-sdk/client-scheduler';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { atExpression, reminderGroupName, SchedulerReminderSchedules } from '../../functions/adapters/scheduler-reminder-schedules.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { DeduplicationStore } from '../../functions/data/deduplication-store.ts';
import { ApprovalReminderEvent, REMINDER_KINDS, reminderTimes, type ApprovalRef } from '../../functions/domain/approval-reminders.ts';
import type { ReminderSchedules } from '../../functions/ports/reminder-schedules.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import { cancelCampaign } from '../../functions/use-cases/cancel-campaign.ts';
import { applyDecision } from '../../functions/use-cases/decide-approval.ts';
import { expireApproval } from '../../functions/use-cases/expire-approval.ts';
import { requestApproval } from '../../functions/use-cases/request-approval.ts';
import { sendApprovalReminder } from '../../functions/use-cases/send-approval-reminder.ts';
import { onApprovalSchedule } from '../../functions/use-cases/on-approval-schedule.ts';
import type { EscalateApprovalDeps } from '../../functions/use-cases/escalate-approval.ts';
import { ApprovalEscalations, EscalationContacts } from '../../functions/data/escalation-repository.ts';
import { verifyApprovalToken } from '../../functions/approval/approval-token.ts';
import { keyOf, OutboxMailer, seedGeneratedCampaign, StaticKeys, tokenFromEmail } from '../support/approval.ts';
import { stageRepositories } from '../support/approval-stages.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { FakeAws, TEST_AWS } from '../support/fake-aws.ts';
import { startLocalScheduler, type RunningScheduler } from '../support/local-scheduler.ts';

const PREFIX = 'mcc-test-apr-';
const TARGET = { groupPrefix: PREFIX, targetArn: 'arn:aws:lambda:us-east-1:000000000000:function:approval-reminder', roleArn: 'arn:aws:iam::000000000000:role/scheduler' };
const keys = new StaticKeys(keyOf('v1'));
const mailer = new OutboxMailer();
const tasks = { succeed: async () => undefined, fail: async () => undefined };

let aws: FakeAws;
let scheduler: RunningScheduler;
let campaigns: CampaignRepository;
let approvals: ApprovalRepository;
let stages: ReturnType<typeof stageRepositories>;
let updates: CampaignUpdates;
let schedules: SchedulerReminderSchedules;
let reminderDeps: EscalateApprovalDeps;

beforeAll(async () => {
  aws = await new FakeAws().start();
  const table = await createTestTable();
  campaigns = new CampaignRepository(table.doc, table.tableName);
  approvals = new ApprovalRepository(table.doc, table.tableName);
  stages = stageRepositories(table);
  updates = new CampaignUpdates(new EventBridgeClient({ endpoint: aws.endpoint, ...TEST_AWS }), 'mcc');
  // The schedule's target is the reminder function; here it runs the same use case in-process.
  scheduler = await startLocalScheduler({
    deliver: async (_arn, input) => {
      await onApprovalSchedule(reminderDeps, ApprovalReminderEvent.parse(input));
      return { ok: true };
    },
  });
  schedules = new SchedulerReminderSchedules(scheduler.client, TARGET);
  reminderDeps = {
    campaigns,
    approvals,
    schedules,
    sent: new DeduplicationStore(table.doc, table.tableName),
    mailer,
    keys,
    approvalBaseUrl: 'https://approvals.example.com',
    now: () => new Date(),
    // No escalation contacts for acme: the escalation point passes without a hand-over (approval-escalation.test.ts covers it).
    contacts: new EscalationContacts(table.doc, table.tableName),
    escalations: new ApprovalEscalations(table.doc, table.tableName),
  };
});
afterAll(async () => {
  await scheduler.stop();
  await aws.stop();
});

async function approval(campaignId: string, approvalId: string) {
  const found = await approvals.get('acme', campaignId, approvalId);
  if (!found) throw new Error(`no approval ${approvalId} for ${campaignId}`);
  return found;
}

const remindersTo = (campaignId: string) => mailer.sent.filter((m) => m.tags.kind === 'approval-reminder' && m.tags.campaignId === campaignId);

async function awaiting(campaignId: string, options: { windowSeconds?: number; approvers?: string[]; reminders?: ReminderSchedules } = {}) {
  await seedGeneratedCampaign(campaigns, { campaignId, brief: { approvers: options.approvers ?? ['maria.lopez@example.com'] } });
  const now = new Date();
  const result = await requestApproval(
    {
      campaigns,
      approvals,
      ...stages,
      updates,
      mailer,
      keys,
      tasks,
      approvalBaseUrl: 'https://approvals.example.com',
      windowSeconds: options.windowSeconds ?? 72 * 3600,
      now: () => now,
      reminders: options.reminders ?? schedules,
    },
    { tenantId: 'acme', campaignId, revision: 0, taskToken: `token-${campaignId}` },
  );
  const ref: ApprovalRef = { tenantId: 'acme', campaignId, approvalId: result.approvalId };
  return { ref, result, group: reminderGroupName(PREFIX, ref), approval: await approval(campaignId, result.approvalId) };
}

async function groupExists(group: string): Promise<boolean> {
  try {
    await scheduler.client.send(new GetScheduleGroupCommand({ Name: group }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

describe('reminderTimes', () => {
  it('puts the reminders inside the window, in order, after now, on whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 1000, max: 90 * 86_400_000 }), fc.integer({ min: -1e9, max: 1e11 }), (start, length, offset) => {
        const createdAt = new Date(start).toISOString();
        const expiresAt = new Date(start + length).toISOString();
        const now = new Date(start + offset);
        const times = reminderTimes({ createdAt, expiresAt }, now);
        const all = reminderTimes({ createdAt, expiresAt }, new Date(start - 1));
        expect(times.map((t) => t.kind)).toEqual(all.map((t) => t.kind).slice(all.length - times.length));
        for (const t of times) {
          expect(t.at.getTime()).toBeGreaterThan(now.getTime());
          expect(t.at.getTime()).toBeGreaterThan(start);
          expect(t.at.getTime()).toBeLessThan(start + length);
          expect(t.at.getTime() % 1000).toBe(0);
        }
        for (let i = 1; i < times.length; i++) expect(times[i]?.at.getTime()).toBeGreaterThan(times[i - 1]?.at.getTime() ?? Infinity);
      }),
    );
  });

  it('GIVEN a window long enough THEN the reminders at exactly 50 % and 90 %, the escalation at 75 %', () => {
    expect(reminderTimes({ createdAt: '2027-01-01T00:00:00.000Z', expiresAt: '2027-01-01T00:01:40.000Z' }, new Date(0))).toEqual([
      { kind: 'REMIND_AT_50', at: new Date('2027-01-01T00:00:50.000Z') },
      { kind: 'ESCALATE_AT_75', at: new Date('2027-01-01T00:01:15.000Z') },
      { kind: 'REMIND_AT_90', at: new Date('2027-01-01T00:01:30.000Z') },
    ]);
  });

  it('has no reminders for an empty or malformed window', () => {
    expect(reminderTimes({ createdAt: '2027-01-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z' }, new Date(0))).toEqual([]);
    expect(reminderTimes({ createdAt: 'soon', expiresAt: '2027-01-01T00:00:00.000Z' }, new Date(0))).toEqual([]);
  });
});

describe('scheduleApprovalReminders through requestApproval', () => {
  it('GIVEN a 72 h window THEN one group for the approval holds one-time schedules at 50 %, 75 % (escalation) and 90 %, and a retried request adds none', async () => {
    const { group, approval } = await awaiting('cmp-rem-schedule');
    const start = Date.parse(approval.createdAt);
    const listed = await scheduler.client.send(new ListSchedulesCommand({ GroupName: group }));
    expect(listed.Schedules?.map((s) => s.Name).sort()).toEqual([...REMINDER_KINDS].sort());
    const at50 = await scheduler.client.send(new GetScheduleCommand({ GroupName: group, Name: 'REMIND_AT_50' }));
    expect(at50).toMatchObject({ ScheduleExpression: atExpression(new Date(start + 36 * 3600_000)), ActionAfterCompletion: 'DELETE', Target: { Arn: TARGET.targetArn, RoleArn: TARGET.roleArn } });
    expect(JSON.parse(at50.Target?.Input ?? '{}')).toEqual({ tenantId: 'acme', campaignId: 'cmp-rem-schedule', approvalId: 'rev-0', kind: 'REMIND_AT_50' });
    const at90 = await scheduler.client.send(new GetScheduleCommand({ GroupName: group, Name: 'REMIND_AT_90' }));
    expect(at90.ScheduleExpression).toBe(atExpression(new Date(start + 0.9 * 72 * 3600_000)));
    const at75 = await scheduler.client.send(new GetScheduleCommand({ GroupName: group, Name: 'ESCALATE_AT_75' }));
    expect(at75.ScheduleExpression).toBe(atExpression(new Date(start + 54 * 3600_000)));

    // A retry before the e-mails were marked sent (e.g. a crash) schedules again: the existing schedules stand, no duplicates.
    await schedules.schedule({ tenantId: 'acme', campaignId: 'cmp-rem-schedule', approvalId: 'rev-0' }, [{ at: new Date(start + 1000), event: { tenantId: 'acme', campaignId: 'cmp-rem-schedule', approvalId: 'rev-0', kind: 'REMIND_AT_50' } }]);
    expect((await scheduler.client.send(new ListSchedulesCommand({ GroupName: group }))).Schedules).toHaveLength(3);
  });

  it('GIVEN the scheduler is unavailable THEN the approval is still requested and e-mailed, without reminders', async () => {
    const down: ReminderSchedules = {
      schedule: () => Promise.reject(new Error('Scheduler unavailable')),
      clear: () => Promise.reject(new Error('Scheduler unavailable')),
    };
    const { result } = await awaiting('cmp-rem-down', { reminders: down });
    expect(result.emailed).toBe(1);
    expect((await approval('cmp-rem-down', 'rev-0')).notifiedAt).toBeDefined();
  });
});

describe('reminders firing', () => {
  it('GIVEN a short window THEN each undecided approver is reminded at 50 % and at 90 %, once each, with links that decide this approval', async () => {
    const approvers = ['maria.lopez@example.com', 'li.wei@example.com'];
    // Long enough that the three instants fall in distinct whole seconds.
    const { approval, group } = await awaiting('cmp-rem-fire', { windowSeconds: 10, approvers });
    const start = Date.parse(approval.createdAt);
    await vi.waitFor(() => expect(remindersTo('cmp-rem-fire')).toHaveLength(4), { timeout: 15_000, interval: 100 });
    const sent = remindersTo('cmp-rem-fire');
    expect(sent.map((m) => [m.tags.reminder, m.to[0]])).toEqual([
      ['REMIND_AT_50', approvers[0]],
      ['REMIND_AT_50', approvers[1]],
      ['REMIND_AT_90', approvers[0]],
      ['REMIND_AT_90', approvers[1]],
    ]);
    expect(sent[0]?.subject).toBe(`Reminder: approval needed for ${(await campaigns.require('acme', 'cmp-rem-fire')).brief.name}`);
    const claims = await verifyApprovalToken(keys, tokenFromEmail(sent[1]?.text ?? ''), new Date(start + 6000));
    expect(claims).toMatchObject({ tenant: 'acme', campaign: 'cmp-rem-fire', sub: 'rev-0', approver: approvers[1] });
    // Each schedule deleted itself after running.
    await vi.waitFor(async () => expect((await scheduler.client.send(new ListSchedulesCommand({ GroupName: group }))).Schedules).toEqual([]));

    // Scheduler delivers at least once: a second delivery of a reminder sends nothing more.
    const again = await sendApprovalReminder({ ...reminderDeps, now: () => new Date(start + 9500) }, { tenantId: 'acme', campaignId: 'cmp-rem-fire', approvalId: 'rev-0', kind: 'REMIND_AT_90' });
    expect(again).toEqual({ kind: 'reminded', approvers: [] });
    expect(remindersTo('cmp-rem-fire')).toHaveLength(4);
  });

  it('GIVEN a send that fails THEN the claim is given back, so the retried delivery reminds that approver', async () => {
    await awaiting('cmp-rem-retry');
    const event = { tenantId: 'acme', campaignId: 'cmp-rem-retry', approvalId: 'rev-0', kind: 'REMIND_AT_50' } as const;
    mailer.failures.push(new Error('SES throttled'));
    await expect(sendApprovalReminder(reminderDeps, event)).rejects.toThrow('SES throttled');
    expect(remindersTo('cmp-rem-retry')).toHaveLength(0);
    expect(await sendApprovalReminder(reminderDeps, event)).toEqual({ kind: 'reminded', approvers: ['maria.lopez@example.com'] });
    expect(remindersTo('cmp-rem-retry')).toHaveLength(1);
  });
});

describe('every way out of waiting deletes the schedules, and a late firing does nothing', () => {
  const exits: Record<string, (campaignId: string) => Promise<unknown>> = {
    approved: async (campaignId) => applyDecision({ campaigns, approvals, ...stages, updates, tasks, now: () => new Date(), reminders: schedules }, await approval(campaignId, 'rev-0'), { decision: 'APPROVED', decidedBy: 'maria.lopez@example.com' }),
    rejected: async (campaignId) =>
      applyDecision({ campaigns, approvals, ...stages, updates, tasks, now: () => new Date(), reminders: schedules }, await approval(campaignId, 'rev-0'), {
        decision: 'REJECTED',
        decidedBy: 'maria.lopez@example.com',
        comment: 'Not this quarter',
      }),
    expired: (campaignId) => expireApproval({ campaigns, approvals, ...stages, updates, mailer, now: () => new Date(), reminders: schedules }, { tenantId: 'acme', campaignId, revision: 0 }),
    cancelled: (campaignId) => cancelCampaign(campaigns, updates, { tenantId: 'acme', campaignId, cancelledBy: 'sam@example.com', now: new Date() }, schedules),
  };

  it.each(Object.keys(exits))('GIVEN an approval %s THEN its schedule group is gone and a reminder firing late sends nothing', async (exit) => {
    const campaignId = `cmp-rem-exit-${exit}`;
    const { group, ref } = await awaiting(campaignId);
    expect(await groupExists(group)).toBe(true);

    await exits[exit]?.(campaignId);
    expect(await groupExists(group)).toBe(false);

    // A reminder already in flight when the group was deleted (Scheduler deletes asynchronously).
    for (const kind of REMINDER_KINDS) {
      const result = await onApprovalSchedule(reminderDeps, { ...ref, kind });
      expect(result.kind).toBe('ignored');
    }
    expect(remindersTo(campaignId)).toEqual([]);
  });

  it('GIVEN a reminder for an approval that does not exist THEN it is ignored and nothing is sent', async () => {
    expect(await sendApprovalReminder(reminderDeps, { tenantId: 'acme', campaignId: 'cmp-rem-nobody', approvalId: 'rev-0', kind: 'REMIND_AT_50' })).toEqual({
      kind: 'ignored',
      why: 'the approval no longer exists',
    });
    expect(remindersTo('cmp-rem-nobody')).toEqual([]);
  });
});
