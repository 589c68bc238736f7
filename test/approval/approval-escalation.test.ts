// Escalation at 75 % of the window on DynamoDB Local: the approval passes to
// the next level of the tier's path (the tenant's configured approvers), who
// get fresh links that decide it, while the previous approvers' links refuse
// with ApprovalEscalatedError; the top of the path, a level nobody holds, a
// decided approval and a redelivered schedule change nothing.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalEscalations, EscalationContacts } from '../../functions/data/escalation-repository.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { DeduplicationStore } from '../../functions/data/deduplication-store.ts';
import { ApprovalEscalatedError } from '../../functions/domain/escalation.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import type { ReminderSchedules } from '../../functions/ports/reminder-schedules.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import { decideApproval } from '../../functions/use-cases/decide-approval.ts';
import { escalateApproval, type EscalateApprovalDeps } from '../../functions/use-cases/escalate-approval.ts';
import { onApprovalSchedule } from '../../functions/use-cases/on-approval-schedule.ts';
import { requestApproval } from '../../functions/use-cases/request-approval.ts';
import { keyOf, OutboxMailer, seedGeneratedCampaign, StaticKeys, tokenFromEmail } from '../support/approval.ts';
import { stageRepositories } from '../support/approval-stages.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { FakeAws, TEST_AWS } from '../support/fake-aws.ts';

const keys = new StaticKeys(keyOf('v1'));
const tasks = { succeed: async () => undefined, fail: async () => undefined };
/** Schedules are the Scheduler tests' business; here only what escalation clears. */
const cleared: string[] = [];
const schedules: ReminderSchedules = { schedule: async () => undefined, clear: async (ref) => void cleared.push(ref.campaignId) };
const DIRECTORS = ['dana.director@example.com', 'omar.director@example.com'];

let aws: FakeAws;
let campaigns: CampaignRepository;
let approvals: ApprovalRepository;
let stages: ReturnType<typeof stageRepositories>;
let updates: CampaignUpdates;
let contacts: EscalationContacts;
let mailer: OutboxMailer;
let deps: EscalateApprovalDeps;

beforeAll(async () => {
  aws = await new FakeAws().start();
  const table = await createTestTable();
  campaigns = new CampaignRepository(table.doc, table.tableName);
  approvals = new ApprovalRepository(table.doc, table.tableName);
  stages = stageRepositories(table);
  updates = new CampaignUpdates(new EventBridgeClient({ endpoint: aws.endpoint, ...TEST_AWS }), 'mcc');
  contacts = new EscalationContacts(table.doc, table.tableName);
  await contacts.put('globex', { level: 'DIRECTOR', approvers: DIRECTORS });
  mailer = new OutboxMailer();
  deps = {
    campaigns,
    approvals,
    schedules,
    sent: new DeduplicationStore(table.doc, table.tableName),
    mailer,
    keys,
    approvalBaseUrl: 'https://approvals.example.com',
    now: () => new Date(),
    contacts,
    escalations: new ApprovalEscalations(table.doc, table.tableName),
  };
});
afterAll(() => aws.stop());

async function awaiting(tenantId: string, campaignId: string, brief: Record<string, unknown> = {}) {
  await seedGeneratedCampaign(campaigns, { tenantId, campaignId, brief: { approvers: ['maria.manager@example.com'], ...brief } });
  const now = new Date();
  await requestApproval(
    { campaigns, approvals, ...stages, updates, mailer, keys, tasks, approvalBaseUrl: 'https://approvals.example.com', windowSeconds: 3600, now: () => now },
    { tenantId, campaignId, revision: 0, taskToken: `token-${campaignId}` },
  );
  const first = mailer.sent.find((m) => m.tags.campaignId === campaignId && m.tags.kind === 'approval-request');
  return { event: { tenantId, campaignId, approvalId: 'rev-0', kind: 'ESCALATE_AT_75' } as const, oldToken: tokenFromEmail(first?.text ?? '') };
}

const escalationMails = (campaignId: string) => mailer.sent.filter((m) => m.tags.campaignId === campaignId && m.tags.kind === 'approval-escalated');
const decideDeps = () => ({ campaigns, approvals, ...stages, updates, keys, tasks, now: () => new Date(), reminders: schedules });

describe('escalateApproval', () => {
  it('GIVEN a tier-3 approval undecided at the escalation point THEN the DIRECTOR level holds it with fresh links that decide it, and the manager’s link says it was escalated', async () => {
    const { event, oldToken } = await awaiting('globex', 'cmp-esc-1');
    expect(await onApprovalSchedule(deps, event)).toEqual({ kind: 'escalated', level: 'DIRECTOR', approvers: DIRECTORS });

    const approval = await approvals.get('globex', 'cmp-esc-1', 'rev-0');
    expect(approval).toMatchObject({ status: 'PENDING', approvers: DIRECTORS, approvalLevel: 'DIRECTOR', escalatedFrom: ['maria.manager@example.com'] });
    const mails = escalationMails('cmp-esc-1');
    expect(mails.map((m) => m.to)).toEqual(DIRECTORS.map((d) => [d]));
    expect(mails[0]?.subject).toMatch(/^Escalated to you \(DIRECTOR\): Approval needed: /);

    // The old link refuses, and changes nothing.
    await expect(decideApproval(decideDeps(), { token: oldToken, decision: 'APPROVED' })).rejects.toBeInstanceOf(ApprovalEscalatedError);
    expect((await approvals.get('globex', 'cmp-esc-1', 'rev-0'))?.status).toBe('PENDING');
    // A director's new link decides it.
    const result = await decideApproval(decideDeps(), { token: tokenFromEmail(mails[1]?.text ?? ''), decision: 'APPROVED' });
    expect(result.kind).toBe('decided');
    expect((await approvals.get('globex', 'cmp-esc-1', 'rev-0'))?.decidedBy).toBe(DIRECTORS[1]);
    expect(cleared).toContain('cmp-esc-1');
  });

  it('GIVEN the escalation schedule delivered twice THEN the approval is handed over and e-mailed once', async () => {
    const { event } = await awaiting('globex', 'cmp-esc-twice');
    await escalateApproval(deps, event);
    expect(await escalateApproval(deps, event)).toEqual({ kind: 'escalated', level: 'DIRECTOR', approvers: [] });
    expect(escalationMails('cmp-esc-twice')).toHaveLength(2);
    expect((await approvals.get('globex', 'cmp-esc-twice', 'rev-0'))?.escalatedFrom).toEqual(['maria.manager@example.com']);
  });

  it('GIVEN the top of the path, or a level nobody is configured for, THEN nothing changes and the result says why', async () => {
    const top = await awaiting('globex', 'cmp-esc-vp', { type: 'PRODUCT_LAUNCH' });
    expect(await escalateApproval(deps, top.event)).toEqual({ kind: 'ignored', why: 'VP is the top of the approval path' });
    const nobody = await awaiting('initech', 'cmp-esc-nobody');
    expect(await escalateApproval(deps, nobody.event)).toEqual({ kind: 'ignored', why: 'no DIRECTOR approvers are configured for tenant initech' });
    for (const [tenant, id] of [['globex', 'cmp-esc-vp'], ['initech', 'cmp-esc-nobody']] as const) {
      expect((await approvals.get(tenant, id, 'rev-0'))?.approvers).toEqual(['maria.manager@example.com']);
      expect(escalationMails(id)).toEqual([]);
    }
  });

  it('GIVEN an approval decided before the escalation fires THEN the late escalation does nothing', async () => {
    const { event, oldToken } = await awaiting('globex', 'cmp-esc-late');
    await decideApproval(decideDeps(), { token: oldToken, decision: 'REJECTED', comment: 'No' });
    expect(await escalateApproval(deps, event)).toEqual({ kind: 'ignored', why: 'the approval is DECIDED' });
    expect((await approvals.get('globex', 'cmp-esc-late', 'rev-0'))?.approvers).toEqual(['maria.manager@example.com']);
    expect(escalationMails('cmp-esc-late')).toEqual([]);
  });

  it('refuses malformed escalation contacts with a ValidationError and stores nothing', async () => {
    await expect(contacts.put('umbrella', { level: 'DIRECTOR', approvers: ['not-an-address'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(contacts.put('umbrella', { level: 'CEO' as 'VP', approvers: ['ceo@example.com'] })).rejects.toBeInstanceOf(ValidationError);
    expect(await contacts.get('umbrella', 'DIRECTOR')).toBeUndefined();
  });
});
