// The approval e-mail and pages rendered to files, as a browser or mail client
// would receive them, and checked for structure: hostile campaign text stays
// text, the links carry the token, the page's only style matches its CSP hash.
// (The headless-browser check comes with the end-to-end tier.)
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvalLinks, renderApprovalEmail } from '../../functions/approval/approval-email.ts';
import { closedPage, confirmationPage, errorPage, pageHeaders } from '../../functions/approval/approval-pages.ts';
import { previewPosts, summarizeCampaign } from '../../functions/approval/approval-view.ts';
import { renderExpiryEmail } from '../../functions/approval/expiry-email.ts';
import type { Approval } from '../../functions/domain/approval.ts';
import { aCampaign, NOW } from '../support/fixtures.ts';
import { aPost } from '../support/posts.ts';

const HOSTILE = `Launch <script>alert("x")</script> & "quotes" 'too'`;
const campaign = aCampaign({ brief: { name: HOSTILE, channels: ['EMAIL', 'LINKEDIN'] } });
const posts = previewPosts([
  aPost('cmp-1', 2, { status: 'FAILED', failureReason: 'Writer <timeout>', publishDate: '2027-02-20' }),
  aPost('cmp-1', 1, {
    status: 'GENERATED',
    channel: 'LINKEDIN',
    content: { title: 'Hello <b>finance</b>', body: `<img src=x onerror="alert(1)">\n${'long '.repeat(200)}`, callToAction: 'Register' },
  }),
]);
const summary = summarizeCampaign(campaign);
const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZXYtMCJ9.c2lnbmF0dXJl';
const out = mkdtempSync(join(tmpdir(), 'mcc-approval-render-'));
const saved = (name: string, content: string) => {
  const path = join(out, name);
  writeFileSync(path, content);
  return readFileSync(path, 'utf8');
};

function expectNoMarkupFrom(document: string) {
  expect(document).not.toMatch(/<script/i);
  expect(document).not.toMatch(/<img/i);
  expect(document).not.toContain('<b>finance');
  expect(document).toContain('Launch &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;');
}

describe('approval e-mail', () => {
  const email = renderApprovalEmail({ summary, posts, links: approvalLinks('https://approvals.example.com/', token), expiresAt: '2027-01-07T09:00:00.000Z' });
  const document = saved('approval-email.html', email.html);

  it('GIVEN hostile campaign text THEN the HTML shows it as text', () => {
    expectNoMarkupFrom(document);
    expect(document).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('THEN it has the summary, each post (the failed one named), and approve / reject links to the confirmation page', () => {
    expect(document.match(/<tr><th/g)).toHaveLength(7);
    for (const label of ['Tier', 'Objective', 'Budget', 'Dates', 'Channels']) expect(document).toContain(`>${label}</th>`);
    expect(document).toContain('$18,000');
    expect(document).toContain('EMAIL, LINKEDIN');
    expect(document).toContain('Posts (2, 1 failed)');
    expect(document.match(/class="post failed"/g)).toHaveLength(1);
    expect(document).toContain('Writer &lt;timeout&gt;');
    expect(document).toContain(`<a id="approve" href="https://approvals.example.com/approvals/${token}?decision=approve"`);
    expect(document).toContain(`<a id="reject" href="https://approvals.example.com/approvals/${token}?decision=reject"`);
    expect(document.indexOf('LINKEDIN</strong> · 2027-02-15')).toBeLessThan(document.indexOf('EMAIL</strong> · 2027-02-20'));
  });

  it('THEN the text part carries the same summary and links, and long drafts are cut', () => {
    expect(email.subject).toBe(`Approval needed: ${HOSTILE}`);
    expect(email.text).toContain(`Approve: https://approvals.example.com/approvals/${token}?decision=approve`);
    expect(email.text).toContain(`Reject: https://approvals.example.com/approvals/${token}?decision=reject`);
    expect(email.text).toContain('EMAIL on 2027-02-20 — FAILED');
    expect(email.text).toContain('…');
    expect(email.text.length).toBeLessThan(3000);
  });

  it('GIVEN the expiry notice THEN it is escaped and says the campaign is EXPIRED', () => {
    const notice = renderExpiryEmail(summary, '2027-01-07T09:00:00.000Z');
    const html = saved('expiry-email.html', notice.html);
    expectNoMarkupFrom(html);
    expect(html).toContain('now EXPIRED');
    expect(notice.text).toContain('2027-01-07T09:00:00.000Z');
  });
});

describe('approval pages', () => {
  const page = confirmationPage({ summary, posts, approver: 'maria.lopez@example.com', expiresAt: '2027-01-07T09:00:00.000Z', preselected: 'approve' });
  const document = saved('confirmation-page.html', page.html);

  it('GIVEN hostile campaign text THEN the page shows it as text', () => expectNoMarkupFrom(document));

  it('THEN it has one POST form back to its own URL with a comment box and both buttons, the preselected one focused', () => {
    expect(document.match(/<form /g)).toHaveLength(1);
    expect(document).toContain('<form method="post" id="decision">');
    expect(document).not.toMatch(/<form[^>]*action=/);
    expect(document).toContain('<textarea id="comment" name="comment" maxlength="4000"></textarea>');
    expect(document).toContain('<button type="submit" name="decision" value="approve" class="approve chosen" autofocus>Approve</button>');
    expect(document).toContain('<button type="submit" name="decision" value="reject" class="reject">Reject</button>');
    expect(document).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it("THEN its only style block matches the CSP's hash, and nothing else may load", () => {
    const styles = [...document.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0] ?? '').digest('base64');
    const csp = pageHeaders('https://approvals.example.com')['content-security-policy'];
    expect(csp).toBe(`default-src 'none'; style-src 'sha256-${hash}'; form-action 'self' https://approvals.example.com; frame-ancestors 'none'; base-uri 'none'`);
    expect(document).not.toMatch(/ style=/);
    expect(document).not.toMatch(/<(script|iframe|object|embed|link)\b/i);
  });

  it('GIVEN a decided approval THEN the closed page shows the recorded outcome, escaped, and no form', () => {
    const approval: Approval = {
      approvalId: 'rev-0',
      tenantId: 'acme',
      campaignId: 'cmp-1',
      approvers: ['maria.lopez@example.com'],
      taskToken: 't',
      status: 'DECIDED',
      revision: 0,
      createdAt: NOW.toISOString(),
      expiresAt: '2027-01-07T09:00:00.000Z',
      decision: 'REJECTED',
      decidedBy: 'maria.lopez@example.com',
      decidedAt: NOW.toISOString(),
      comment: '"><script>alert(1)</script>',
    };
    const closed = closedPage(approval, HOSTILE, 409);
    const html = saved('closed-page.html', closed.html);
    expect(closed.status).toBe(409);
    expect(html).toContain(`Rejected by maria.lopez@example.com at ${NOW.toISOString()}`);
    expect(html).toContain('Comment: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<form/i);
  });

  it('GIVEN an error THEN the page is escaped too', () => {
    const html = saved('error-page.html', errorPage(400, 'Bad <link>', 'No <b>markup</b>').html);
    expect(html).toContain('<h1>Bad &lt;link&gt;</h1>');
    expect(html).not.toContain('<b>');
  });
});
