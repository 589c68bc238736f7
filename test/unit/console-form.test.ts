// The New campaign form: checked by the API's own brief schema, errors under
// the API's field names, and the backend's ValidationError message put back
// next to its fields.
import { describe, expect, it } from 'vitest';
import { briefFromInput } from '../../functions/use-cases/create-campaign.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import { fieldErrorsFromMessage, splitList, validateCampaignForm, type CampaignFormValues } from '../../web/src/logic/campaign-form.ts';

const good: CampaignFormValues = {
  name: 'Analytics webinar',
  type: 'WEBINAR',
  objective: 'Generate 400 qualified registrations from finance teams',
  targetAudience: 'Finance leaders at mid-market companies',
  budgetAmount: '30000',
  currency: 'USD',
  channels: ['EMAIL', 'LINKEDIN'],
  launchDate: '2027-06-01',
  endDate: '2027-07-31',
  approvers: 'maria.lopez@example.com, lee@example.com',
};
const ME = 'sam@example.com';

describe('the New campaign form', () => {
  it('GIVEN a complete brief, THEN it becomes the API input (trimmed, approvers split, budget a number) that the API accepts', () => {
    const result = validateCampaignForm({ ...good, name: '  Analytics webinar  ' }, ME);
    expect(result).toEqual({
      ok: true,
      input: {
        name: 'Analytics webinar',
        type: 'WEBINAR',
        objective: good.objective,
        targetAudience: good.targetAudience,
        budget: { amount: 30000, currency: 'USD' },
        channels: ['EMAIL', 'LINKEDIN'],
        launchDate: '2027-06-01',
        endDate: '2027-07-31',
        approvers: ['maria.lopez@example.com', 'lee@example.com'],
      },
    });
    if (result.ok) expect(() => briefFromInput({ ...result.input }, ME)).not.toThrow();
  });

  it('GIVEN dates that are not calendar dates or run backwards, THEN the date fields carry the errors', () => {
    const notADay = validateCampaignForm({ ...good, launchDate: '2027-02-30', endDate: '2027-03-31' }, ME);
    expect(notADay.ok).toBe(false);
    if (!notADay.ok) expect(Object.keys(notADay.errors)).toEqual(['launchDate']);
    const backwards = validateCampaignForm({ ...good, launchDate: '2027-07-01', endDate: '2027-06-01' }, ME);
    expect(backwards).toEqual({ ok: false, errors: { endDate: ['must not be before launchDate'] } });
    const leap = validateCampaignForm({ ...good, launchDate: '2028-02-29', endDate: '2028-03-31' }, ME);
    expect(leap.ok).toBe(true);
  });

  it('GIVEN every field wrong, THEN each error is under the API name of its field, list items under the list', () => {
    const result = validateCampaignForm({ ...good, name: 'x', objective: '   ', targetAudience: '', budgetAmount: 'lots', channels: [], approvers: 'maria, maria@example.com', launchDate: '' }, ME);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['approvers', 'budget.amount', 'channels', 'launchDate', 'name', 'objective', 'targetAudience'].sort());
    expect(result.errors['budget.amount']).toEqual(['must be a number']);
  });

  it('GIVEN the backend’s ValidationError for a brief, THEN its message is turned back into the same field errors', () => {
    let message = '';
    try {
      const input = { name: good.name, type: good.type, objective: good.objective, channels: good.channels, targetAudience: 'x', budget: { amount: -1, currency: 'USD' }, launchDate: '2027-07-01', endDate: '2027-06-01', approvers: ['not-an-email'] };
      briefFromInput(input, ME);
    } catch (error) {
      if (error instanceof ValidationError) message = `${error.message} (fields: ${error.fields.join(', ')})`;
    }
    const fields = fieldErrorsFromMessage(message);
    expect(Object.keys(fields ?? {}).sort()).toEqual(['approvers', 'budget.amount', 'endDate', 'targetAudience']);
    expect(fields?.endDate).toEqual(['must not be before launchDate']);
  });

  it('GIVEN a message that is not a field error, THEN none is invented', () => {
    expect(fieldErrorsFromMessage('An unexpected error occurred; see the function logs')).toBeUndefined();
    expect(fieldErrorsFromMessage('Invalid campaign input: no colon here')).toBeUndefined();
  });

  it('GIVEN a list typed by a person, THEN commas, semicolons and new lines separate it and blanks drop', () => {
    expect(splitList(' a@x.io,b@x.io;\n c@x.io ,, ')).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
  });
});
