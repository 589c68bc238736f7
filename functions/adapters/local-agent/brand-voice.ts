// Mechanical brand-voice rules from guidelines/brand-voice.md that a
// deterministic writer can apply: the words to avoid (replaced, since briefs
// quote marketers who use them), one exclamation mark at most, CamelCase
// hashtags and sentence-case headlines.

/** The guideline's "words to avoid", with the plain word the writer uses instead. */
export const WORDS_TO_AVOID: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwe(?:'re| are) excited to announce\b/gi, 'here is'],
  [/\brevolutionary\b/gi, 'new'],
  [/\bgame-changing\b/gi, 'measurable'],
  [/\bbest-in-class\b/gi, 'proven'],
  [/\bworld-class\b/gi, 'proven'],
  [/\bsynergy\b/gi, 'working together'],
  [/\bleverag(e|es|ed|ing)\b/gi, 'us$1'],
  [/\bcutting-edge\b/gi, 'new'],
  [/\bnext-generation\b/gi, 'new'],
  [/\bseamlessly\b/gi, 'smoothly'],
  [/\bseamless\b/gi, 'connected'],
  [/\brobust\b/gi, 'dependable'],
  [/\butiliz(e|es|ed|ing)\b/gi, 'us$1'],
  [/\bempower(s|ed|ing)?\b/gi, 'help$1'],
  [/\bdisruptive\b/gi, 'new'],
  [/\bdisrupt(s|ed|ing)?\b/gi, 'change$1'],
  [/\bunlock(s|ed|ing)?\b/gi, 'open$1'],
  [/\bsupercharg(e|es|ed|ing)\b/gi, 'boost'],
];

export function applyBrandVoice(text: string): string {
  let out = WORDS_TO_AVOID.reduce((t, [pattern, plain]) => t.replace(pattern, plain), text);
  // One exclamation mark per piece at most: keep the first.
  let seen = false;
  out = out.replace(/!/g, () => (seen ? '.' : ((seen = true), '!')));
  return out;
}

/** Words of the guideline's avoid list still present in `text` (empty when clean). */
export function brandVoiceViolations(text: string): string[] {
  const found = WORDS_TO_AVOID.flatMap(([pattern]) => text.match(new RegExp(pattern.source, 'gi')) ?? []);
  // `<!--` opens the blog template's metadata comment, not a sentence.
  if ((text.replace(/<!--/g, '').match(/!/g) ?? []).length > 1) found.push('more than one exclamation mark');
  return found;
}

/** `#CamelCase` from free text: letters and digits only, as the hashtag rules require. */
export function hashtag(text: string, maxChars = 30): string {
  const words = text.normalize('NFKD').replace(/[^A-Za-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);
  const camel = words.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('');
  return `#${(camel || 'Campaign').slice(0, maxChars)}`;
}

export function sentenceCase(text: string): string {
  const trimmed = text.trim();
  return trimmed ? (trimmed[0] ?? '').toUpperCase() + trimmed.slice(1) : trimmed;
}

/** Cuts at a word boundary so the result fits `max` characters, without a dangling ellipsis. */
export function fitWords(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if ([...clean].length <= max) return clean;
  const cut = clean.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : clean.slice(0, max)).replace(/[\s,;:–-]+$/, '');
}

export function slugOf(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'campaign'
  );
}
