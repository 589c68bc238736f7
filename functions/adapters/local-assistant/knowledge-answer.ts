// Answers a knowledge question from retrieved passages in the assistant's own
// words: for "what are the steps / phases" the document's phases in order,
// each summarised from its checklist; otherwise the two or three statements
// that best match the question, cleaned of Markdown, each document cited.
// Retrieval is the agent port's (the same index the planner uses locally).
import type { Citation } from '../../domain/citation.ts';
import type { Passage } from '../../ports/agent.ts';

export interface KnowledgeReply {
  readonly text: string;
  readonly citations: Citation[];
}

const STEPS = /\b(?:steps?|phases?|stages?|process|checklist|workflow|how do (?:i|we|you)|how to|what do (?:i|we) (?:need|have) to do|in what order)\b/i;
const STOPWORDS = new Set(
  'a an and are as at be by can do does for from how i in is it its me my of on or our should the this to was we what when where which who why will with you your there their them they than that these those about into much many need does get give tell us'.split(' '),
);

export function isStepsQuestion(question: string): boolean {
  return STEPS.test(question);
}

/** Content words, crudely stemmed, so "launching" meets "launch" and "tiers" meets "tier". */
export function termsOf(text: string): string[] {
  return (text.toLowerCase().replace(/\be-mail/g, 'email').match(/[a-z0-9$%]+(?:-[a-z0-9]+)*/g) ?? [])
    .filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)))
    .map((w) => (w.length > 4 ? w.replace(/(?:ing|ed|es|s)$/, '') : w).slice(0, 6));
}

function documentTitle(p: Passage): string {
  return p.title.split(' — ')[0] ?? p.title;
}

function heading(p: Passage): string {
  return p.title.split(' — ')[1] ?? '';
}

function clean(line: string): string {
  return line
    .replace(/^\s*(?:[-*]\s*)?(?:\[[ x]\]\s*)?/, '')
    .replace(/^#+\s*/, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A passage as statements: a bullet with its wrapped lines, a table row as
 * "Header cell: value; …" (so "Tier 2" finds the tier-2 row), and a
 * paragraph's sentences. Hard-wrapped Markdown lines are joined first.
 */
function unitsOf(passage: Passage): string[] {
  const units: string[] = [];
  let header: string[] | undefined;
  let block: string[] = [];
  const flush = () => {
    if (block.length === 0) return;
    const text = clean(block.join(' '));
    block = [];
    if (text.length < 12) return;
    units.push(...(text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [text]).map((x) => x.trim()).filter((x) => x.length >= 12));
  };
  for (const raw of passage.text.split('\n')) {
    const line = raw.trim();
    if (!line || /^#/.test(line) || /^\|?\s*:?-{3,}/.test(line)) {
      flush();
      if (!line || /^#/.test(line)) header = undefined;
      continue;
    }
    if (line.startsWith('|')) {
      flush();
      const cells = line.split('|').map((c) => clean(c)).filter(Boolean);
      if (!header) header = cells;
      else units.push(cells.map((c, i) => (header?.[i] ? `${header[i]}: ${c}` : c)).join('; '));
      continue;
    }
    if (/^(?:[-*]|\d+\.)\s/.test(line)) flush();
    block.push(line);
  }
  flush();
  return units;
}

function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 20))}…`;
}

function withPeriod(s: string): string {
  return /[.!?:]$/.test(s) ? s : `${s}.`;
}

function citationOf(p: Passage): Citation {
  return { documentId: p.documentId, title: documentTitle(p) };
}

function unique(citations: Citation[]): Citation[] {
  return citations.filter((c, i) => citations.findIndex((x) => x.documentId === c.documentId) === i);
}

function stepsAnswer(question: string, passages: readonly Passage[]): KnowledgeReply | undefined {
  const top = passages[0];
  if (!top) return undefined;
  const phases = passages
    .filter((p) => p.documentId === top.documentId && /^(?:phase|step|stage)\s+\d+/i.test(heading(p)))
    .sort((a, b) => Number(/\d+/.exec(heading(a))?.[0]) - Number(/\d+/.exec(heading(b))?.[0]));
  if (phases.length < 2) return undefined;
  const lines = phases.map((p, i) => {
    const name = heading(p).replace(/^(?:phase|step|stage)\s+\d+\s*[:.-]\s*/i, '');
    const bold = [...p.text.matchAll(/\*\*([^*]{3,80})\*\*/g)].map((m) => m[1] ?? '');
    const subheadings = [...p.text.matchAll(/^###\s+(.+)$/gm)].map((m) => m[1] ?? '');
    const highlights = (bold.length > 0 ? bold : subheadings).map((h) => h.replace(/[.:]$/, '').toLowerCase()).slice(0, 4);
    const detail = highlights.length > 0 ? highlights.join('; ') : shorten(unitsOf(p)[0] ?? '', 160).replace(/[.]$/, '');
    return `${i + 1}. ${name}${detail ? ` — ${detail}` : ''}.`;
  });
  const subject = termsOf(question).length > 0 ? documentTitle(top) : 'the playbook';
  return {
    text: `Following the ${subject}, work through ${phases.length} phases in order:\n${lines.join('\n')}\n(Source: ${documentTitle(top)}.)`,
    citations: [citationOf(top)],
  };
}

function factAnswer(question: string, passages: readonly Passage[]): KnowledgeReply {
  const terms = new Set(termsOf(question));
  const numbers = [...terms].filter((t) => /^\d+$/.test(t));
  const quantity = /\bhow (?:much|many|long|often|soon)\b|\b(?:minimum|maximum|max|min|at least|at most|limit|length|size|number)\b/i.test(question);
  const scored = passages.flatMap((p, rank) => {
    // The untitled first section's "heading" is the document title: no evidence of a matching section.
    const headingOverlap = heading(p) === documentTitle(p) ? 0 : termsOf(heading(p)).filter((t) => terms.has(t)).length;
    return unitsOf(p).map((unit, order) => {
      const unitTerms = new Set(termsOf(unit));
      const overlap = [...unitTerms].filter((t) => terms.has(t)).length;
      const numberFit = numbers.length > 0 && numbers.every((n) => unitTerms.has(n)) ? 3 : 0;
      const quantityFit = quantity && /\d/.test(unit) ? 2 : 0;
      return { p, unit, score: overlap * 2 + headingOverlap * 1.5 + numberFit + quantityFit + (passages.length - rank) * 0.3 - order * 0.01 };
    });
  });
  scored.sort((a, b) => b.score - a.score);
  const chosen: typeof scored = [];
  for (const candidate of scored) {
    if (chosen.length >= 3) break;
    if (chosen.some((c) => c.unit === candidate.unit)) continue;
    if (chosen.length > 0 && candidate.score < (chosen[0]?.score ?? 0) * 0.5) break;
    chosen.push(candidate);
  }
  const byDocument = new Map<string, { p: Passage; units: string[] }>();
  for (const c of chosen) {
    const entry = byDocument.get(c.p.documentId) ?? { p: c.p, units: [] };
    entry.units.push(withPeriod(shorten(c.unit, 400)));
    byDocument.set(c.p.documentId, entry);
  }
  const paragraphs = [...byDocument.values()].map(({ p, units }) => `${units.join(' ')} (Source: ${documentTitle(p)}.)`);
  return { text: paragraphs.join('\n\n'), citations: unique([...byDocument.values()].map(({ p }) => citationOf(p))) };
}

/** Words too common in the playbooks to tell documents apart. */
const GENERIC = new Set(termsOf('campaign campaigns launch launching plan planning playbook'));

/**
 * Re-ranks retrieved passages by document: a document whose title names what
 * the question is about ("E-mail campaign checklist" for an e-mail question)
 * comes first, its passages in retrieval order. Stable otherwise.
 */
export function rankPassages(question: string, passages: readonly Passage[]): Passage[] {
  const terms = new Set(termsOf(question).filter((t) => !GENERIC.has(t)));
  const documentScore = new Map<string, number>();
  passages.forEach((p, rank) => {
    const titleHits = termsOf(documentTitle(p)).filter((t) => terms.has(t) && !GENERIC.has(t)).length;
    const headingHits = termsOf(heading(p)).filter((t) => terms.has(t)).length;
    const score = titleHits * 3 + headingHits + (passages.length - rank) / passages.length;
    documentScore.set(p.documentId, Math.max(documentScore.get(p.documentId) ?? 0, score) + (documentScore.has(p.documentId) ? 0.25 : 0));
  });
  return passages
    .map((p, rank) => ({ p, rank }))
    .sort((a, b) => (documentScore.get(b.p.documentId) ?? 0) - (documentScore.get(a.p.documentId) ?? 0) || a.rank - b.rank)
    .map(({ p }) => p);
}

/** The documents in the order the answer will use them. */
export function rankedDocuments(question: string, passages: readonly Passage[]): string[] {
  return [...new Set(rankPassages(question, passages).map((p) => p.documentId))];
}

export function knowledgeAnswer(question: string, retrieved: readonly Passage[]): KnowledgeReply {
  const passages = rankPassages(question, retrieved);
  if (passages.length === 0) {
    return { text: 'The playbooks say nothing about that. Ask me about tiers, lead times, channels, approvals or a campaign’s status.', citations: [] };
  }
  return (isStepsQuestion(question) ? stepsAnswer(question, passages) : undefined) ?? factAnswer(question, passages);
}
