// Spreads a channel's posts over the campaign window the way the playbooks
// say: the first on the launch date; social posts for Tier 1 and 2 front-loaded
// (about half in the first third, the last in the final days); e-mail ending
// 2 days and blog articles 7 days before the end; a minimum gap between posts
// on one channel wherever the window is long enough for it.
import type { Tier } from '../../domain/campaign-tiers.ts';
import type { CadenceRule } from '../../knowledge/cadence.ts';

/** Day offsets from the launch date, non-decreasing, each within [0, windowDays]. */
export function scheduleOffsets(rule: CadenceRule, tier: Tier, windowDays: number, count: number): number[] {
  if (count <= 0) return [];
  const latest = Math.max(0, windowDays - rule.lastPostDaysBeforeEnd);
  if (count === 1) return [0];
  const ideal = idealFractions(rule.frontLoaded && tier !== 3, count).map((f) => Math.round(f * latest));
  // The largest gap every pair can keep inside the window, capped at the playbook's minimum.
  const gap = Math.min(rule.minGapDays, Math.floor(latest / (count - 1)));
  const offsets = [...ideal];
  for (let i = 1; i < count; i++) offsets[i] = Math.max(at(offsets, i), at(offsets, i - 1) + gap);
  offsets[count - 1] = Math.min(at(offsets, count - 1), latest);
  for (let i = count - 2; i >= 0; i--) offsets[i] = Math.min(at(offsets, i), at(offsets, i + 1) - gap);
  return offsets;
}

function idealFractions(frontLoaded: boolean, count: number): number[] {
  if (!frontLoaded) return Array.from({ length: count }, (_, i) => i / (count - 1));
  const early = Math.ceil(count / 2);
  const late = count - early;
  return [
    ...Array.from({ length: early }, (_, i) => i / early / 3),
    ...Array.from({ length: late }, (_, j) => 1 / 3 + ((j + 1) / late) * (2 / 3)),
  ];
}

function at(values: readonly number[], i: number): number {
  const v = values[i];
  if (v === undefined) throw new RangeError(`no offset ${i}`);
  return v;
}
