// The approval pages an approver's browser sees: the confirmation page (GET),
// the result of a decision, and every refusal. No scripts; the only style is
// one inline block allowed by its hash in the Content-Security-Policy; every
// value is escaped by the `html` builder.
import { createHash } from 'node:crypto';
import type { Approval } from '../domain/approval.ts';
import type { PostScorecard } from '../domain/content-validator.ts';
import type { StageDecision } from '../domain/stage-decision.ts';
import type { CampaignSummary, PostPreview } from './approval-view.ts';
import { reviewFields, scorecardBlock } from './post-review-form.ts';
import { summaryRows } from './approval-view.ts';
import { Html, html } from './html.ts';

export interface Page {
  readonly status: number;
  readonly html: string;
}

const STYLE = `body{font-family:system-ui,Arial,sans-serif;color:#1a1a1a;max-width:760px;margin:2rem auto;padding:0 1rem;line-height:1.45}
th{text-align:left;padding:.25rem 1rem .25rem 0;vertical-align:top}td{padding:.25rem 0;vertical-align:top}
.post{border-left:4px solid #1b5e9f;padding:.25rem 1rem;margin:1rem 0}.post.failed{border-color:#b3261e}
.body{white-space:pre-wrap}.note{color:#555}.outcome{font-size:1.2rem;font-weight:bold}
textarea{width:100%;min-height:6rem;font:inherit}
button{font:inherit;font-weight:bold;color:#fff;border:0;border-radius:4px;padding:.6rem 1.4rem;margin:1rem 1rem 0 0;cursor:pointer}
.approve{background:#1b7f3b}.reject{background:#b3261e}.chosen{outline:3px solid #1a1a1a;outline-offset:2px}
fieldset.review{border:1px solid #767676;margin:.5rem 0;padding:.5rem}fieldset.review label{margin-right:1rem}fieldset.review textarea,fieldset.review input[type=text]{display:block;width:100%;margin-bottom:.5rem}
.checks.pass{color:#1b5e20}.checks.fail{color:#8c1d18}.stage{font-weight:bold}`;

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/**
 * Headers every approval page carries. The form posts back to the page's own
 * URL; `formOrigin` (the APPROVAL_BASE_URL origin) is allowed as well, for a
 * page reached through another host name of the same API.
 */
export function pageHeaders(formOrigin?: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'${formOrigin ? ` ${formOrigin}` : ''}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}

function layout(title: string, content: Html): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`.value;
}

function summaryTable(summary: CampaignSummary): Html {
  return html`<table id="summary">
${summaryRows(summary).map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>\n`)}</table>`;
}

/** With `review`, each drafted post carries its review controls (the list then sits inside the decision form). */
function postList(posts: readonly PostPreview[], review?: { readonly scorecard: readonly PostScorecard[] }): Html {
  const failed = posts.filter((p) => p.failed).length;
  const cards = new Map((review?.scorecard ?? []).map((c) => [c.postId, c]));
  return html`<h2>Posts (${posts.length}${failed ? `, ${failed} failed` : ''})</h2>
${posts.map((post) =>
  post.failed
    ? html`<section class="post failed"><p><strong>${post.channel}</strong> · ${post.publishDate} · <strong>FAILED</strong></p><p>${post.failureReason}</p></section>\n`
    : html`<section class="post"><p><strong>${post.channel}</strong> · ${post.publishDate}${post.title ? html` · ${post.title}` : ''}</p>
${post.subjectLines ? html`<p>Subject lines: ${post.subjectLines.join(' | ')}</p>` : ''}<p class="body">${post.excerpt}</p>
${post.callToAction ? html`<p>Call to action: ${post.callToAction}</p>` : ''}${review ? html`${scorecardBlock(cards.get(post.postId))}${reviewFields(post.postId)}` : ''}</section>\n`,
)}`;
}

export interface ConfirmationInput {
  readonly summary: CampaignSummary;
  readonly posts: readonly PostPreview[];
  readonly approver: string;
  readonly expiresAt: string;
  readonly preselected?: 'approve' | 'reject';
  /** "Stage 2 of 3: Legal review — every approver must approve", when the campaign has stages. */
  readonly stage?: string;
  /** The automated checks per post; with it, every drafted post can be reviewed on its own. */
  readonly scorecard?: readonly PostScorecard[];
  /** Schedule conflicts of the campaign (execution, issue 15): their messages, or `unavailable` when they could not be checked. */
  readonly conflicts?: readonly string[] | 'unavailable';
}

function conflictList(conflicts: readonly string[] | 'unavailable' | undefined): Html | '' {
  if (conflicts === undefined) return '';
  if (conflicts === 'unavailable') return html`<p class="note">Schedule conflicts could not be checked just now.</p>`;
  if (conflicts.length === 0) return html`<p class="note">No schedule conflicts.</p>`;
  return html`<h2>Schedule conflicts (${conflicts.length})</h2>
<ul id="conflicts">${conflicts.map((c) => html`<li>${c}</li>`)}</ul>`;
}

/** GET: what the decision is about, and a form posting back to this same URL. Shows, never changes. */
export function confirmationPage({ summary, posts, approver, expiresAt, preselected, stage, scorecard, conflicts }: ConfirmationInput): Page {
  const chosen = (d: 'approve' | 'reject') => (preselected === d ? ' chosen' : '');
  const content = html`<h1>Review: ${summary.name}</h1>
${stage ? html`<p class="stage">${stage}</p>` : ''}<p class="note">This link was sent to ${approver} and records the decision in that name. The request expires at ${expiresAt}.</p>
${summaryTable(summary)}
${conflictList(conflicts)}
<form method="post" id="decision">
${postList(posts, { scorecard: scorecard ?? [] })}
<p class="note">Reject a post to have only that post regenerated; choose Reject below without rejecting any post to have every post regenerated.</p>
<label for="comment">Comment (optional; sent to the team with a rejection as revision guidance)</label>
<textarea id="comment" name="comment" maxlength="4000"></textarea>
${preselected ? html`<p class="note">You chose to ${preselected} from the e-mail. Confirm below.</p>` : ''}
<button type="submit" name="decision" value="approve" class="approve${chosen('approve')}"${preselected === 'approve' ? html` autofocus` : ''}>Approve</button>
<button type="submit" name="decision" value="reject" class="reject${chosen('reject')}"${preselected === 'reject' ? html` autofocus` : ''}>Reject</button>
</form>`;
  return { status: 200, html: layout(`Review: ${summary.name}`, content) };
}

function outcome(approval: Approval): Html {
  if (approval.status === 'EXPIRED') {
    return html`<p class="outcome">This approval request has expired.</p>${
      approval.decision ? html`<p>A decision (${approval.decision.toLowerCase()}) was recorded too late to take effect.</p>` : ''
    }`;
  }
  if (approval.status === 'PENDING') return html`<p class="outcome">No decision has been recorded yet.</p>`;
  return html`<p class="outcome">${approval.decision === 'APPROVED' ? 'Approved' : 'Rejected'} by ${approval.decidedBy} at ${approval.decidedAt}.</p>
${approval.comment ? html`<p>Comment: ${approval.comment}</p>` : ''}`;
}

/** After a POST that recorded the decision and passed it to the workflow. */
export function decidedPage(approval: Approval, campaignName: string): Page {
  return {
    status: 200,
    html: layout('Decision recorded', html`<h1>Decision recorded</h1><p>${campaignName}</p>${outcome(approval)}<p class="note">You can close this page.</p>`),
  };
}

/**
 * The decision is stored but the workflow could not be reached yet (issue 21).
 * The button posts again, which delivers the recorded decision — whichever button
 * the form would send, the recorded decision is the one that applies.
 */
export function recordedPage(approval: Approval, campaignName: string, status: 200 | 202 = 202): Page {
  const decision = approval.decision === 'REJECTED' ? 'reject' : 'approve';
  return {
    status,
    html: layout(
      'Decision recorded',
      html`<h1>Decision recorded</h1><p>${campaignName}</p>${outcome(approval)}<p class="note">Your decision is saved, but the campaign workflow could not be reached just now, so it has not moved on yet. You do not need to decide again: press the button below in a minute to hand the saved decision over.</p>
<form method="post" id="deliver"><button type="submit" name="decision" value="${decision}">Send my decision again</button></form>`,
    ),
  };
}

/** The link was used already, or the request expired: show what was recorded. GET answers 200, a second decision 409. */
export function closedPage(approval: Approval, campaignName: string, status: 200 | 409): Page {
  const title = approval.status === 'EXPIRED' ? 'Approval request expired' : 'Already decided';
  return { status, html: layout(title, html`<h1>${title}</h1><p>${campaignName}</p>${outcome(approval)}`) };
}

/** The decision could not take effect: the workflow had stopped waiting, or the campaign had moved on. */
export function expiredDecisionPage(approval: Approval, campaignName: string, campaignStatus: string): Page {
  return {
    status: 409,
    html: layout(
      'Approval request expired',
      html`<h1>Approval request expired</h1><p>${campaignName}</p><p class="outcome">The approval window had closed before your decision (${approval.decision?.toLowerCase() ?? 'none'}) reached the workflow, so it was not applied.</p><p>The campaign is now ${campaignStatus}.</p>`,
    ),
  };
}

// --- approvals (issue 16)

/** After a POST that counted the decision while the stage still waits for other approvers. */
export function countedPage(decision: StageDecision, campaignName: string, stage: string): Page {
  return {
    status: 200,
    html: layout(
      'Decision recorded',
      html`<h1>Decision recorded</h1><p>${campaignName}</p><p class="outcome">You ${decision.decision === 'APPROVED' ? 'approved' : 'rejected'} at ${decision.decidedAt}.</p><p>${stage}: the other approvers' decisions are still needed.</p><p class="note">You can close this page.</p>`,
    ),
  };
}

/** The approver had decided this stage already; their first decision stands. */
export function alreadyDecidedPage(decision: StageDecision, campaignName: string): Page {
  return {
    status: 409,
    html: layout(
      'Already decided',
      html`<h1>Already decided</h1><p>${campaignName}</p><p class="outcome">You ${decision.decision === 'APPROVED' ? 'approved' : 'rejected'} at ${decision.decidedAt}; that decision stands.</p>`,
    ),
  };
}

export function errorPage(status: number, title: string, message: string): Page {
  return { status, html: layout(title, html`<h1>${title}</h1><p>${message}</p>`) };
}
