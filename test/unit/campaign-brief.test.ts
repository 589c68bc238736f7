import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CAMPAIGN_DAYS, parseBrief } from '../../functions/domain/campaign-brief.ts';
import { addDays } from '../../functions/domain/calendar.ts';
import { aBrief } from '../support/fixtures.ts';
import { validationErrorFrom } from './expect-validation-error.ts';

const refusalOf = (input: unknown) => validationErrorFrom(() => parseBrief(input));

const REQUIRED_KEYS = Object.keys(aBrief());

describe('parseBrief: a valid brief', () => {
  it('GIVEN a valid brief WHEN parsed THEN returns the same brief', () => {
    expect(parseBrief(aBrief())).toEqual(aBrief());
  });

  it('GIVEN free-text fields with surrounding whitespace WHEN parsed THEN returns them trimmed', () => {
    const parsed = parseBrief(
      aBrief({ name: '  Spring webinar \n', objective: '\t Grow registrations by 20% ', audience: '  Finance leaders  ' }),
    );
    expect(parsed.name).toBe('Spring webinar');
    expect(parsed.objective).toBe('Grow registrations by 20%');
    expect(parsed.audience).toBe('Finance leaders');
  });

  it(`GIVEN an end date exactly ${MAX_CAMPAIGN_DAYS} days after launch WHEN parsed THEN it is accepted`, () => {
    const brief = aBrief({ launchDate: '2027-01-01', endDate: addDays('2027-01-01', MAX_CAMPAIGN_DAYS) });
    expect(parseBrief(brief).endDate).toBe('2028-01-02');
  });

  it('GIVEN a one-word objective such as "Awareness" WHEN parsed THEN it is accepted (a build needs an objective, not a long one)', () => {
    expect(parseBrief(aBrief({ objective: 'Awareness' })).objective).toBe('Awareness');
  });

  it('GIVEN a single-day campaign (endDate = launchDate) WHEN parsed THEN it is accepted', () => {
    expect(parseBrief(aBrief({ launchDate: '2027-03-01', endDate: '2027-03-01' })).endDate).toBe('2027-03-01');
  });
});

describe('parseBrief: one bad field', () => {
  const withoutRequestedBy: Record<string, unknown> = { ...aBrief() };
  delete withoutRequestedBy.requestedBy;

  const cases: { what: string; input: unknown; field: string }[] = [
    { what: 'a name shorter than 3 characters', input: aBrief({ name: 'ab' }), field: 'name' },
    { what: 'a name that is only 2 characters once trimmed', input: aBrief({ name: '   ab   ' }), field: 'name' },
    { what: 'an unknown campaign type', input: { ...aBrief(), type: 'NEWSLETTER' }, field: 'type' },
    { what: 'a blank objective', input: aBrief({ objective: '  \t ' }), field: 'objective' },
    { what: 'a negative budget', input: aBrief({ budget: { amount: -1, currency: 'USD' } }), field: 'budget.amount' },
    { what: 'a zero budget', input: aBrief({ budget: { amount: 0, currency: 'USD' } }), field: 'budget.amount' },
    { what: 'an infinite budget', input: aBrief({ budget: { amount: Infinity, currency: 'USD' } }), field: 'budget.amount' },
    { what: 'a NaN budget', input: aBrief({ budget: { amount: Number.NaN, currency: 'USD' } }), field: 'budget.amount' },
    { what: 'an unknown currency', input: { ...aBrief(), budget: { amount: 1_000, currency: 'JPY' } }, field: 'budget.currency' },
    { what: 'an unknown key inside budget', input: { ...aBrief(), budget: { amount: 1_000, currency: 'USD', tax: 0 } }, field: 'budget' },
    { what: 'no channels', input: aBrief({ channels: [] }), field: 'channels' },
    { what: 'a repeated channel', input: aBrief({ channels: ['EMAIL', 'BLOG', 'EMAIL'] }), field: 'channels' },
    { what: 'an unknown channel', input: { ...aBrief(), channels: ['EMAIL', 'TIKTOK'] }, field: 'channels.1' },
    { what: 'a launch date not in YYYY-MM-DD form', input: aBrief({ launchDate: '15/02/2027' }), field: 'launchDate' },
    { what: 'an end date that does not exist (Feb 30)', input: aBrief({ endDate: '2027-02-30' }), field: 'endDate' },
    { what: 'an end date before the launch date', input: aBrief({ launchDate: '2027-02-15', endDate: '2027-02-14' }), field: 'endDate' },
    {
      what: `a window of ${MAX_CAMPAIGN_DAYS + 1} days`,
      input: aBrief({ launchDate: '2027-01-01', endDate: addDays('2027-01-01', MAX_CAMPAIGN_DAYS + 1) }),
      field: 'endDate',
    },
    { what: 'an approver that is not an e-mail address', input: aBrief({ approvers: ['ok@example.com', 'maria.lopez'] }), field: 'approvers.1' },
    {
      what: 'the same approver twice in different case',
      input: aBrief({ approvers: ['Maria.Lopez@example.com', 'maria.lopez@EXAMPLE.com'] }),
      field: 'approvers',
    },
    { what: 'no requestedBy', input: withoutRequestedBy, field: 'requestedBy' },
  ];

  it.each(cases)('GIVEN $what WHEN parsed THEN a ValidationError names $field', ({ input, field }) => {
    const error = refusalOf(input);
    expect(error.fields).toEqual([field]);
    expect(error.message).toContain(field);
  });

  it('GIVEN an unknown top-level key (the schema is strict) WHEN parsed THEN a ValidationError names that key', () => {
    const error = refusalOf({ ...aBrief(), priority: 'high' });
    // zod reports unknown keys against the object that holds them, here the root.
    expect(error.fields).toEqual(['(root)']);
    expect(error.message).toContain('priority');
  });

  it('GIVEN anything but an object WHEN parsed THEN a ValidationError is thrown', () => {
    for (const input of [null, undefined, 'brief', 42, []]) {
      expect(refusalOf(input).fields).toEqual(['(root)']);
    }
  });
});

describe('parseBrief: several bad fields', () => {
  it('GIVEN a bad name, budget amount and end date WHEN parsed THEN one ValidationError names all three', () => {
    const error = refusalOf(aBrief({ name: 'ab', budget: { amount: -5, currency: 'USD' }, endDate: '2027-01-01' }));
    expect(error.fields.toSorted()).toEqual(['budget.amount', 'endDate', 'name']);
    for (const field of ['name', 'budget.amount', 'endDate']) expect(error.message).toContain(`${field}:`);
  });

  it('GIVEN any one required key deleted WHEN parsed THEN a ValidationError names that key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REQUIRED_KEYS), (key) => {
        const brief: Record<string, unknown> = { ...aBrief() };
        delete brief[key];
        expect(refusalOf(brief).fields).toContain(key);
      }),
    );
  });

  it('GIVEN any non-empty set of required keys deleted WHEN parsed THEN the ValidationError names every one of them', () => {
    fc.assert(
      fc.property(fc.subarray(REQUIRED_KEYS, { minLength: 1 }), (keys) => {
        const brief: Record<string, unknown> = { ...aBrief() };
        for (const key of keys) delete brief[key];
        const fields = refusalOf(brief).fields;
        for (const key of keys) expect(fields).toContain(key);
      }),
    );
  });
});
