// The confirmation page's form, as API Gateway delivers it: an
// application/x-www-form-urlencoded body (base64-encoded or not) with exactly
// one `decision` (approve | reject), at most one `comment`, and the per-post
// review fields (post-review-form.ts).
import type { Decision } from '../domain/approval.ts';
import { DomainError, ValidationError } from '../domain/errors.ts';
import { parseReviewFields, type FormReview } from './post-review-form.ts';

/** A comment and a few edited posts fit comfortably; anything bigger is not from our page. */
export const MAX_FORM_BYTES = 131_072;
export const MAX_COMMENT_LENGTH = 4000;

export class UnsupportedFormError extends DomainError {
  readonly code: 'PayloadTooLarge' | 'UnsupportedMediaType';
  readonly status: 413 | 415;
  constructor(status: 413 | 415, message: string) {
    super(message);
    this.status = status;
    this.code = status === 413 ? 'PayloadTooLarge' : 'UnsupportedMediaType';
  }
}

export interface DecisionForm {
  readonly decision: Decision;
  readonly comment?: string;
  readonly posts?: readonly FormReview[];
}

export interface RawForm {
  readonly contentType: string | undefined;
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
}

const DECISIONS: Readonly<Record<string, Decision>> = { approve: 'APPROVED', reject: 'REJECTED' };

export function parseDecisionForm({ contentType, body, isBase64Encoded }: RawForm): DecisionForm {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw new UnsupportedFormError(415, 'The decision must be sent as a form (application/x-www-form-urlencoded)');
  }
  const raw = body ?? '';
  if ((isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw)) > MAX_FORM_BYTES) {
    throw new UnsupportedFormError(413, 'The form is too large');
  }
  const params = new URLSearchParams(isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw);
  const decisions = params.getAll('decision');
  const comments = params.getAll('comment');
  const issues = [];
  const decision = decisions.length === 1 ? DECISIONS[decisions[0] ?? ''] : undefined;
  if (!decision) issues.push({ field: 'decision', message: 'must be exactly one of approve or reject' });
  if (comments.length > 1) issues.push({ field: 'comment', message: 'must be given at most once' });
  const comment = comments[0]?.trim() ?? '';
  if (comment.length > MAX_COMMENT_LENGTH) issues.push({ field: 'comment', message: `must be at most ${MAX_COMMENT_LENGTH} characters` });
  if (issues.length > 0 || !decision) throw new ValidationError('decision form', issues);
  const posts = parseReviewFields(params);
  return { decision, ...(comment ? { comment } : {}), ...(posts.length ? { posts } : {}) };
}
