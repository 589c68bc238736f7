// RequestApproval against DynamoDB Local: the approval record, the campaign's
// status, the e-mails, and idempotency under retries and resumes.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyApprovalToken } from '../../functions/approval/approval-token.ts';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { AllPostsFailedError, InvalidTransitionError } from '../../functions/domain/errors.ts';
import type { TaskCallbacks } from '../../functions/ports/task-callbacks.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import { requestApproval, type RequestApprovalDeps } from '../../functions/use-cases/request-approval.ts';
import { keyOf, OutboxMailer, seedGeneratedCampaign, StaticKeys, tokenFromEmail } from '../support/approval.ts';
import { stageRepositories } from '../support/approval-stages.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { FakeAws, TEST_AWS } from '../support/fake-aws.ts';
import { NOW } from '../support/fixtures.ts';

let aws: FakeAws;
let campaigns: CampaignRepository;
let approvals: ApprovalRepository;
let stages: ReturnType<typeof stageRepositories>;
let updates: CampaignUpdates;
beforeAll(async () => {
  aws = await new FakeAws().start();
  const table = await createTestTable();
  campaigns = new CampaignRepository(table.doc, table.tableName);
  approvals = new ApprovalRepository(table.doc, table.tableName);
  stages = stageRepositories(table);
  updates = new CampaignUpdates(new EventBridgeClient({ endpoint: aws.endpoint, ...TEST_AWS }), 'mcc');
});
afterAll(() => aws.stop());

class RecordingTasks implements TaskCallbacks {
  readonly succeeded: { token: string; output: unknown }[] = [];
  async succeed(token: string, output: unknown) {
    this.succeeded.push({ token, output });
  }
  async fail() {}
}

const WINDOW = 72 * 3600;
function deps(overrides: Partial<RequestApprovalDeps> = {}) {
  const mailer = new OutboxMailer();
  const tasks = new RecordingTasks();
  const keys = new StaticKeys(keyOf('v1'));
  const d: RequestApprovalDeps = {
    campaigns,
    approvals,
    ...stages,
    updates,
    mailer,
    keys,
    tasks,
    approvalBaseUrl: 'https://approvals.example.com/',
    windowSeconds: WINDOW,
    now: () => NOW,
    ...overrides,
  };
  return { d, mailer, tasks, keys };
}

describe('requestApproval', () => {
  it('GIVEN generated posts THEN the campaign awaits approval, the approval holds the task token, and every approver gets personal links', async () => {
    const { campaign } = await seedGeneratedCampaign(campaigns, {
      campaignId: 'cmp-happy',
      failed: [1],
      count: 3,
      brief: { approvers: ['maria.lopez@example.com', 'li.wei@example.com'] },
    });
    const { d, mailer, keys } = deps();
    const result = await requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-happy', revision: 0, taskToken: 'T'.repeat(1024) });

    expect(result).toEqual({ approvalId: 'rev-0', expiresAt: new Date(NOW.getTime() + WINDOW * 1000).toISOString(), resumed: false, emailed: 2 });
    expect((await campaigns.require('acme', 'cmp-happy')).status).toBe('AWAITING_APPROVAL');
    expect(await approvals.get('acme', 'cmp-happy', 'rev-0')).toMatchObject({
      status: 'PENDING',
      taskToken: 'T'.repeat(1024),
      approvers: campaign.brief.approvers,
      revision: 0,
      notifiedAt: NOW.toISOString(),
    });
    expect(aws.calls('AWSEvents.PutEvents').some((r) => JSON.stringify(r.body).includes('AWAITING_APPROVAL'))).toBe(true);

    expect(mailer.sent.map((m) => m.to)).toEqual([['maria.lopez@example.com'], ['li.wei@example.com']]);
    for (const [i, message] of mailer.sent.entries()) {
      expect(message.tags).toEqual({ campaignId: 'cmp-happy', tenantId: 'acme', kind: 'approval-request' });
      expect(message.subject).toBe(`Approval needed: ${campaign.brief.name}`);
      expect(message.text).toContain('https://approvals.example.com/approvals/');
      expect(message.text).toContain('FAILED');
      expect(message.html).toContain('The writer agent timed out');
      const claims = await verifyApprovalToken(keys, tokenFromEmail(message.text), NOW);
      expect(claims).toMatchObject({ sub: 'rev-0', tenant: 'acme', campaign: 'cmp-happy', approver: campaign.brief.approvers[i] });
    }
  });

  it('GIVEN every post of the revision FAILED THEN AllPostsFailedError, and nothing is stored or sent', async () => {
    await seedGeneratedCampaign(campaigns, { campaignId: 'cmp-failed', failed: [0, 1] });
    const { d, mailer } = deps();
    await expect(requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-failed', revision: 0, taskToken: 't' })).rejects.toBeInstanceOf(AllPostsFailedError);
    expect((await campaigns.require('acme', 'cmp-failed')).status).toBe('GENERATING');
    expect(await approvals.get('acme', 'cmp-failed', 'rev-0')).toBeUndefined();
    expect(mailer.sent).toHaveLength(0);
  });

  it('GIVEN no post of the requested revision THEN there is nothing to approve', async () => {
    await seedGeneratedCampaign(campaigns, { campaignId: 'cmp-norev' });
    const { d } = deps();
    await expect(requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-norev', revision: 1, taskToken: 't' })).rejects.toBeInstanceOf(AllPostsFailedError);
  });

  it('GIVEN a campaign that is not generating THEN the transition is refused and no approval is stored', async () => {
    await seedGeneratedCampaign(campaigns, { campaignId: 'cmp-gone' });
    await campaigns.transition('acme', 'cmp-gone', { to: 'FAILED', now: NOW });
    const { d } = deps();
    await expect(requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-gone', revision: 0, taskToken: 't' })).rejects.toBeInstanceOf(InvalidTransitionError);
    expect(await approvals.get('acme', 'cmp-gone', 'rev-0')).toBeUndefined();
  });

  it('GIVEN a retry or a resume with a new task token THEN the approval takes the new token, nobody is e-mailed again, and the old links still verify', async () => {
    await seedGeneratedCampaign(campaigns, { campaignId: 'cmp-again' });
    const { d, mailer, keys } = deps();
    await requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-again', revision: 0, taskToken: 'first' });
    const later = () => new Date(NOW.getTime() + 3600_000);
    const again = await requestApproval({ ...d, now: later }, { tenantId: 'acme', campaignId: 'cmp-again', revision: 0, taskToken: 'second' });

    expect(again).toMatchObject({ approvalId: 'rev-0', resumed: true, emailed: 0 });
    const stored = await approvals.get('acme', 'cmp-again', 'rev-0');
    expect(stored?.taskToken).toBe('second');
    expect(stored?.expiresAt).toBe(new Date(NOW.getTime() + WINDOW * 1000).toISOString());
    expect(mailer.sent).toHaveLength(1);
    const first = mailer.sent[0];
    expect((await verifyApprovalToken(keys, tokenFromEmail(first?.text ?? ''), later())).sub).toBe('rev-0');
  });

  it('GIVEN concurrent requests for the same revision THEN one approval record results', async () => {
    await seedGeneratedCampaign(campaigns, { campaignId: 'cmp-race' });
    const { d } = deps();
    const results = await Promise.all(
      ['a', 'b'].map((token) => requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-race', revision: 0, taskToken: token })),
    );
    expect(results.map((r) => r.approvalId)).toEqual(['rev-0', 'rev-0']);
    expect(results.filter((r) => !r.resumed)).toHaveLength(1);
  });

  it('GIVEN the e-mail failed on the first attempt THEN the retry e-mails the approvers', async () => {
    await seedGeneratedCampaign(campaigns, { campaignId: 'cmp-mailfail' });
    const { d, mailer } = deps();
    mailer.failures.push(new Error('SES throttled'));
    await expect(requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-mailfail', revision: 0, taskToken: 't' })).rejects.toThrow('SES throttled');
    expect((await approvals.get('acme', 'cmp-mailfail', 'rev-0'))?.notifiedAt).toBeUndefined();
    const retry = await requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-mailfail', revision: 0, taskToken: 't' });
    expect(retry).toMatchObject({ resumed: true, emailed: 1 });
    expect(mailer.sent).toHaveLength(1);
  });

  it('GIVEN an approver decides (e.g. through GraphQL) while the e-mails are still being sent THEN the request still succeeds and the decision stands', async () => {
    await seedGeneratedCampaign(campaigns, { campaignId: 'cmp-fastdecision' });
    const { d, mailer } = deps();
    // The campaign is AWAITING_APPROVAL and the approval stored before the mail goes out, so a
    // frontend following the campaign can decide before RequestApproval marks the approval notified.
    const decidingMailer = {
      async send(message: Parameters<OutboxMailer['send']>[0]) {
        await approvals.decide('acme', 'cmp-fastdecision', 'rev-0', { decision: 'APPROVED', decidedBy: 'maria.lopez@example.com', decidedAt: NOW.toISOString() });
        return mailer.send(message);
      },
    };
    const result = await requestApproval({ ...d, mailer: decidingMailer }, { tenantId: 'acme', campaignId: 'cmp-fastdecision', revision: 0, taskToken: 'tok' });
    expect(result).toMatchObject({ approvalId: 'rev-0', emailed: 1 });
    expect(await approvals.get('acme', 'cmp-fastdecision', 'rev-0')).toMatchObject({ status: 'DECIDED', decision: 'APPROVED' });
  });

  it('GIVEN the approval was decided while the workflow was not waiting THEN the resumed wait gets the recorded outcome at once', async () => {
    await seedGeneratedCampaign(campaigns, { campaignId: 'cmp-decided' });
    const { d, mailer, tasks } = deps();
    await requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-decided', revision: 0, taskToken: 'first' });
    await approvals.decide('acme', 'cmp-decided', 'rev-0', {
      decision: 'APPROVED',
      decidedBy: 'maria.lopez@example.com',
      decidedAt: NOW.toISOString(),
      comment: 'Ship it',
    });
    await requestApproval(d, { tenantId: 'acme', campaignId: 'cmp-decided', revision: 0, taskToken: 'resumed' });
    expect(tasks.succeeded).toEqual([
      { token: 'resumed', output: { decision: 'APPROVED', decidedBy: 'maria.lopez@example.com', decidedAt: NOW.toISOString(), comment: 'Ship it' } },
    ]);
    expect(mailer.sent).toHaveLength(1);
  });
});
