// Flesch–Kincaid grade level (Kincaid, Fishburne, Rogers & Chissom, 1975,
// "Derivation of new readability formulas … for Navy enlisted personnel",
// Research Branch Report 8-75):
//   grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
// Syllables are counted by the usual vowel-group heuristic (a silent final
// "e" dropped, at least one per word), which is what readability tools use
// when no pronouncing dictionary is at hand. Implemented here rather than
// taken from a package: the formula is one line, and the packages that carry
// it also ship dictionaries far larger than a Lambda bundle should.

export interface Readability {
  readonly words: number;
  readonly sentences: number;
  readonly syllables: number;
  /** US school grade; 0 for text without words. */
  readonly grade: number;
}

const WORD = /[A-Za-z][A-Za-z'’-]*/g;

export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

export function fleschKincaid(text: string): Readability {
  // URLs, hashtags and markup are not prose.
  const prose = text.replace(/https?:\/\/\S+/g, ' ').replace(/#\w+/g, ' ').replace(/<[^>]*>/g, ' ');
  const words = prose.match(WORD) ?? [];
  if (words.length === 0) return { words: 0, sentences: 0, syllables: 0, grade: 0 };
  // A sentence ends at . ! ? or a line break between non-empty lines (headings, list items).
  const sentences = Math.max(1, prose.split(/[.!?]+(?=\s|$)|\n+/).filter((s) => /[A-Za-z]/.test(s)).length);
  const syllables = words.reduce((n, w) => n + countSyllables(w), 0);
  const grade = 0.39 * (words.length / sentences) + 11.8 * (syllables / words.length) - 15.59;
  return { words: words.length, sentences, syllables, grade: Math.round(Math.max(0, grade) * 10) / 10 };
}
