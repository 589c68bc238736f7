// fast-check arbitraries for valid campaign briefs and the campaigns made from them.
import fc from 'fast-check';
import { addDays } from '../../functions/domain/calendar.ts';
import type { CampaignBrief } from '../../functions/domain/campaign-brief.ts';
import { newCampaign, type Campaign } from '../../functions/domain/campaign.ts';
import { CAMPAIGN_TYPES, CHANNELS, CURRENCIES } from '../../functions/domain/vocabulary.ts';
import { aBrief, NOW } from './fixtures.ts';

const words = fc
  .array(fc.constantFrom('data', 'close', 'finance', 'Insights', 'launch', 'team', 'revolutionary', 'unlock', 'report', '2027', 'growth', 'North'), {
    minLength: 2,
    maxLength: 12,
  })
  .map((w) => w.join(' '));

export const briefArbitrary: fc.Arbitrary<CampaignBrief> = fc
  .record({
    name: words.filter((s) => s.length >= 3 && s.length <= 120),
    type: fc.constantFrom(...CAMPAIGN_TYPES),
    objective: words.map((s) => `Reach ${s} for the quarter`).filter((s) => s.length <= 2000),
    amount: fc.integer({ min: 1_000, max: 400_000 }),
    currency: fc.constantFrom(...CURRENCIES),
    channels: fc.shuffledSubarray([...CHANNELS], { minLength: 1 }),
    launchOffset: fc.integer({ min: 0, max: 200 }),
    windowDays: fc.integer({ min: 0, max: 366 }),
  })
  .map(({ name, type, objective, amount, currency, channels, launchOffset, windowDays }) => {
    const launchDate = addDays('2027-01-04', launchOffset);
    return aBrief({ name, type, objective, budget: { amount, currency }, channels, launchDate, endDate: addDays(launchDate, windowDays) });
  });

export const campaignArbitrary: fc.Arbitrary<Campaign> = briefArbitrary.map((brief) =>
  newCampaign({ tenantId: 'acme', campaignId: 'cmp-prop', brief, now: NOW }),
);
