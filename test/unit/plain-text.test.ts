// Control characters and direction overrides in a brief's text fields are
// refused with the field named (issue 21): a CR/LF in a campaign name would
// otherwise reach an e-mail subject. Line breaks stay allowed in the
// multi-line objective; ordinary text in any script passes untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBrief } from '../../functions/domain/campaign-brief.ts';
import { aBrief } from '../support/fixtures.ts';
import { validationErrorFrom } from './expect-validation-error.ts';

const CONTROLS = ['\r\n', '\n', '\r', '\t', '\u0000', '\u001b[31m', '\u007f', '\u0085', '\u202e', '\u2066', '\u2028'];
const controlChar = fc.constantFrom(...CONTROLS);
const words = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 ,.'&!-]{3,40}$/).filter((s) => s.trim().length >= 3);

describe('brief text fields', () => {
  it('GIVEN a control character or direction override anywhere in the name or audience THEN refused, naming the field', () => {
    fc.assert(
      fc.property(fc.constantFrom('name', 'audience'), words, controlChar, words, (field, before, bad, after) => {
        const error = validationErrorFrom(() => parseBrief(aBrief({ [field]: `${before}${bad}${after}` })));
        expect(error.issues.map((i) => i.field)).toEqual([field]);
        expect(error.issues[0]?.message).toContain('one line of text');
      }),
    );
  });

  it('GIVEN line breaks and tabs in the objective THEN kept; other controls refused', () => {
    expect(parseBrief(aBrief({ objective: 'Grow registrations by 20%\r\n\tand keep churn flat' })).objective).toBe('Grow registrations by 20%\r\n\tand keep churn flat');
    for (const bad of ['\u0000', '\u001b[2J', '\u202e', '\u0085']) {
      const error = validationErrorFrom(() => parseBrief(aBrief({ objective: `Grow registrations${bad} by 20%` })));
      expect(error.issues.map((i) => i.field)).toEqual(['objective']);
    }
  });

  it('GIVEN ordinary text in other scripts and emoji THEN accepted as typed', () => {
    for (const name of ['Lancement été 2027', 'Frühjahrs-Webinar', 'שיווק אביב', 'إطلاق الربيع', '春季发布会 🚀']) {
      expect(parseBrief(aBrief({ name })).name).toBe(name);
    }
  });
});
