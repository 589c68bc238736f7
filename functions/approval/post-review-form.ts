// Per-post review on the confirmation page: for each drafted post, approve,
// reject (it will be regenerated) or approve with the approver's own text,
// each with an optional comment; and the automated checks' scorecard. Plain
// form fields, no scripts: `review.<postId>`, `note.<postId>`, `body.<postId>`.
import type { PostScorecard } from '../domain/content-validator.ts';
import { ValidationError, type FieldIssue } from '../domain/errors.ts';
import type { PostVerdict } from '../domain/stage-decision.ts';
import { Id } from '../domain/vocabulary.ts';
import { html, type Html } from './html.ts';

export const MAX_POST_NOTE = 2000;
export const MAX_EDITED_BODY = 20_000;

/** A post review as the form sends it; an edit carries only the new body, the rest of the post stays. */
export interface FormReview {
  readonly postId: string;
  readonly verdict: PostVerdict;
  readonly comment?: string;
  readonly body?: string;
}

const VERDICTS: Readonly<Record<string, PostVerdict>> = { approve: 'APPROVED', reject: 'REJECTED', edit: 'EDITED' };

/** The review controls of one post, for inside the decision form. */
export function reviewFields(postId: string): Html {
  const id = (kind: string) => `${kind}-${postId}`;
  return html`<fieldset class="review"><legend>Your review of this post</legend>
<input type="radio" id="${id('ra')}" name="review.${postId}" value="approve" checked><label for="${id('ra')}">Approve</label>
<input type="radio" id="${id('rr')}" name="review.${postId}" value="reject"><label for="${id('rr')}">Reject (regenerate it)</label>
<input type="radio" id="${id('re')}" name="review.${postId}" value="edit"><label for="${id('re')}">Approve with my text</label>
<label for="${id('n')}">Comment on this post (optional)</label>
<input type="text" id="${id('n')}" name="note.${postId}" maxlength="${MAX_POST_NOTE}">
<label for="${id('b')}">My text for this post (used with "Approve with my text")</label>
<textarea id="${id('b')}" name="body.${postId}" maxlength="${MAX_EDITED_BODY}"></textarea>
</fieldset>`;
}

/** The automated checks of one post, as the approver reads them. */
export function scorecardBlock(card: PostScorecard | undefined): Html | '' {
  if (!card) return '';
  const failing = card.checks.filter((c) => !c.passed);
  if (failing.length === 0) return html`<p class="checks pass">Automated checks: all ${card.checks.length} passed (reading grade ${card.readingGrade}).</p>`;
  return html`<div class="checks fail"><p>Automated checks: ${failing.length} of ${card.checks.length} need attention (reading grade ${card.readingGrade}).</p>
<ul>${failing.map((c) => html`<li><strong>${c.check}</strong>: ${c.findings.join('; ')}</li>`)}</ul></div>`;
}

/**
 * The post reviews in a submitted form. Approvals without a comment are the
 * default and are left out; a post field given twice, an unknown verdict, an
 * edit without text or over-long text is refused, naming the field.
 */
export function parseReviewFields(params: URLSearchParams): FormReview[] {
  const issues: FieldIssue[] = [];
  const byPost = new Map<string, { verdict?: string; note?: string; body?: string }>();
  for (const name of new Set(params.keys())) {
    const match = /^(review|note|body)\.(.+)$/.exec(name);
    if (!match) continue;
    const [, kind, postId] = match as unknown as [string, 'review' | 'note' | 'body', string];
    if (!Id.safeParse(postId).success) {
      issues.push({ field: name, message: 'names no post' });
      continue;
    }
    const values = params.getAll(name);
    if (values.length > 1) issues.push({ field: name, message: 'must be given at most once' });
    const entry = byPost.get(postId) ?? {};
    entry[kind === 'review' ? 'verdict' : kind] = values[0]?.trim() ?? '';
    byPost.set(postId, entry);
  }
  const reviews: FormReview[] = [];
  for (const [postId, entry] of byPost) {
    const verdict = VERDICTS[entry.verdict ?? 'approve'];
    if (!verdict) {
      issues.push({ field: `review.${postId}`, message: 'must be approve, reject or edit' });
      continue;
    }
    if ((entry.note?.length ?? 0) > MAX_POST_NOTE) issues.push({ field: `note.${postId}`, message: `must be at most ${MAX_POST_NOTE} characters` });
    if ((entry.body?.length ?? 0) > MAX_EDITED_BODY) issues.push({ field: `body.${postId}`, message: `must be at most ${MAX_EDITED_BODY} characters` });
    if (verdict === 'EDITED' && !entry.body) issues.push({ field: `body.${postId}`, message: 'must hold your text when you choose "Approve with my text"' });
    if (verdict === 'APPROVED' && !entry.note) continue;
    reviews.push({
      postId,
      verdict,
      ...(entry.note ? { comment: entry.note } : {}),
      ...(verdict === 'EDITED' && entry.body ? { body: entry.body } : {}),
    });
  }
  if (issues.length > 0) throw new ValidationError('post reviews', issues);
  return reviews;
}
