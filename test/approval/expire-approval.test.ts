// MarkExpired against DynamoDB Local: approval and campaign EXPIRED, the
// requester told, and retries converge.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { InvalidTransitionError } from '../../functions/domain/errors.ts';
import { CampaignUpdates } from '../../functions/shared/campaign-updates.ts';
import { expireApproval } from '../../functions/use-cases/expire-approval.ts';
import { requestApproval } from '../../functions/use-cases/request-approval.ts';
import { keyOf, OutboxMailer, seedGeneratedCampaign, StaticKeys } from '../support/approval.ts';
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

const LATER = new Date(NOW.getTime() + 73 * 3600_000);

async function awaiting(campaignId: string) {
  await seedGeneratedCampaign(campaigns, { campaignId });
  await requestApproval(
    {
      campaigns,
      approvals,
      ...stages,
      updates,
      mailer: new OutboxMailer(),
      keys: new StaticKeys(keyOf('v1')),
      tasks: { succeed: async () => undefined, fail: async () => undefined },
      approvalBaseUrl: 'https://approvals.example.com',
      windowSeconds: 72 * 3600,
      now: () => NOW,
    },
    { tenantId: 'acme', campaignId, revision: 0, taskToken: 'token' },
  );
}

const deps = (mailer = new OutboxMailer()) => ({ deps: { campaigns, approvals, updates, mailer, now: () => LATER }, mailer });

describe('expireApproval', () => {
  it('GIVEN a pending approval THEN approval and campaign are EXPIRED and the requester is e-mailed; a retry converges', async () => {
    await awaiting('cmp-exp');
    const { deps: d, mailer } = deps();
    const result = await expireApproval(d, { tenantId: 'acme', campaignId: 'cmp-exp', revision: 0 });
    expect(result).toEqual({ campaignStatus: 'EXPIRED', approvalStatus: 'EXPIRED', requesterNotified: true });
    expect((await approvals.get('acme', 'cmp-exp', 'rev-0'))?.status).toBe('EXPIRED');
    expect(await campaigns.require('acme', 'cmp-exp')).toMatchObject({ status: 'EXPIRED', statusReason: 'No decision within the approval window' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: ['sam.taylor@example.com'], tags: { campaignId: 'cmp-exp', tenantId: 'acme', kind: 'approval-expired' } });
    expect(mailer.sent[0]?.subject).toContain('Approval window passed');

    await expect(expireApproval(d, { tenantId: 'acme', campaignId: 'cmp-exp', revision: 0 })).resolves.toMatchObject({ campaignStatus: 'EXPIRED' });
    expect((await campaigns.require('acme', 'cmp-exp')).history.filter((h) => h.status === 'EXPIRED')).toHaveLength(1);
  });

  it('GIVEN a decision recorded but never delivered (the task had timed out) THEN both end EXPIRED, the decision kept for audit', async () => {
    await awaiting('cmp-undelivered');
    await approvals.decide('acme', 'cmp-undelivered', 'rev-0', { decision: 'APPROVED', decidedBy: 'maria.lopez@example.com', decidedAt: LATER.toISOString() });
    await campaigns.transition('acme', 'cmp-undelivered', { from: 'AWAITING_APPROVAL', to: 'APPROVED', now: LATER });
    const { deps: d } = deps();
    await expireApproval(d, { tenantId: 'acme', campaignId: 'cmp-undelivered', revision: 0 });
    expect(await approvals.get('acme', 'cmp-undelivered', 'rev-0')).toMatchObject({ status: 'EXPIRED', decision: 'APPROVED' });
    expect((await campaigns.require('acme', 'cmp-undelivered')).status).toBe('EXPIRED');
  });

  it('GIVEN the requester e-mail failed THEN the retry sends it, and the status changes happen once', async () => {
    await awaiting('cmp-mail-retry');
    const mailer = new OutboxMailer();
    mailer.failures.push(new Error('SES unavailable'));
    const { deps: d } = deps(mailer);
    await expect(expireApproval(d, { tenantId: 'acme', campaignId: 'cmp-mail-retry', revision: 0 })).rejects.toThrow('SES unavailable');
    await expireApproval(d, { tenantId: 'acme', campaignId: 'cmp-mail-retry', revision: 0 });
    expect(mailer.sent).toHaveLength(1);
    expect((await campaigns.require('acme', 'cmp-mail-retry')).history.filter((h) => h.status === 'EXPIRED')).toHaveLength(1);
  });

  it('GIVEN a campaign that already failed THEN it refuses and e-mails nobody', async () => {
    await awaiting('cmp-moved');
    await campaigns.transition('acme', 'cmp-moved', { to: 'FAILED', now: LATER });
    const { deps: d, mailer } = deps();
    await expect(expireApproval(d, { tenantId: 'acme', campaignId: 'cmp-moved', revision: 0 })).rejects.toBeInstanceOf(InvalidTransitionError);
    expect(mailer.sent).toHaveLength(0);
  });
});
