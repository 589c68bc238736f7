// The e-mail reminding an approver who has not decided yet: how long is left,
// and fresh personal links (the first e-mail's links keep working too: both
// name the same approval).
import type { ApprovalLinks, RenderedEmail } from './approval-email.ts';
import type { CampaignSummary } from './approval-view.ts';
import { summaryRows } from './approval-view.ts';
import { html } from './html.ts';

export interface ReminderEmailInput {
  readonly summary: CampaignSummary;
  readonly links: ApprovalLinks;
  readonly expiresAt: string;
}

const button = (color: string) =>
  `display:inline-block;padding:10px 20px;margin-right:12px;border-radius:4px;color:#ffffff;background:${color};text-decoration:none;font-weight:bold;`;

export function renderReminderEmail({ summary, links, expiresAt }: ReminderEmailInput): RenderedEmail {
  const subject = `Reminder: approval needed for ${summary.name}`.slice(0, 200);
  const body = html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:680px;">
<h1 style="font-size:20px;">${subject}</h1>
<p>This campaign is still waiting for your decision. The request expires at ${expiresAt}; after that the campaign cannot go ahead.</p>
<table role="presentation" id="summary">
${summaryRows(summary).map(([label, value]) => html`<tr><th style="text-align:left;padding-right:12px;">${label}</th><td>${value}</td></tr>\n`)}
</table>
<p style="margin-top:24px;">
<a id="review" href="${links.review}" style="${button('#1b5e9f')}">Review the posts</a>
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
    `This campaign is still waiting for your decision. The request expires at ${expiresAt}.`,
    '',
    ...summaryRows(summary).map(([label, value]) => `${label}: ${value}`),
    '',
    `Review: ${links.review}`,
    `Approve: ${links.approve}`,
    `Reject: ${links.reject}`,
  ].join('\n');
  return { subject, html: body.value, text };
}
