import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_RETENTION_DAYS, ApprovalRepository } from '../../functions/data/approval-repository.ts';
import { approvalKey } from '../../functions/data/keys.ts';
import type { Approval } from '../../functions/domain/approval.ts';
import { AlreadyExistsError, ApprovalClosedError, NotFoundError, ValidationError } from '../../functions/domain/errors.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';
import { NOW } from '../support/fixtures.ts';

let table: TestTable;
let approvals: ApprovalRepository;
beforeAll(async () => {
  table = await createTestTable();
  approvals = new ApprovalRepository(table.doc, table.tableName);
});

function anApproval(approvalId: string, overrides: Partial<Approval> = {}): Approval {
  return {
    approvalId,
    tenantId: 'acme',
    campaignId: 'cmp-1',
    approvers: ['maria.lopez@example.com'],
    taskToken: 'A'.repeat(1024),
    status: 'PENDING',
    revision: 0,
    createdAt: NOW.toISOString(),
    expiresAt: '2027-01-07T09:00:00.000Z',
    ...overrides,
  };
}

const decision = { decision: 'APPROVED' as const, decidedBy: 'maria.lopez@example.com', decidedAt: NOW.toISOString(), client: 'Mozilla/5.0' };

describe('ApprovalRepository', () => {
  it('stores the full task token server-side with a TTL after the approval window', async () => {
    await approvals.create(anApproval('ap-1'));
    expect((await approvals.get('acme', 'cmp-1', 'ap-1'))?.taskToken).toHaveLength(1024);
    const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: approvalKey('acme', 'cmp-1', 'ap-1') }));
    expect(Item?.expiresAtEpoch).toBe(Date.parse('2027-01-07T09:00:00.000Z') / 1000 + APPROVAL_RETENTION_DAYS * 86_400);
  });

  it('refuses to create the same approval twice', async () => {
    await approvals.create(anApproval('ap-dup'));
    await expect(approvals.create(anApproval('ap-dup'))).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('records a decision once; a second decision gets the first one back', async () => {
    await approvals.create(anApproval('ap-2'));
    const decided = await approvals.decide('acme', 'cmp-1', 'ap-2', { ...decision, comment: 'Looks great' });
    expect(decided).toMatchObject({ status: 'DECIDED', decision: 'APPROVED', comment: 'Looks great', decidedFrom: 'Mozilla/5.0' });
    const replay = await approvals
      .decide('acme', 'cmp-1', 'ap-2', { ...decision, decision: 'REJECTED' })
      .catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(ApprovalClosedError);
    expect((replay as ApprovalClosedError).approval.decision).toBe('APPROVED');
  });

  it('lets exactly one of two simultaneous decisions win', async () => {
    await approvals.create(anApproval('ap-race'));
    const results = await Promise.allSettled([
      approvals.decide('acme', 'cmp-1', 'ap-race', decision),
      approvals.decide('acme', 'cmp-1', 'ap-race', { ...decision, decision: 'REJECTED' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses a decision on an expired approval, and an unknown approval is NotFound', async () => {
    await approvals.create(anApproval('ap-exp'));
    expect((await approvals.expire('acme', 'cmp-1', 'ap-exp')).status).toBe('EXPIRED');
    await expect(approvals.decide('acme', 'cmp-1', 'ap-exp', decision)).rejects.toBeInstanceOf(ApprovalClosedError);
    await expect(approvals.decide('acme', 'cmp-1', 'missing', decision)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("cannot decide another tenant's approval", async () => {
    await approvals.create(anApproval('ap-tenant'));
    await expect(approvals.decide('globex', 'cmp-1', 'ap-tenant', decision)).rejects.toBeInstanceOf(NotFoundError);
    expect((await approvals.get('acme', 'cmp-1', 'ap-tenant'))?.status).toBe('PENDING');
  });

  it('refuses an unknown decision without changing the record', async () => {
    await approvals.create(anApproval('ap-bad'));
    await expect(approvals.decide('acme', 'cmp-1', 'ap-bad', { ...decision, decision: 'MAYBE' as 'APPROVED' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await approvals.get('acme', 'cmp-1', 'ap-bad'))?.status).toBe('PENDING');
  });
});
