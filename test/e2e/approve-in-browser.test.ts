// The happy path as people meet it: a brief put on the bus with the AWS CLI,
// the approval e-mail read in Chromium, the approve link opened and the form
// submitted in Chromium, then the execution, the campaign and the Workfront
// sandbox's project checked through their own interfaces.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import {
  campaignInStatus,
  campaigns,
  e2e,
  executionForEvent,
  mailsFor,
  putBuildEvent,
  settledExecution,
  uniqueCampaignId,
  validBrief,
  workDir,
} from '../support/e2e.ts';

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

interface WorkfrontObject {
  ID: string;
  name: string;
  extRefID?: string;
  projectID?: string;
}

async function workfront(path: string, query: Record<string, string>): Promise<WorkfrontObject[]> {
  const url = new URL(`${ctx.gateway}/_local/workfront/attask/api/v15.0/${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const response = await fetch(url, { headers: { apiKey: ctx.workfrontApiKey } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: WorkfrontObject[] }).data;
}

describe('approving a campaign in the browser', () => {
  it('GIVEN a brief put on the bus with the AWS CLI, WHEN the approver approves from the e-mail link in Chromium, THEN the execution succeeds, the campaign is SYNCED and Workfront has the project with one task per post', async () => {
    const campaignId = uniqueCampaignId('e2e-happy');
    const name = `Happy path webinar ${campaignId}`;
    const eventId = await putBuildEvent(ctx.gateway, { tenantId: 'acme', campaignId, brief: validBrief(name) });
    const executionArn = await executionForEvent(ctx, eventId);

    const awaiting = await campaignInStatus(store.repository, 'acme', campaignId, 'AWAITING_APPROVAL');
    const posts = await store.repository.listPosts('acme', campaignId);
    expect(posts.length).toBeGreaterThan(0);
    const [mail] = await mailsFor(ctx, campaignId, /^Approval needed/);
    expect(mail?.to).toContain('maria.lopez@example.com');
    expect(mail?.subject).toContain(name);
    const links = mail?.links;
    if (!mail || !links) throw new Error('the approval e-mail has no links');

    const page = await browser.newPage();
    try {
      // The e-mail as a mail client shows it.
      await page.setContent(mail.html);
      expect(await page.textContent('body')).toContain(name);
      expect(await page.getAttribute('a#approve', 'href')).toBe(links.approve);
      expect(await page.getAttribute('a#reject', 'href')).toBe(links.reject);
      for (const post of posts) expect(await page.textContent('body')).toContain(post.channel);
      await page.screenshot({ path: join(workDir, `${campaignId}-email.png`), fullPage: true });

      // The approve link: a confirmation page with the campaign and its posts; nothing decided yet.
      const response = await page.goto(links.approve);
      expect(response?.status()).toBe(200);
      expect(await page.textContent('h1')).toContain(name);
      expect(await page.locator('section.post').count()).toBe(posts.length);
      expect((await store.repository.get('acme', campaignId))?.status).toBe('AWAITING_APPROVAL');
      await page.fill('textarea#comment', 'Looks great — ship it.');
      await page.click('button[value="approve"]');
      await page.waitForSelector('h1:has-text("Decision recorded")');
      expect(await page.textContent('.outcome')).toContain('Approved by maria.lopez@example.com');
      expect(await page.textContent('body')).toContain('Looks great — ship it.');
      await page.screenshot({ path: join(workDir, `${campaignId}-decided.png`), fullPage: true });
    } finally {
      await page.close();
    }

    const done = await settledExecution(ctx, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const synced = await campaignInStatus(store.repository, 'acme', campaignId, 'SYNCED');
    expect(synced.workfrontProjectId).toBeTruthy();
    expect(synced.workfrontUrl).toContain(synced.workfrontProjectId);
    expect(awaiting.revision).toBe(0);

    const [project, ...others] = await workfront('proj/search', { extRefID: campaignId, fields: 'name,extRefID' });
    expect(others).toEqual([]);
    expect(project?.ID).toBe(synced.workfrontProjectId);
    const tasks = await workfront('task/search', { projectID: project?.ID ?? '', fields: 'name,projectID,extRefID' });
    // One publish task per post (extRefID = the post's ID) among the execution timeline's tasks (issue 15).
    const publishTasks = tasks.filter((t) => posts.some((p) => p.postId === t.extRefID));
    expect(publishTasks.map((t) => t.extRefID).sort()).toEqual(posts.map((p) => p.postId).sort());
  });
});
