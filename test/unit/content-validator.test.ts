// ContentValidator: each rule on the copy that breaks it, clean copy passing,
// the Flesch–Kincaid formula on hand-counted text, and properties over
// arbitrary content.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKS, MAX_READING_GRADE, validatePost, type CheckName } from '../../functions/domain/content-validator.ts';
import type { PostContent } from '../../functions/domain/post.ts';
import { countSyllables, fleschKincaid } from '../../functions/domain/readability.ts';
import type { Channel } from '../../functions/domain/vocabulary.ts';
import { CHANNEL_RULES } from '../../functions/knowledge/channel-rules.ts';

const CLEAN: PostContent = {
  title: 'Five checks before month end',
  body: 'Month end is stressful. Here are five checks to run before you close the books, whatever tool you use. Read the [month-end checklist](https://acme.example/checklist).',
  callToAction: 'Get the checklist',
};

function check(content: Partial<PostContent>, channel: Channel = 'BLOG') {
  const card = validatePost({ postId: 'p1', channel, content: { ...CLEAN, ...content } }, CHANNEL_RULES[channel]);
  const failing = Object.fromEntries(card.checks.filter((c) => !c.passed).map((c) => [c.check, c.findings])) as Partial<Record<CheckName, string[]>>;
  return { card, failing };
}

describe('validatePost', () => {
  it('GIVEN copy that follows the guideline THEN every check passes', () => {
    const { card, failing } = check({});
    expect(failing).toEqual({});
    expect(card.passed).toBe(true);
    expect(card.checks.map((c) => c.check)).toEqual([...CHECKS]);
  });

  it.each<[string, Partial<PostContent>, Channel, CheckName, RegExp]>([
    ['words to avoid', { body: 'A revolutionary, seamless way to close.' }, 'BLOG', 'brand-voice', /"revolutionary" is on the words-to-avoid list/],
    ['more than one exclamation mark', { body: 'Close faster! Start today!' }, 'BLOG', 'brand-voice', /more than one exclamation mark/],
    ['a superlative', { body: 'The fastest close platform there is.' }, 'BLOG', 'claims', /"fastest" needs legal approval/],
    ['a statistic without a source', { body: 'Teams close 40% faster with us.' }, 'BLOG', 'claims', /"40%" is a statistic without a source/],
    ['a security absolute', { body: 'Our platform is 100% compliant.' }, 'BLOG', 'claims', /100% compliant/],
    ['an X post over 280', { body: 'word '.repeat(60).trim() }, 'X', 'channel', /over the X limit of 280/],
    ['too many hashtags', { hashtags: ['#One', '#Two', '#Three'] }, 'X', 'channel', /allows at most 2/],
    ['e-mail without its three subject lines', { subjectLines: ['Only one', 'Two', 'Three'].slice(0, 2) as never }, 'EMAIL', 'channel', /needs exactly 3 subject lines/],
    ['a plain http link', { body: 'See [the guide](http://acme.example/guide).' }, 'BLOG', 'links', /is not https/],
    ['a bare IP host', { body: 'See [the guide](https://192.168.1.10/guide).' }, 'BLOG', 'links', /bare IP address/],
    ['a URL shortener', { body: 'See [the guide](https://bit.ly/abc).' }, 'LINKEDIN', 'links', /uses a URL shortener/],
    ['an image without alt text', { body: 'Our results: ![](https://acme.example/chart.png)' }, 'BLOG', 'alt-text', /no alt text/],
    ['alt text starting "Image of"', { body: '<img src="https://acme.example/a.png" alt="Image of a chart">' }, 'BLOG', 'alt-text', /starts with "Image of"/],
    ['"click here" link text', { body: 'For the guide, [click here](https://acme.example/guide).' }, 'BLOG', 'link-text', /"click here" does not say where it goes/],
    ['a bare URL in e-mail body copy', { body: 'Read it at https://acme.example/guide today.' }, 'BLOG', 'link-text', /bare URL in body copy/],
    ['all-caps shouting', { body: 'This is a LIMITED TIME offer for finance teams.' }, 'BLOG', 'all-caps', /all caps: "LIMITED TIME"/],
    [
      'long, polysyllabic sentences',
      { body: 'Organisations implementing comprehensive reconciliation methodologies consistently experience considerably accelerated institutional financial consolidation capabilities throughout multinational operational environments.' },
      'BLOG',
      'readability',
      /Flesch–Kincaid grade .* is above 12/,
    ],
  ])('GIVEN %s THEN %s fails with a finding that says why', (_label, content, channel, failingCheck, finding) => {
    const { card, failing } = check(content, channel);
    expect(card.passed).toBe(false);
    expect(failing[failingCheck]?.join('\n')).toMatch(finding);
  });

  it('keeps acronyms, bare URLs on social networks and sourced statistics', () => {
    expect(check({ body: 'We hold SOC 2 and report in USD. Teams closed 3x faster (source: 2025 customer survey).' }).failing).toEqual({});
    expect(check({ body: 'Five checks before month end https://acme.example/checklist' }, 'LINKEDIN').failing).toEqual({});
  });

  it('never throws, always reports every check, and passes exactly when every check does', () => {
    const text = fc.string({ maxLength: 400, unit: fc.constantFrom(...'aB !?.#[]()<>/:"\n1%xhttps://www.bit.ly'.split('')) });
    fc.assert(
      fc.property(fc.constantFrom<Channel>('EMAIL', 'BLOG', 'LINKEDIN', 'X', 'INSTAGRAM', 'FACEBOOK'), text, text, (channel, body, cta) => {
        const card = validatePost({ postId: 'p', channel, content: { body: body || 'x', callToAction: cta || 'Go' } }, CHANNEL_RULES[channel]);
        expect(card.checks.map((c) => c.check)).toEqual([...CHECKS]);
        expect(card.passed).toBe(card.checks.every((c) => c.passed && c.findings.length === 0));
        expect(card.readingGrade).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('Flesch–Kincaid grade', () => {
  it('is 0.39 × words/sentences + 11.8 × syllables/words − 15.59 on hand-counted text', () => {
    // 10 one-syllable words in one sentence: 0.39 × 10 + 11.8 × 1 − 15.59 = 0.11.
    expect(fleschKincaid('We use the tool to close the books each day.')).toEqual({ words: 10, sentences: 1, syllables: 10, grade: 0.1 });
    // 2 sentences of 3 words, 3+1+2 + 2+1+2 = 11 syllables: 0.39 × 3 + 11.8 × 11/6 − 15.59 = 7.21.
    expect(fleschKincaid('Computers help readers. Tables are stressful.')).toEqual({ words: 6, sentences: 2, syllables: 11, grade: 7.2 });
    expect(fleschKincaid('')).toEqual({ words: 0, sentences: 0, syllables: 0, grade: 0 });
  });

  it('counts syllables by vowel groups with a silent final e', () => {
    expect(['cat', 'close', 'reader', 'table', 'computer', 'stressful'].map(countSyllables)).toEqual([1, 1, 2, 2, 3, 2]);
  });

  it('keeps the threshold where the brand voice puts plain copy', () => {
    expect(MAX_READING_GRADE).toBe(12);
    expect(fleschKincaid(CLEAN.body).grade).toBeLessThan(MAX_READING_GRADE);
  });
});
