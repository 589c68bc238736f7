// The review page as an approver's browser meets it, in headless Chromium:
// stage, scorecard and per-post review controls pass axe's accessibility
// rules, and what the browser submits for a rejected and an edited post is
// what the form parser turns into post reviews.
import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmationPage } from '../../functions/approval/approval-pages.ts';
import { previewPosts, summarizeCampaign } from '../../functions/approval/approval-view.ts';
import { parseDecisionForm } from '../../functions/approval/decision-form.ts';
import { validatePost } from '../../functions/domain/content-validator.ts';
import { CHANNEL_RULES } from '../../functions/knowledge/channel-rules.ts';
import { launchChromium } from '../support/browser.ts';
import { aCampaign } from '../support/fixtures.ts';
import { aPost } from '../support/posts.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const drafted = [
  aPost('cmp-1', 1, { status: 'GENERATED', channel: 'LINKEDIN', content: { title: 'Five checks', body: 'Month end is stressful. Here are five checks to run.', callToAction: 'Get the checklist' } }),
  aPost('cmp-1', 2, { status: 'GENERATED', channel: 'LINKEDIN', content: { body: 'The FASTEST close ever: http://bit.ly/x', callToAction: 'Click here' } }),
  aPost('cmp-1', 3, { status: 'FAILED', failureReason: 'The writer timed out' }),
];
const scorecard = drafted.flatMap((p) => (p.content ? [validatePost({ postId: p.postId, channel: p.channel, content: p.content }, CHANNEL_RULES[p.channel])] : []));
const page = confirmationPage({
  summary: summarizeCampaign(aCampaign({ brief: { type: 'PRODUCT_LAUNCH', channels: ['LINKEDIN'] } })),
  posts: previewPosts(drafted),
  approver: 'lee@acme.example',
  expiresAt: '2027-01-07T09:00:00.000Z',
  stage: 'Stage 2 of 3: Legal review (every approver must approve)',
  scorecard,
});

describe('the review page in Chromium', () => {
  it('shows the stage, each post’s scorecard and review controls, and has no axe violations', async () => {
    const tab = await browser.newPage();
    try {
      await tab.setContent(page.html);
      expect(await tab.textContent('p.stage')).toBe('Stage 2 of 3: Legal review (every approver must approve)');
      expect(await tab.locator('fieldset.review').count()).toBe(2);
      expect(await tab.textContent('section.post:nth-of-type(1) .checks')).toContain('all 8 passed');
      const failing = await tab.textContent('section.post:nth-of-type(2) .checks');
      expect(failing).toMatch(/claims.*"fastest" needs legal approval/s);
      expect(failing).toMatch(/links.*URL shortener/s);
      await tab.addScriptTag({ content: axe.source });
      // A string, evaluated in the page: the test's own TypeScript has no DOM types.
      const results = (await tab.evaluate('window.axe.run(document)')) as axe.AxeResults;
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('submits a rejected post and an edited post as the reviews the parser reads', async () => {
    const tab = await browser.newPage();
    try {
      await tab.setContent(page.html);
      const [first, second] = drafted;
      await tab.check(`input[id="rr-${second?.postId}"]`);
      await tab.fill(`input[id="n-${second?.postId}"]`, 'Unsupported claim');
      await tab.check(`input[id="re-${first?.postId}"]`);
      await tab.fill(`textarea[id="b-${first?.postId}"]`, 'Month end is stressful. Here are the five checks we run.');
      await tab.fill('textarea#comment', 'One post needs work');
      // What the browser would POST when Reject is pressed.
      const body = (await tab.evaluate(
        `(() => { const form = document.querySelector('form#decision'); return new URLSearchParams(new FormData(form, form.querySelector('button[value="reject"]'))).toString(); })()`,
      )) as string;
      expect(parseDecisionForm({ contentType: 'application/x-www-form-urlencoded', body, isBase64Encoded: false })).toEqual({
        decision: 'REJECTED',
        comment: 'One post needs work',
        posts: [
          { postId: first?.postId, verdict: 'EDITED', body: 'Month end is stressful. Here are the five checks we run.' },
          { postId: second?.postId, verdict: 'REJECTED', comment: 'Unsupported claim' },
        ],
      });
    } finally {
      await tab.close();
    }
  });
});
