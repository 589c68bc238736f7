// Plausible briefs in events are accepted: the case of enum values is
// normalised (the original schema used lower case), a short objective is
// enough; GraphQL input stays strict.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEventBrief } from '../../functions/domain/event-brief.ts';
import { briefFromInput } from '../../functions/use-cases/create-campaign.ts';
import { parseBuildRequest } from '../../functions/use-cases/save-campaign.ts';
import { briefArbitrary } from '../support/briefs.ts';
import { aBrief } from '../support/fixtures.ts';
import { validationErrorFrom } from './expect-validation-error.ts';

/** The same word with each letter's case chosen by `flips`. */
const recase = (word: string, flips: readonly boolean[]) => [...word].map((c, i) => (flips[i % flips.length] ? c.toLowerCase() : c)).join('');
const flipsArbitrary = fc.array(fc.boolean(), { minLength: 1, maxLength: 16 });

describe('a brief in a Campaign Build Requested event', () => {
  it('is the same brief whatever the case of its type, channels and currency', () => {
    fc.assert(
      fc.property(briefArbitrary, flipsArbitrary, (brief, flips) => {
        const sent = {
          ...brief,
          type: recase(brief.type, flips),
          channels: brief.channels.map((c) => recase(c, flips)),
          budget: { ...brief.budget, currency: recase(brief.budget.currency, flips) },
        };
        expect(parseBuildRequest({ tenantId: 'acme', brief: sent }).brief).toEqual(brief);
      }),
    );
  });

  it('accepts the briefs the issue names: type "content", channels ["blog"], objective "Awareness"', () => {
    const sent = { ...aBrief(), type: 'content', channels: ['blog'], objective: 'Awareness' };
    expect(parseBuildRequest({ tenantId: 'acme', brief: sent }).brief).toMatchObject({ type: 'CONTENT', channels: ['BLOG'], objective: 'Awareness' });
  });

  it('still refuses a value that is no member in any case, naming the field', () => {
    const error = validationErrorFrom(() => parseBuildRequest({ tenantId: 'acme', brief: { ...aBrief(), channels: ['email', 'tiktok'], type: 7 } }));
    expect(error.fields.sort()).toEqual(['detail.brief.channels.1', 'detail.brief.type']);
  });

  it('leaves everything but the closed vocabularies as sent', () => {
    const brief = { ...aBrief(), name: 'lower case name', audience: 'cfos' };
    expect(normaliseEventBrief(brief)).toMatchObject({ name: 'lower case name', audience: 'cfos' });
    expect(normaliseEventBrief('not a brief')).toBe('not a brief');
    expect(normaliseEventBrief(null)).toBeNull();
  });
});

describe('GraphQL input', () => {
  it('keeps enum values strict, as the GraphQL spec has them', () => {
    const { audience, ...rest } = aBrief();
    const error = validationErrorFrom(() => briefFromInput({ ...rest, targetAudience: audience, type: 'content' }, undefined));
    expect(error.fields).toEqual(['type']);
  });
});
