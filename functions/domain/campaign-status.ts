// The campaign status machine. Transitions are data: one table, checked in
// one place (`checkTransition`), and the repository turns the same table into
// a conditional write so two writers can never both win.
import { z } from 'zod';
import { InvalidTransitionError } from './errors.ts';

export const CAMPAIGN_STATUSES = [
  'REQUESTED',
  'PLANNING',
  'GENERATING',
  'AWAITING_APPROVAL',
  'APPROVED',
  'SYNCING',
  'SYNCED',
  'REJECTED',
  'EXPIRED',
  'FAILED',
] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** How many times a rejected campaign may be regenerated from reviewer comments. */
export const MAX_REVISIONS = 2;

export interface Transition {
  readonly from: CampaignStatus;
  readonly to: CampaignStatus;
  /** A revision re-enters GENERATING and is allowed only while revisions remain. */
  readonly revision?: true;
}

const forward: Transition[] = [
  { from: 'REQUESTED', to: 'PLANNING' },
  { from: 'PLANNING', to: 'GENERATING' },
  { from: 'GENERATING', to: 'AWAITING_APPROVAL' },
  { from: 'AWAITING_APPROVAL', to: 'APPROVED' },
  { from: 'AWAITING_APPROVAL', to: 'REJECTED' },
  { from: 'AWAITING_APPROVAL', to: 'EXPIRED' },
  { from: 'REJECTED', to: 'GENERATING', revision: true },
  { from: 'APPROVED', to: 'SYNCING' },
  { from: 'SYNCING', to: 'SYNCED' },
];

/** Any status still in flight may fail; a finished campaign stays finished. */
const failing: Transition[] = (['REQUESTED', 'PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'APPROVED', 'SYNCING'] as const).map(
  (from) => ({ from, to: 'FAILED' }),
);

export const TRANSITIONS: readonly Transition[] = [...forward, ...failing];

/** Statuses nothing ever leaves. (REJECTED becomes final only once its revisions are spent.) */
export const TERMINAL_STATUSES: readonly CampaignStatus[] = CAMPAIGN_STATUSES.filter(
  (s) => !TRANSITIONS.some((t) => t.from === s),
);

export function sourcesOf(to: CampaignStatus): CampaignStatus[] {
  return TRANSITIONS.filter((t) => t.to === to).map((t) => t.from);
}

export function findTransition(from: CampaignStatus, to: CampaignStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/**
 * Returns the transition if the table allows it for a campaign with
 * `revision` revisions behind it; throws InvalidTransitionError otherwise.
 */
export function checkTransition(from: CampaignStatus, to: CampaignStatus, revision: number): Transition {
  const transition = findTransition(from, to);
  if (!transition) throw new InvalidTransitionError(from, to, 'the status table does not allow it');
  if (!allowed(transition, revision)) {
    throw new InvalidTransitionError(from, to, `all ${MAX_REVISIONS} revisions have been used`);
  }
  return transition;
}

function allowed(t: Transition, revision: number): boolean {
  return !t.revision || revision < MAX_REVISIONS;
}

/** True when no transition is left for a campaign in `status` with `revision` revisions behind it. */
export function isTerminal(status: CampaignStatus, revision: number): boolean {
  return !TRANSITIONS.some((t) => t.from === status && allowed(t, revision));
}
