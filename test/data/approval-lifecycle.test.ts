// The repository methods the approval flow added: a new task token for a
// pending approval, the notified mark, withdrawing an undelivered decision,
// and expiring a campaign whose decision never reached the workflow.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import type { Approval } from '../../functions/domain/approval.ts';
import { ApprovalClosedError, InvalidTransitionError, NotFoundError, ValidationError } from '../../functions/domain/errors.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { aCampaign, NOW } from '../support/fixtures.ts';

let approvals: ApprovalRepository;
let campaigns: CampaignRepository;
beforeAll(async () => {
  const table = await createTestTable();
  approvals = new ApprovalRepository(table.doc, table.tableName);
  campaigns = new CampaignRepository(table.doc, table.tableName);
});

const anApproval = (approvalId: string): Approval => ({
  approvalId,
  tenantId: 'acme',
  campaignId: 'cmp-1',
  approvers: ['maria.lopez@example.com'],
  taskToken: 'first',
  status: 'PENDING',
  revision: 0,
  createdAt: NOW.toISOString(),
  expiresAt: '2027-01-07T09:00:00.000Z',
});
const decision = { decision: 'APPROVED' as const, decidedBy: 'maria.lopez@example.com', decidedAt: NOW.toISOString() };

describe('ApprovalRepository lifecycle additions', () => {
  it('GIVEN a pending approval THEN resume swaps the task token and markNotified records the time; both refuse a closed one', async () => {
    await approvals.create(anApproval('ap-resume'));
    expect((await approvals.resume('acme', 'cmp-1', 'ap-resume', 'second')).taskToken).toBe('second');
    expect((await approvals.markNotified('acme', 'cmp-1', 'ap-resume', NOW)).notifiedAt).toBe(NOW.toISOString());
    await approvals.decide('acme', 'cmp-1', 'ap-resume', decision);
    await expect(approvals.resume('acme', 'cmp-1', 'ap-resume', 'third')).rejects.toBeInstanceOf(ApprovalClosedError);
    expect((await approvals.get('acme', 'cmp-1', 'ap-resume'))?.taskToken).toBe('second');
    await expect(approvals.resume('globex', 'cmp-1', 'ap-resume', 'x')).rejects.toBeInstanceOf(NotFoundError);
    await expect(approvals.resume('acme', 'cmp-1', 'ap-resume', '')).rejects.toBeInstanceOf(ValidationError);
  });

  it('GIVEN a decided approval THEN withdraw expires it keeping the decision; a pending one cannot be withdrawn', async () => {
    await approvals.create(anApproval('ap-withdraw'));
    await expect(approvals.withdraw('acme', 'cmp-1', 'ap-withdraw')).rejects.toBeInstanceOf(ApprovalClosedError);
    await approvals.decide('acme', 'cmp-1', 'ap-withdraw', decision);
    expect(await approvals.withdraw('acme', 'cmp-1', 'ap-withdraw')).toMatchObject({ status: 'EXPIRED', decision: 'APPROVED' });
    await expect(approvals.withdraw('acme', 'cmp-1', 'ap-withdraw')).rejects.toBeInstanceOf(ApprovalClosedError);
  });
});

describe('CampaignRepository.expireUndeliveredDecision', () => {
  it('GIVEN a campaign in the decided status THEN it becomes EXPIRED once, with history; any other status is refused', async () => {
    const campaign = aCampaign({ campaignId: 'cmp-late' });
    await campaigns.create(campaign);
    for (const to of ['PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'REJECTED'] as const) await campaigns.transition('acme', 'cmp-late', { to, now: NOW });
    await expect(campaigns.expireUndeliveredDecision('acme', 'cmp-late', { decided: 'APPROVED', reason: 'late', now: NOW })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    const expired = await campaigns.expireUndeliveredDecision('acme', 'cmp-late', { decided: 'REJECTED', reason: 'late', now: NOW });
    expect(expired).toMatchObject({ status: 'EXPIRED', statusReason: 'late', version: campaign.version + 5 });
    expect(expired.history.at(-1)).toEqual({ status: 'EXPIRED', at: NOW.toISOString(), reason: 'late' });
    expect((await campaigns.list('acme', { status: 'EXPIRED' })).items.map((c) => c.campaignId)).toContain('cmp-late');
    await expect(campaigns.expireUndeliveredDecision('acme', 'cmp-late', { decided: 'REJECTED', reason: 'late', now: NOW })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
    await expect(campaigns.expireUndeliveredDecision('globex', 'cmp-late', { decided: 'REJECTED', reason: 'late', now: NOW })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
