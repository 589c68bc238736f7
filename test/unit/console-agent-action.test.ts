// The Assistant view's reading of an action's AWSJSON: parameters as lines a
// person confirms, and the campaign a confirmed action created.
import { describe, expect, it } from 'vitest';
import { parameterLines, resultCampaignId } from '../../web/src/logic/agent-action.ts';

describe('agent actions in the console', () => {
  it('GIVEN createCampaign parameters, THEN each is one labelled line: lists joined, budgets as amount and currency', () => {
    const lines = parameterLines(JSON.stringify({ name: 'SMB Q1 offers', budget: { amount: 20000, currency: 'USD' }, channels: ['EMAIL', 'BLOG'], launchDate: '2027-03-01' }));
    expect(lines).toEqual([
      { key: 'name', value: 'SMB Q1 offers' },
      { key: 'budget', value: '20,000 USD' },
      { key: 'channels', value: 'EMAIL, BLOG' },
      { key: 'launchDate', value: '2027-03-01' },
    ]);
  });

  it('GIVEN parameters that are not a JSON object, THEN they are shown as they are, never dropped', () => {
    expect(parameterLines('not json')).toEqual([{ key: 'parameters', value: 'not json' }]);
    expect(parameterLines('[1,2]')).toEqual([{ key: 'parameters', value: '[1,2]' }]);
  });

  it('GIVEN an action result, THEN only a non-empty string campaignId names a campaign', () => {
    expect(resultCampaignId('{"campaignId":"cmp-1"}')).toBe('cmp-1');
    expect(resultCampaignId('{"campaignId":""}')).toBeUndefined();
    expect(resultCampaignId('{"campaignId":7}')).toBeUndefined();
    expect(resultCampaignId('oops')).toBeUndefined();
    expect(resultCampaignId(null)).toBeUndefined();
  });
});
