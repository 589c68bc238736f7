import { describe, expect, it } from 'vitest';
import { newCampaign } from '../../functions/domain/campaign.ts';
import { aBrief, aCampaign, NOW } from '../support/fixtures.ts';
import { validationErrorFrom } from './expect-validation-error.ts';

describe('newCampaign', () => {
  it('GIVEN a valid brief WHEN a campaign is created THEN it starts REQUESTED at revision 0, version 1, with one history entry at now', () => {
    const campaign = aCampaign({ tenantId: 'acme', campaignId: 'cmp-1' });
    expect(campaign).toMatchObject({ tenantId: 'acme', campaignId: 'cmp-1', status: 'REQUESTED', revision: 0, version: 1 });
    expect(campaign.history).toEqual([{ status: 'REQUESTED', at: NOW.toISOString() }]);
    expect(campaign.createdAt).toBe(NOW.toISOString());
    expect(campaign.updatedAt).toBe(NOW.toISOString());
    expect(campaign.brief).toEqual(aBrief());
    expect(campaign.plan).toBeUndefined();
  });

  it('GIVEN a single-channel $18K brief launching in 6 weeks THEN it is a Tier 3 manager-approved campaign with lead time met', () => {
    const campaign = aCampaign();
    expect(campaign.tier).toBe(3);
    expect(campaign.approvalLevel).toBe('MANAGER');
    expect(campaign.leadTime).toMatchObject({ met: true, availableDays: 42, requiredDays: 14 });
    expect(campaign.tierReasons.length).toBeGreaterThan(0);
  });

  it('GIVEN a $150K brief launching in 6 weeks THEN it is Tier 1, needs a VP, and misses the 8-week lead time', () => {
    const campaign = aCampaign({ brief: { budget: { amount: 150_000, currency: 'USD' } } });
    expect(campaign.tier).toBe(1);
    expect(campaign.approvalLevel).toBe('VP');
    expect(campaign.leadTime).toMatchObject({ met: false, availableDays: 42, requiredDays: 56 });
    expect(campaign.tierReasons.join(' ')).toContain('$100,000');
  });

  it('GIVEN a source event ID THEN it is kept, and without one the field is absent', () => {
    const withEvent = newCampaign({ tenantId: 'acme', campaignId: 'cmp-2', brief: aBrief(), sourceEventId: 'evt-42', now: NOW });
    expect(withEvent.sourceEventId).toBe('evt-42');
    expect('sourceEventId' in aCampaign()).toBe(false);
  });

  it.each(['acme#evil', 'Acme', '', '-acme', 'a'.repeat(64)])(
    'GIVEN tenant ID %j WHEN a campaign is created THEN a ValidationError names tenantId',
    (tenantId) => {
      const error = validationErrorFrom(() => newCampaign({ tenantId, campaignId: 'cmp-1', brief: aBrief(), now: NOW }));
      expect(error.fields).toEqual(['tenantId']);
    },
  );

  it('GIVEN a campaign ID containing # WHEN a campaign is created THEN a ValidationError names campaignId', () => {
    const error = validationErrorFrom(() => newCampaign({ tenantId: 'acme', campaignId: 'cmp#1', brief: aBrief(), now: NOW }));
    expect(error.fields).toEqual(['campaignId']);
  });
});
