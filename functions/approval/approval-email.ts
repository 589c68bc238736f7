// The e-mail asking an approver to decide: campaign summary, a preview of each
// post (failed ones named), and links to the confirmation page. Links only
// open the page; the decision is a POST from it, so mail scanners that follow
// links change nothing.
import type { CampaignSummary, PostPreview } from './approval-view.ts';
import { summaryRows } from './approval-view.ts';
import { html } from './html.ts';

export interface ApprovalLinks {
  readonly review: string;
  readonly approve: string;
  readonly reject: string;
}

export function approvalLinks(baseUrl: string, token: string): ApprovalLinks {
  const review = `${baseUrl.replace(/\/+$/, '')}/approvals/${token}`;
  return { review, approve: `${review}?decision=approve`, reject: `${review}?decision=reject` };
}

export interface ApprovalEmailInput {
  readonly summary: CampaignSummary;
  readonly posts: readonly PostPreview[];
  readonly links: ApprovalLinks;
  readonly expiresAt: string;
  /** Which sign-off this is, when the campaign goes through several ("stage 2 of 3: Legal review"). */
  readonly stage?: string;
}

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

const cell = 'padding:4px 12px 4px 0;vertical-align:top;';
const button = (color: string) =>
  `display:inline-block;padding:10px 20px;margin-right:12px;border-radius:4px;color:#ffffff;background:${color};text-decoration:none;font-weight:bold;`;

export function renderApprovalEmail({ summary, posts, links, expiresAt, stage }: ApprovalEmailInput): RenderedEmail {
  const failed = posts.filter((p) => p.failed);
  const subject = `Approval needed: ${summary.name}${stage ? ` (${stage})` : ''}`.slice(0, 200);
  const body = html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:680px;">
<h1 style="font-size:20px;">${subject}</h1>
<p>Please review the campaign and its posts, then approve or reject it. This request expires at ${expiresAt}.</p>
<table role="presentation" id="summary">
${summaryRows(summary).map(([label, value]) => html`<tr><th style="${cell}text-align:left;">${label}</th><td style="${cell}">${value}</td></tr>\n`)}
</table>
<h2 style="font-size:16px;">Posts (${posts.length}${failed.length ? `, ${failed.length} failed` : ''})</h2>
${posts.map((post) => postBlock(post))}
<p style="margin-top:24px;">
<a id="approve" href="${links.approve}" style="${button('#1b7f3b')}">Approve</a>
<a id="reject" href="${links.reject}" style="${button('#b3261e')}">Reject</a>
</p>
<p style="font-size:12px;color:#555555;">Each link opens a confirmation page; nothing is decided until you confirm there. The link is personal to you: do not forward this e-mail.</p>
</body>
</html>
`;
  const text = [
    subject,
    '',
    ...summaryRows(summary).map(([label, value]) => `${label}: ${value}`),
    '',
    `Posts (${posts.length}${failed.length ? `, ${failed.length} failed` : ''}):`,
    ...posts.flatMap((post) => [
      '',
      `- ${post.channel} on ${post.publishDate}${post.failed ? ' — FAILED' : ''}${post.title ? `: ${post.title}` : ''}`,
      ...(post.failed ? [`  ${post.failureReason ?? ''}`] : [post.excerpt ? `  ${post.excerpt.replace(/\s+/g, ' ')}` : '']),
    ]),
    '',
    `Approve: ${links.approve}`,
    `Reject: ${links.reject}`,
    '',
    `Each link opens a confirmation page; nothing is decided until you confirm there. This request expires at ${expiresAt}.`,
  ].join('\n');
  return { subject, html: body.value, text };
}

function postBlock(post: PostPreview) {
  if (post.failed) {
    return html`<div class="post failed" style="border-left:4px solid #b3261e;padding:4px 12px;margin:12px 0;">
<p><strong>${post.channel}</strong> · ${post.publishDate} · <strong>FAILED</strong></p>
<p>${post.failureReason}</p>
</div>
`;
  }
  return html`<div class="post" style="border-left:4px solid #1b5e9f;padding:4px 12px;margin:12px 0;">
<p><strong>${post.channel}</strong> · ${post.publishDate}${post.title ? html` · ${post.title}` : ''}</p>
${post.subjectLines ? html`<p>Subject lines: ${post.subjectLines.join(' | ')}</p>` : ''}
<p style="white-space:pre-wrap;">${post.excerpt}</p>
${post.callToAction ? html`<p>Call to action: ${post.callToAction}</p>` : ''}
</div>
`;
}
