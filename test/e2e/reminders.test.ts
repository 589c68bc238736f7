// Approval reminders on the local runtime (issue 17), with the tier's short
// approval window: RequestApproval schedules one-time reminders in the local
// EventBridge Scheduler; they fire at 50 % and 90 % of the window into the
// approval-reminder Lambda, which e-mails each undecided approver; a decision
// deletes the schedules, so nobody is reminded after it; expiry deletes what
// is left. At the escalation point (75 %) an approval passes to the next
// level's approvers, configured per tenant as an operator would (a table
// item): their fresh links decide it, the first approver's link refuses.
// Schedules are read back through the Scheduler API with the SDK.
import { GetScheduleGroupCommand, ListSchedulesCommand, ResourceNotFoundException, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { reminderGroupName } from '../../functions/adapters/scheduler-reminder-schedules.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { createDocumentClient } from '../../functions/data/dynamodb-document-client.ts';
import { EscalationContacts } from '../../functions/data/approval-escalations.ts';
import { campaignInStatus, campaigns, e2e, eventually, executionForEvent, mailsFor, outbox, putBuildEvent, uniqueCampaignId, validBrief } from '../support/e2e.ts';

const ctx = e2e();
const store = campaigns(ctx);
const doc = createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const approvals = new ApprovalRepository(doc, ctx.tableName);
const scheduler = new SchedulerClient({ endpoint: ctx.gateway, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
afterAll(() => {
  scheduler.destroy();
  doc.destroy();
  store.close();
});

/** The dev stage's prefix (lib/constructs/approval-reminders.ts). */
const groupOf = (campaignId: string) => reminderGroupName('mcc-dev-apr-', { tenantId: 'acme', campaignId, approvalId: 'rev-0' });

async function scheduleNames(campaignId: string): Promise<string[] | 'no group'> {
  try {
    await scheduler.send(new GetScheduleGroupCommand({ Name: groupOf(campaignId) }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return 'no group';
    throw error;
  }
  return ((await scheduler.send(new ListSchedulesCommand({ GroupName: groupOf(campaignId) }))).Schedules ?? []).map((s) => s.Name ?? '').sort();
}

async function awaitingApproval(prefix: string, approvers: string[], tenantId = 'acme') {
  const campaignId = uniqueCampaignId(prefix);
  await executionForEvent(ctx, await putBuildEvent(ctx.gateway, { tenantId, campaignId, brief: { ...validBrief(`Reminders ${campaignId}`), approvers } }));
  await campaignInStatus(store.repository, tenantId, campaignId, 'AWAITING_APPROVAL');
  const [request] = await mailsFor(ctx, campaignId, /^Approval needed/, approvers.length);
  const approval = await eventually(() => approvals.get(tenantId, campaignId, 'rev-0'), 10_000, `the approval of ${campaignId}`);
  return { campaignId, request, createdAt: Date.parse(approval.createdAt) };
}

const reminders = async (campaignId: string) => (await outbox(ctx)).filter((m) => m.campaignId === campaignId && /^Reminder: approval needed/.test(m.subject));

describe('approval reminders and escalation', () => {
  it.concurrent('GIVEN one approval decided at once and one left undecided, THEN only the undecided approvers are reminded, at 50 % and 90 % of the window, and every schedule is gone once each wait ends', async () => {
    const windowMs = ctx.approvalWindowSeconds * 1000;

    // Decided straight away: its schedules go with the decision, before either reminder is due.
    const decided = await awaitingApproval('e2e-rem-decided', ['maria.lopez@example.com']);
    expect(await scheduleNames(decided.campaignId)).toEqual(['ESCALATE_AT_75', 'REMIND_AT_50', 'REMIND_AT_90']);
    const token = new URL(decided.request?.links?.approve ?? '').pathname.split('/').pop() ?? '';
    const decision = await fetch(`${ctx.gateway}/approvals/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve' });
    expect(decision.status).toBe(200);
    expect(await scheduleNames(decided.campaignId)).toBe('no group');

    // Undecided, two approvers.
    const approvers = ['maria.lopez@example.com', 'li.wei@example.com'];
    const open = await awaitingApproval('e2e-rem-open', approvers);
    expect(await scheduleNames(open.campaignId)).toEqual(['ESCALATE_AT_75', 'REMIND_AT_50', 'REMIND_AT_90']);

    const first = await mailsFor(ctx, open.campaignId, /^Reminder: approval needed/, 2, windowMs);
    expect(first.map((m) => [m.to].flat()[0]).sort()).toEqual([...approvers].sort());
    const sentAt = (m: unknown) => Date.parse((m as { sentAt: string }).sentAt);
    for (const m of first) expect(sentAt(m) - open.createdAt).toBeGreaterThanOrEqual(0.5 * windowMs - 1000);
    const both = await mailsFor(ctx, open.campaignId, /^Reminder: approval needed/, 4, windowMs);
    const second = both.slice(2);
    expect(second.map((m) => [m.to].flat()[0]).sort()).toEqual([...approvers].sort());
    for (const m of second) expect(sentAt(m) - open.createdAt).toBeGreaterThanOrEqual(0.9 * windowMs - 1000);
    for (const m of second) expect(sentAt(m) - open.createdAt).toBeLessThan(windowMs);
    // Each reminder's fresh link opens this approval's confirmation page.
    const page = await fetch(second[0]?.links?.approve ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Approve');

    // The decided approval's reminders were due before the open one's second reminder: none came.
    expect(Date.now()).toBeGreaterThan(decided.createdAt + 0.9 * windowMs);
    expect(await reminders(decided.campaignId)).toEqual([]);

    // The window closes: MarkExpired clears the (now empty) group, and no further reminder is sent.
    await campaignInStatus(store.repository, 'acme', open.campaignId, 'EXPIRED', windowMs + 30_000);
    await eventually(async () => ((await scheduleNames(open.campaignId)) === 'no group' ? true : undefined), 10_000, 'the expired approval’s schedule group to go');
    expect(await reminders(open.campaignId)).toHaveLength(4);
  });

  it.concurrent('GIVEN a tenant with VP approvers configured and a tier-2 approval nobody decides, THEN at 75 % the VP gets fresh links that approve it, while the first approver’s link says it was escalated', async () => {
    const windowMs = ctx.approvalWindowSeconds * 1000;
    // What an operator puts (README, Notifications): the tenant's approvers for the VP level.
    await new EscalationContacts(doc, ctx.tableName).put('globex', { level: 'VP', approvers: ['victor.vp@example.com'] });
    const open = await awaitingApproval('e2e-esc', ['maria.lopez@example.com'], 'globex');

    const [escalated] = await mailsFor(ctx, open.campaignId, /^Escalated to you \(VP\): Approval needed/, 1, windowMs);
    expect([escalated?.to].flat()).toEqual(['victor.vp@example.com']);
    expect(Date.parse((escalated as unknown as { sentAt: string }).sentAt) - open.createdAt).toBeGreaterThanOrEqual(0.75 * windowMs - 1000);

    const old = await fetch(open.request?.links?.approve ?? '');
    expect(old.status).toBe(410);
    expect(await old.text()).toContain('escalated to the VP level');
    const token = new URL(escalated?.links?.approve ?? '').pathname.split('/').pop() ?? '';
    expect((await fetch(`${ctx.gateway}/approvals/${token}`)).status).toBe(200);
    const decided = await fetch(`${ctx.gateway}/approvals/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve' });
    expect(decided.status).toBe(200);
    expect(await decided.text()).toContain('victor.vp@example.com');
    await campaignInStatus(store.repository, 'globex', open.campaignId, 'SYNCED');
    expect(await scheduleNames(open.campaignId)).toBe('no group');
    // The old link still refuses after the decision: it never held this approval again.
    expect((await fetch(open.request?.links?.approve ?? '')).status).toBe(410);
  });
});
