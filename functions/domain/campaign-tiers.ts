// Tier classification and lead-time checks, encoding the rules of
// knowledge-content/playbooks/campaign-tiers.md. That playbook's front matter
// carries the same table; a test keeps the two from drifting apart.
import type { CampaignBrief } from './campaign-brief.ts';
import type { CampaignType, Currency } from './vocabulary.ts';
import { calendarDateOf, daysBetween } from './calendar.ts';

export type Tier = 1 | 2 | 3;
export type ApprovalLevel = 'VP' | 'DIRECTOR' | 'MANAGER';

export interface TierRule {
  readonly tier: Tier;
  readonly label: string;
  /** Budget, in USD at planning rates, at or above which this tier applies. */
  readonly minBudgetUsd: number;
  /** Campaign types that are this tier whatever their budget. */
  readonly types: readonly CampaignType[];
  /** Number of channels at or above which this tier applies; null when channels do not decide it. */
  readonly minChannels: number | null;
  readonly leadTimeWeeks: { readonly min: number; readonly max: number };
  readonly approvalLevel: ApprovalLevel;
}

/** Most demanding first. */
export const TIER_RULES: readonly TierRule[] = [
  {
    tier: 1,
    label: 'Major',
    minBudgetUsd: 100_000,
    types: ['PRODUCT_LAUNCH', 'FLAGSHIP_EVENT'],
    minChannels: null,
    leadTimeWeeks: { min: 8, max: 12 },
    approvalLevel: 'VP',
  },
  {
    tier: 2,
    label: 'Standard',
    minBudgetUsd: 25_000,
    types: [],
    minChannels: 2,
    leadTimeWeeks: { min: 4, max: 8 },
    approvalLevel: 'DIRECTOR',
  },
  {
    tier: 3,
    label: 'Business as usual',
    minBudgetUsd: 0,
    types: [],
    minChannels: null,
    leadTimeWeeks: { min: 2, max: 4 },
    approvalLevel: 'MANAGER',
  },
];

/** Finance's planning rates (reviewed quarterly), so thresholds in USD apply to every budget. */
export const PLANNING_RATES_TO_USD: Readonly<Record<Currency, number>> = {
  USD: 1,
  EUR: 1.08,
  GBP: 1.27,
  CAD: 0.73,
  AUD: 0.66,
};

export interface TierDecision {
  readonly tier: Tier;
  readonly label: string;
  readonly approvalLevel: ApprovalLevel;
  readonly budgetUsd: number;
  /** Every rule of the chosen tier that the brief meets, in words a marketer reads. */
  readonly reasons: readonly string[];
}

type TierInput = Pick<CampaignBrief, 'type' | 'budget' | 'channels'>;

export function budgetInUsd(budget: CampaignBrief['budget']): number {
  return Math.round(budget.amount * PLANNING_RATES_TO_USD[budget.currency] * 100) / 100;
}

function reasonsFor(rule: TierRule, brief: TierInput, budgetUsd: number): string[] {
  const reasons: string[] = [];
  if (rule.minBudgetUsd > 0 && budgetUsd >= rule.minBudgetUsd) {
    reasons.push(`budget of $${budgetUsd.toLocaleString('en-US')} is at least $${rule.minBudgetUsd.toLocaleString('en-US')}`);
  }
  if (rule.types.includes(brief.type)) reasons.push(`${brief.type} campaigns are Tier ${rule.tier}`);
  if (rule.minChannels !== null && brief.channels.length >= rule.minChannels) {
    reasons.push(`runs on ${brief.channels.length} channels (${rule.minChannels} or more is cross-channel)`);
  }
  return reasons;
}

/** The most demanding tier any rule triggers wins; Tier 3 is the default. */
export function classifyTier(brief: TierInput): TierDecision {
  const budgetUsd = budgetInUsd(brief.budget);
  const fallback = TIER_RULES[TIER_RULES.length - 1] as TierRule;
  for (const rule of TIER_RULES) {
    const reasons = reasonsFor(rule, brief, budgetUsd);
    if (reasons.length > 0 || rule === fallback) {
      return {
        tier: rule.tier,
        label: rule.label,
        approvalLevel: rule.approvalLevel,
        budgetUsd,
        reasons: reasons.length > 0 ? reasons : ['single channel, under the Tier 2 budget: business as usual'],
      };
    }
  }
  throw new Error('unreachable: the last tier rule always applies');
}

export function ruleFor(tier: Tier): TierRule {
  const rule = TIER_RULES.find((r) => r.tier === tier);
  if (!rule) throw new Error(`no rule for tier ${tier}`);
  return rule;
}

export interface LeadTimeCheck {
  readonly met: boolean;
  readonly availableDays: number;
  readonly requiredDays: number;
  readonly recommendedDays: number;
  /** The playbook rule, always stated so a finding can quote it. */
  readonly rule: string;
}

/** Lead time from the request day to launch, against the tier's minimum. */
export function checkLeadTime(tier: Tier, launchDate: string, requestedAt: Date): LeadTimeCheck {
  const rule = ruleFor(tier);
  const availableDays = daysBetween(calendarDateOf(requestedAt), launchDate);
  const requiredDays = rule.leadTimeWeeks.min * 7;
  return {
    met: availableDays >= requiredDays,
    availableDays,
    requiredDays,
    recommendedDays: rule.leadTimeWeeks.max * 7,
    rule: `Tier ${tier} campaigns need ${rule.leadTimeWeeks.min}–${rule.leadTimeWeeks.max} weeks from request to launch (at least ${requiredDays} days)`,
  };
}
