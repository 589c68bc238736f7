// A rejection with guidance: the campaign is revised (revision 1, every post
// drafted again), a second approval e-mail goes out, and approving that one
// syncs the campaign. Decisions are made in Chromium from the e-mail links.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { campaignInStatus, campaigns, e2e, executionForEvent, mailsFor, putBuildEvent, settledExecution, uniqueCampaignId, validBrief, eventually } from '../support/e2e.ts';

const ctx = e2e();
const store = campaigns(ctx);
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  store.close();
});

async function decide(link: string, decision: 'approve' | 'reject', comment: string): Promise<string> {
  const page = await browser.newPage();
  try {
    expect((await page.goto(link))?.status()).toBe(200);
    await page.fill('textarea#comment', comment);
    await page.click(`button[value="${decision}"]`);
    await page.waitForSelector('h1:has-text("Decision recorded")');
    return (await page.textContent('.outcome')) ?? '';
  } finally {
    await page.close();
  }
}

describe('rejecting with a comment', () => {
  it('GIVEN a campaign awaiting approval, WHEN the approver rejects it with a comment and then approves the revision, THEN it is revised once (posts redrafted, a second e-mail) and ends SYNCED', async () => {
    const campaignId = uniqueCampaignId('e2e-revise');
    const executionArn = await executionForEvent(ctx, await putBuildEvent(ctx.gateway, { tenantId: 'acme', campaignId, brief: validBrief(`Revision check ${campaignId}`) }));
    await campaignInStatus(store.repository, 'acme', campaignId, 'AWAITING_APPROVAL');
    const firstPosts = await store.repository.listPosts('acme', campaignId);
    const [first] = await mailsFor(ctx, campaignId, /^Approval needed/);

    expect(await decide(first?.links?.reject ?? '', 'reject', 'Lead with the customer story, please.')).toContain('Rejected by maria.lopez@example.com');

    const [, second] = await mailsFor(ctx, campaignId, /^Approval needed/, 2, 30_000);
    expect(second?.links?.approve).not.toBe(first?.links?.approve);
    const revised = await eventually(async () => {
      const c = await store.repository.get('acme', campaignId);
      return c?.status === 'AWAITING_APPROVAL' && c.revision === 1 ? c : undefined;
    }, 30_000, 'the revised campaign awaiting approval');
    expect(revised.history.map((h) => h.status)).toContain('REJECTED');
    const revisedPosts = await store.repository.listPosts('acme', campaignId);
    expect(revisedPosts).toHaveLength(firstPosts.length);
    for (const post of revisedPosts) expect(post.revision).toBe(1);

    expect(await decide(second?.links?.approve ?? '', 'approve', 'Better.')).toContain('Approved by maria.lopez@example.com');
    expect((await settledExecution(ctx, executionArn)).status).toBe('SUCCEEDED');
    const synced = await campaignInStatus(store.repository, 'acme', campaignId, 'SYNCED');
    expect(synced.revision).toBe(1);
    expect(synced.workfrontProjectId).toBeTruthy();
  });
});
