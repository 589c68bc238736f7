// A decided stage's outcome, as a redelivery or a resumed wait hands it to the
// workflow: the next stage after a passed one, the rejected posts after a
// failed one, nothing extra for a campaign of one stage.
import { describe, expect, it } from 'vitest';
import type { Approval } from '../../functions/domain/approval.ts';
import { outcomeOf } from '../../functions/use-cases/deliver-decision.ts';

const decided: Approval = {
  approvalId: 'rev-0-stage-1',
  tenantId: 'acme',
  campaignId: 'cmp-1',
  approvers: ['lee@acme.example'],
  taskToken: 't',
  status: 'DECIDED',
  revision: 0,
  createdAt: '2027-01-04T09:00:00.000Z',
  expiresAt: '2027-01-07T09:00:00.000Z',
  decision: 'APPROVED',
  decidedBy: 'lee@acme.example',
  decidedAt: '2027-01-04T10:00:00.000Z',
  stage: 1,
  stageName: 'Legal review',
  rule: 'ALL',
  stageCount: 3,
};

describe('outcomeOf a decided stage', () => {
  it('names the next stage after a passed one that is not the last', () => {
    expect(outcomeOf(decided)).toEqual({ decision: 'APPROVED', decidedBy: 'lee@acme.example', decidedAt: '2027-01-04T10:00:00.000Z', nextStage: 2 });
    expect(outcomeOf({ ...decided, stage: 2 })?.nextStage).toBeUndefined();
  });

  it('carries the rejected posts of a failed stage, and nothing extra for a single-stage approval', () => {
    expect(outcomeOf({ ...decided, decision: 'REJECTED', comment: 'Sources', rejectedPostIds: ['p2', 'p4'] })).toEqual({
      decision: 'REJECTED',
      decidedBy: 'lee@acme.example',
      decidedAt: '2027-01-04T10:00:00.000Z',
      comment: 'Sources',
      rejectedPostIds: ['p2', 'p4'],
    });
    const single: Approval = { ...decided, approvalId: 'rev-0', stage: undefined, stageName: undefined, rule: undefined, stageCount: undefined };
    expect(outcomeOf(single)).toEqual({ decision: 'APPROVED', decidedBy: 'lee@acme.example', decidedAt: '2027-01-04T10:00:00.000Z' });
    expect(outcomeOf({ ...decided, status: 'PENDING' })).toBeUndefined();
  });
});
