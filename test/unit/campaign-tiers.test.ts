import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CampaignBrief } from '../../functions/domain/campaign-brief.ts';
import { classifyTier } from '../../functions/domain/campaign-tiers.ts';
import { CAMPAIGN_TYPES, CHANNELS, CURRENCIES, type Channel } from '../../functions/domain/vocabulary.ts';

type TierInput = Pick<CampaignBrief, 'type' | 'budget' | 'channels'>;

const brief = (input: Partial<TierInput> = {}): TierInput => ({
  type: 'WEBINAR',
  budget: { amount: 18_000, currency: 'USD' },
  channels: ['EMAIL'],
  ...input,
});

describe('classifyTier: playbook cases', () => {
  const cases: { what: string; input: TierInput; tier: 1 | 2 | 3; approvalLevel: string; reason: string }[] = [
    { what: 'a single-channel $18K webinar', input: brief(), tier: 3, approvalLevel: 'MANAGER', reason: 'business as usual' },
    {
      what: 'a single-channel webinar at exactly $25K',
      input: brief({ budget: { amount: 25_000, currency: 'USD' } }),
      tier: 2,
      approvalLevel: 'DIRECTOR',
      reason: 'at least $25,000',
    },
    {
      what: 'a $2K webinar on two channels',
      input: brief({ budget: { amount: 2_000, currency: 'USD' }, channels: ['EMAIL', 'LINKEDIN'] }),
      tier: 2,
      approvalLevel: 'DIRECTOR',
      reason: 'runs on 2 channels',
    },
    {
      what: 'a single-channel webinar at exactly $100K',
      input: brief({ budget: { amount: 100_000, currency: 'USD' } }),
      tier: 1,
      approvalLevel: 'VP',
      reason: 'at least $100,000',
    },
    {
      what: 'a $500 product launch',
      input: brief({ type: 'PRODUCT_LAUNCH', budget: { amount: 500, currency: 'USD' } }),
      tier: 1,
      approvalLevel: 'VP',
      reason: 'PRODUCT_LAUNCH',
    },
    {
      what: 'a $500 flagship event',
      input: brief({ type: 'FLAGSHIP_EVENT', budget: { amount: 500, currency: 'USD' } }),
      tier: 1,
      approvalLevel: 'VP',
      reason: 'FLAGSHIP_EVENT',
    },
    {
      what: 'EUR 95,000 (USD 102,600 at planning rates)',
      input: brief({ budget: { amount: 95_000, currency: 'EUR' } }),
      tier: 1,
      approvalLevel: 'VP',
      reason: '$102,600',
    },
    {
      what: 'GBP 20,000 (USD 25,400 at planning rates)',
      input: brief({ budget: { amount: 20_000, currency: 'GBP' } }),
      tier: 2,
      approvalLevel: 'DIRECTOR',
      reason: '$25,400',
    },
    {
      what: 'CAD 30,000 (USD 21,900 at planning rates)',
      input: brief({ budget: { amount: 30_000, currency: 'CAD' } }),
      tier: 3,
      approvalLevel: 'MANAGER',
      reason: 'business as usual',
    },
  ];

  it.each(cases)('GIVEN $what THEN it is Tier $tier, approved by $approvalLevel, for a stated reason', ({ input, tier, approvalLevel, reason }) => {
    const decision = classifyTier(input);
    expect(decision.tier).toBe(tier);
    expect(decision.approvalLevel).toBe(approvalLevel);
    expect(decision.reasons.length).toBeGreaterThan(0);
    expect(decision.reasons.join(' | ')).toContain(reason);
  });

  it('GIVEN a budget one cent under each threshold THEN the lower tier applies', () => {
    expect(classifyTier(brief({ budget: { amount: 24_999.99, currency: 'USD' } })).tier).toBe(3);
    expect(classifyTier(brief({ budget: { amount: 99_999.99, currency: 'USD' } })).tier).toBe(2);
  });

  it('GIVEN a $150K product launch on three channels THEN every Tier 1 rule it meets is a reason, and the channel rule of Tier 2 is not', () => {
    const decision = classifyTier(
      brief({ type: 'PRODUCT_LAUNCH', budget: { amount: 150_000, currency: 'USD' }, channels: ['EMAIL', 'BLOG', 'X'] }),
    );
    expect(decision.tier).toBe(1);
    expect(decision.budgetUsd).toBe(150_000);
    expect(decision.reasons).toHaveLength(2);
    expect(decision.reasons.join(' | ')).not.toContain('channels');
  });
});

describe('classifyTier: properties', () => {
  const type = fc.constantFrom(...CAMPAIGN_TYPES);
  const currency = fc.constantFrom(...CURRENCIES);
  const amount = fc.double({ min: 0.01, max: 1_000_000_000, noNaN: true, noDefaultInfinity: true });
  const channels = fc.subarray([...CHANNELS], { minLength: 1 });

  it('GIVEN two budgets a <= b in the same currency THEN b is classified at least as demanding as a', () => {
    fc.assert(
      fc.property(type, channels, currency, amount, amount, (t, ch, cur, x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const small = classifyTier({ type: t, channels: ch, budget: { amount: a, currency: cur } });
        const large = classifyTier({ type: t, channels: ch, budget: { amount: b, currency: cur } });
        expect(large.tier).toBeLessThanOrEqual(small.tier);
      }),
    );
  });

  it('GIVEN any brief THEN adding a channel never makes it less demanding', () => {
    fc.assert(
      fc.property(type, currency, amount, fc.subarray([...CHANNELS], { minLength: 1, maxLength: CHANNELS.length - 1 }), fc.nat(), (t, cur, a, ch, pick) => {
        const missing = CHANNELS.filter((c) => !ch.includes(c));
        const extra = missing[pick % missing.length] as Channel;
        const before = classifyTier({ type: t, channels: ch, budget: { amount: a, currency: cur } });
        const after = classifyTier({ type: t, channels: [...ch, extra], budget: { amount: a, currency: cur } });
        expect(after.tier).toBeLessThanOrEqual(before.tier);
      }),
    );
  });

  it('GIVEN any brief THEN the approval level matches the tier and at least one reason is given', () => {
    const levelOf = { 1: 'VP', 2: 'DIRECTOR', 3: 'MANAGER' } as const;
    fc.assert(
      fc.property(type, channels, currency, amount, (t, ch, cur, a) => {
        const decision = classifyTier({ type: t, channels: ch, budget: { amount: a, currency: cur } });
        expect(decision.approvalLevel).toBe(levelOf[decision.tier]);
        expect(decision.reasons.length).toBeGreaterThan(0);
        for (const reason of decision.reasons) expect(reason.trim()).not.toBe('');
      }),
    );
  });
});
