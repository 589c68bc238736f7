// The e-mail telling the requester that nobody decided within the approval window.
import type { RenderedEmail } from './approval-email.ts';
import type { CampaignSummary } from './approval-view.ts';
import { summaryRows } from './approval-view.ts';
import { html } from './html.ts';

export function renderExpiryEmail(summary: CampaignSummary, expiredAt: string): RenderedEmail {
  const subject = `Approval window passed: ${summary.name}`.slice(0, 200);
  const body = html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:680px;">
<h1 style="font-size:20px;">${subject}</h1>
<p>No approver decided on this campaign before its approval window closed at ${expiredAt}. The campaign is now EXPIRED; submit the brief again to start a new build.</p>
<table role="presentation" id="summary">
${summaryRows(summary).map(([label, value]) => html`<tr><th style="text-align:left;padding-right:12px;">${label}</th><td>${value}</td></tr>\n`)}
</table>
</body>
</html>
`;
  const text = [
    subject,
    '',
    `No approver decided on this campaign before its approval window closed at ${expiredAt}.`,
    'The campaign is now EXPIRED; submit the brief again to start a new build.',
    '',
    ...summaryRows(summary).map(([label, value]) => `${label}: ${value}`),
  ].join('\n');
  return { subject, html: body.value, text };
}
