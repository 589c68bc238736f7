import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_STATUSES,
  MAX_REVISIONS,
  TERMINAL_STATUSES,
  TRANSITIONS,
  checkTransition,
  isTerminal,
  sourcesOf,
  type CampaignStatus,
} from '../../functions/domain/campaign-status.ts';
import { InvalidTransitionError } from '../../functions/domain/errors.ts';

const inTable = (from: CampaignStatus, to: CampaignStatus) => TRANSITIONS.some((t) => t.from === from && t.to === to);

function refusal(from: CampaignStatus, to: CampaignStatus, revision: number): InvalidTransitionError {
  try {
    checkTransition(from, to, revision);
  } catch (error) {
    if (error instanceof InvalidTransitionError) return error;
    throw error;
  }
  throw new Error(`expected ${from} -> ${to} at revision ${revision} to be refused`);
}

describe('checkTransition', () => {
  it('GIVEN each transition in the table WHEN checked at revision 0 THEN it is accepted and returned', () => {
    expect(TRANSITIONS.length).toBeGreaterThan(0);
    for (const t of TRANSITIONS) {
      expect(checkTransition(t.from, t.to, 0), `${t.from} -> ${t.to}`).toEqual(t);
    }
  });

  it('GIVEN any pair of statuses not in the table WHEN checked THEN InvalidTransitionError names from and to', () => {
    let refused = 0;
    for (const from of CAMPAIGN_STATUSES) {
      for (const to of CAMPAIGN_STATUSES) {
        if (inTable(from, to)) continue;
        const error = refusal(from, to, 0);
        expect(error.from).toBe(from);
        expect(error.to).toBe(to);
        expect(error.message).toContain('does not allow');
        refused += 1;
      }
    }
    expect(refused).toBe(CAMPAIGN_STATUSES.length ** 2 - TRANSITIONS.length);
  });

  it('GIVEN a self-transition such as PLANNING -> PLANNING WHEN checked THEN it is refused', () => {
    expect(refusal('PLANNING', 'PLANNING', 0)).toBeInstanceOf(InvalidTransitionError);
  });

  it('GIVEN REJECTED WHEN moving back to GENERATING THEN it is allowed for every revision below MAX_REVISIONS', () => {
    for (let revision = 0; revision < MAX_REVISIONS; revision++) {
      expect(checkTransition('REJECTED', 'GENERATING', revision).revision).toBe(true);
    }
  });

  it('GIVEN REJECTED with all revisions used WHEN moving back to GENERATING THEN it is refused, saying revisions are spent', () => {
    const error = refusal('REJECTED', 'GENERATING', MAX_REVISIONS);
    expect(error.message).toContain(`all ${MAX_REVISIONS} revisions`);
    expect(refusal('REJECTED', 'GENERATING', MAX_REVISIONS + 1)).toBeInstanceOf(InvalidTransitionError);
  });

  it('GIVEN a forward transition WHEN checked with revisions spent THEN the revision limit does not block it', () => {
    expect(checkTransition('GENERATING', 'AWAITING_APPROVAL', MAX_REVISIONS).to).toBe('AWAITING_APPROVAL');
  });
});

describe('terminal statuses', () => {
  it('GIVEN the status table THEN the terminal statuses are exactly SYNCED, EXPIRED and FAILED', () => {
    expect([...TERMINAL_STATUSES].toSorted()).toEqual(['EXPIRED', 'FAILED', 'SYNCED']);
  });

  it('GIVEN REJECTED THEN it is terminal once revisions are spent and not before', () => {
    expect(isTerminal('REJECTED', MAX_REVISIONS)).toBe(true);
    expect(isTerminal('REJECTED', 0)).toBe(false);
  });

  it('GIVEN any status and revision THEN isTerminal holds exactly when checkTransition accepts no target', () => {
    for (const from of CAMPAIGN_STATUSES) {
      for (let revision = 0; revision <= MAX_REVISIONS; revision++) {
        const accepted = CAMPAIGN_STATUSES.filter((to) => {
          try {
            checkTransition(from, to, revision);
            return true;
          } catch {
            return false;
          }
        });
        expect(isTerminal(from, revision), `${from} at revision ${revision}`).toBe(accepted.length === 0);
      }
    }
  });
});

describe('walking the status machine', () => {
  it('GIVEN a new campaign WHEN walked REQUESTED -> ... -> SYNCED THEN every step is accepted and it ends terminal', () => {
    const path: CampaignStatus[] = ['REQUESTED', 'PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'APPROVED', 'SYNCING', 'SYNCED'];
    for (let i = 1; i < path.length; i++) {
      const [from, to] = [path[i - 1], path[i]] as [CampaignStatus, CampaignStatus];
      expect(() => checkTransition(from, to, 0)).not.toThrow();
    }
    expect(isTerminal('SYNCED', 0)).toBe(true);
  });

  it('GIVEN FAILED THEN every in-flight status can reach it and no finished one can', () => {
    const sources = sourcesOf('FAILED');
    expect(sources.toSorted()).toEqual(['APPROVED', 'AWAITING_APPROVAL', 'GENERATING', 'PLANNING', 'REQUESTED', 'SYNCING']);
    for (const finished of ['SYNCED', 'EXPIRED', 'REJECTED', 'FAILED'] as const) expect(sources).not.toContain(finished);
  });

  it('GIVEN any sequence of attempted moves from REQUESTED THEN only table moves happen, revisions stay bounded and terminal means stuck', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CAMPAIGN_STATUSES), { maxLength: 60 }), (attempts) => {
        let status: CampaignStatus = 'REQUESTED';
        let revision = 0;
        for (const to of attempts) {
          const wasTerminal = isTerminal(status, revision);
          let accepted = false;
          try {
            const transition = checkTransition(status, to, revision);
            expect(transition.from).toBe(status);
            expect(transition.to).toBe(to);
            accepted = true;
            if (transition.revision) revision += 1;
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidTransitionError);
          }
          if (accepted) {
            expect(wasTerminal).toBe(false);
            expect(inTable(status, to)).toBe(true);
            status = to;
          }
          expect(revision).toBeLessThanOrEqual(MAX_REVISIONS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN a campaign rejected again and again THEN it regenerates MAX_REVISIONS times and then stays REJECTED', () => {
    let status: CampaignStatus = 'AWAITING_APPROVAL';
    let revision = 0;
    let regenerations = 0;
    for (let round = 0; round < MAX_REVISIONS + 3; round++) {
      checkTransition(status, 'REJECTED', revision);
      status = 'REJECTED';
      if (isTerminal(status, revision)) break;
      checkTransition(status, 'GENERATING', revision);
      revision += 1;
      regenerations += 1;
      checkTransition('GENERATING', 'AWAITING_APPROVAL', revision);
      status = 'AWAITING_APPROVAL';
    }
    expect(regenerations).toBe(MAX_REVISIONS);
    expect(status).toBe('REJECTED');
    expect(isTerminal(status, revision)).toBe(true);
  });
});
