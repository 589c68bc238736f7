// The web console as people use it, in headless Chromium against the e2e
// runtime (the gateway serves the built console at `/`): a marketer creates a
// campaign from the form and watches its row move through the build without a
// reload; an approver approves it from Approvals; the row turns SYNCED with its
// Workfront link; the calendar shows the posts on their dates; a bad date is
// refused in the form and creates nothing; another tenant sees none of it.
// axe runs over every view (no serious or critical violations).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { keepScreenshot, seriousViolations, signIn } from '../support/console.ts';
import { campaigns, e2e, eventually } from '../support/e2e.ts';

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

const TENANT = 'console-acme';
const OTHER_TENANT = 'console-globex';

async function expectAccessible(page: Page, view: string): Promise<void> {
  expect({ view, violations: await seriousViolations(page) }).toEqual({ view, violations: [] });
}

async function fillBrief(page: Page, brief: { name: string; launchDate: string; endDate: string }): Promise<void> {
  await page.fill('input[name="name"]', brief.name);
  await page.selectOption('select[name="type"]', 'WEBINAR');
  await page.fill('textarea[name="objective"]', 'Generate 400 qualified registrations from mid-market finance teams for the analytics webinar');
  await page.fill('textarea[name="targetAudience"]', 'Finance leaders at companies with 200-2,000 employees');
  await page.fill('input[name="budgetAmount"]', '30000');
  await page.selectOption('select[name="currency"]', 'USD');
  const linkedIn = page.locator('input[name="channels"][value="LINKEDIN"]');
  if (!(await linkedIn.isChecked())) await linkedIn.click();
  await page.fill('input[name="launchDate"]', brief.launchDate);
  await page.fill('input[name="endDate"]', brief.endDate);
  await page.fill('input[name="approvers"]', 'maria.lopez@example.com');
}

/** Records, in the page, every status each campaign row shows (a reload would lose the record). Runs in Chromium. */
const RECORD_ROW_STATUSES = `(() => {
  const seen = {};
  window.__rowStatuses = seen;
  const scan = () => {
    for (const row of document.querySelectorAll('tr[data-campaign-id]')) {
      const id = row.getAttribute('data-campaign-id') || '';
      const status = row.querySelector('[data-status]')?.getAttribute('data-status') || '';
      const list = (seen[id] ??= []);
      if (status && list[list.length - 1] !== status) list.push(status);
    }
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  scan();
})()`;

const rowStatuses = async (page: Page, id: string) => ((await page.evaluate('window.__rowStatuses')) as Record<string, string[]> | undefined)?.[id] ?? null;
const markPage = (page: Page) => page.evaluate('window.__samePage = true');
const samePage = async (page: Page) => (await page.evaluate('window.__samePage === true')) as boolean;

describe('the web console', () => {
  it('GIVEN a marketer and an approver signed in, WHEN the marketer creates a campaign from the form and the approver approves it, THEN the row moves live through the build to SYNCED with its Workfront link, the calendar shows the posts, the assistant’s proposed campaign waits for Confirm, a bad date creates nothing and another tenant sees none of it', async () => {
    const name = `Console webinar ${Date.now().toString(36)}`;
    const marketer = await signIn(browser, ctx.gateway, { tenant: TENANT, sub: 'sam', groups: ['marketers'] });
    const page = marketer.page;
    await expectAccessible(page, 'campaigns (empty)');

    // A bad date: the field error next to its field, and not one createCampaign request.
    const creates: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && r.method() === 'POST' && (r.postData() ?? '').includes('createCampaign')) creates.push(r.postData() ?? '');
    });
    await page.click('nav >> text=New campaign');
    await expectAccessible(page, 'new campaign');
    await fillBrief(page, { name: `${name} (bad)`, launchDate: '2027-02-30', endDate: '2027-03-31' });
    await page.click('button:has-text("Create campaign")');
    const fieldError = page.locator('[data-field="launchDate"]');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('YYYY-MM-DD');
    expect(await page.getAttribute('input[name="launchDate"]', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'new campaign with field errors');
    await keepScreenshot(page, 'new-campaign-errors');
    expect(creates).toEqual([]);

    // The same form, corrected: created, and the table follows the build without a reload.
    await page.fill('input[name="name"]', name);
    await page.fill('input[name="launchDate"]', '2027-06-01');
    await page.fill('input[name="endDate"]', '2027-07-31');
    await markPage(page);
    await page.evaluate(RECORD_ROW_STATUSES);
    await page.click('button:has-text("Create campaign")');
    await page.waitForSelector('h1:has-text("Campaigns"), [role="alert"]');
    expect(await page.locator('[role="alert"]').allTextContents()).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/');
    const row = page.locator('tr[data-campaign-id]', { hasText: name });
    await row.waitFor();
    const campaignId = (await row.getAttribute('data-campaign-id')) ?? '';
    expect(campaignId).toMatch(/^cmp-/);
    await row.locator('[data-status="AWAITING_APPROVAL"]').waitFor({ timeout: 90_000 });
    const seen = (await rowStatuses(page, campaignId)) ?? [];
    expect(seen.filter((s) => ['PLANNING', 'GENERATING', 'AWAITING_APPROVAL'].includes(s))).toEqual(['PLANNING', 'GENERATING', 'AWAITING_APPROVAL']);
    expect(seen.at(-1)).toBe('AWAITING_APPROVAL');
    expect(await samePage(page)).toBe(true);
    expect(creates).toHaveLength(1);
    expect((await page.locator('[data-testid="total"]').textContent())?.trim()).toBe('1');
    await expectAccessible(page, 'campaigns');
    await keepScreenshot(page, 'campaigns-awaiting-approval');

    // The campaign view: brief, tier reasons, every post.
    const posts = await store.repository.listPosts(TENANT, campaignId);
    expect(posts.length).toBeGreaterThan(0);
    await row.locator('a', { hasText: name }).click();
    await page.waitForSelector(`h1:has-text("${name}")`);
    await page.locator('article.post').nth(posts.length - 1).waitFor();
    expect(await page.locator('article.post').count()).toBe(posts.length);
    await expectAccessible(page, 'campaign');
    await keepScreenshot(page, 'campaign');
    await page.click('nav >> text=Campaigns');

    // The approver: Approvals lists it with its posts; approve with a comment.
    const approver = await signIn(browser, ctx.gateway, { tenant: TENANT, sub: 'maria.lopez', groups: ['approvers'] });
    await approver.page.click('nav >> text=Approvals');
    const waiting = approver.page.locator(`section.approval[data-campaign-id="${campaignId}"]`);
    await waiting.waitFor();
    expect(await waiting.locator('article.post').count()).toBe(posts.length);
    await expectAccessible(approver.page, 'approvals');
    await keepScreenshot(approver.page, 'approvals');
    await waiting.locator('textarea').fill('Approved from the console.');
    await waiting.locator('button:has-text("Approve")').click();
    await waiting.waitFor({ state: 'detached' });
    await approver.page.waitForSelector('text=Nothing waits for you.');

    // Back on the marketer's page, still not reloaded: SYNCED with the Workfront link.
    await row.locator('[data-status="SYNCED"]').waitFor({ timeout: 90_000 });
    const synced = await eventually(async () => {
      const c = await store.repository.get(TENANT, campaignId);
      return c?.status === 'SYNCED' && c.workfrontUrl ? c : undefined;
    }, 30_000, 'the campaign SYNCED with a Workfront URL');
    const link = row.locator('td.workfront a');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(synced.workfrontUrl);
    expect(await samePage(page)).toBe(true);
    expect((await rowStatuses(page, campaignId))?.at(-1)).toBe('SYNCED');
    await keepScreenshot(page, 'campaigns-synced');

    // The calendar: every post on its publish date, launch and end on theirs, each linking to the campaign.
    await page.click('nav >> text=Calendar');
    const months = [...new Set([...posts.map((p) => p.publishDate), '2027-06-01', '2027-07-31'].map((d) => d.slice(0, 7)))].sort();
    await page.goto(`${ctx.gateway}/calendar?month=${months[0]}`);
    for (const [i, month] of months.entries()) {
      if (i > 0) await page.click('button[aria-label="Next month"]');
      await page.waitForSelector(`h2[data-month="${month}"]`);
      const inMonth = posts.filter((p) => p.publishDate.startsWith(month));
      for (const post of inMonth) {
        const entry = page.locator(`td[data-date="${post.publishDate}"] li[data-kind="post"]`, { hasText: `${post.channel}: ${name}` });
        await entry.first().waitFor();
        expect(await entry.first().locator('a').getAttribute('href')).toBe(`/campaigns/${campaignId}`);
      }
      if (month === '2027-06') {
        await page.locator('td[data-date="2027-06-01"] li[data-kind="launch"]', { hasText: name }).waitFor();
        await expectAccessible(page, 'calendar');
        await keepScreenshot(page, 'calendar');
      }
      if (month === '2027-07') await page.locator('td[data-date="2027-07-31"] li[data-kind="end"]', { hasText: name }).waitFor();
    }

    // The assistant: a question answered with sources; a reload shows the same conversation.
    await page.click('nav >> text=Assistant');
    await page.fill('textarea#message', 'What makes a campaign tier 1?');
    await page.click('button:has-text("Send")');
    await page.locator('li.message.agent').first().waitFor({ timeout: 60_000 });
    const answered = await page.locator('li.message').count();
    expect(answered).toBeGreaterThanOrEqual(2);
    await page.reload();
    await page.locator('li.message.agent').first().waitFor();
    expect(await page.locator('li.message').count()).toBe(answered);
    await expectAccessible(page, 'assistant');
    await keepScreenshot(page, 'assistant');

    // Asking it to create a campaign: a pending action that survives a reload, and nothing created until Confirm.
    await page.click('button:has-text("New conversation")');
    await page.fill('textarea#message', 'Create a new email campaign for SMB customers to promote Q1 offers');
    await page.click('button:has-text("Send")');
    await page.locator('li.message.agent').first().waitFor({ timeout: 60_000 });
    await page.fill('textarea#message', 'Call it "SMB Q1 offers", budget $20,000, launching March 1, 2027 and ending March 29, 2027. The approver is maria.lopez@example.com');
    await page.click('button:has-text("Send")');
    const pending = page.locator('section.pending-action');
    await pending.waitFor({ timeout: 60_000 });
    expect(await pending.textContent()).toContain('SMB Q1 offers');
    await page.reload();
    await pending.waitFor();
    expect((await store.repository.list(TENANT, {})).items.map((c) => c.brief.name)).not.toContain('SMB Q1 offers');
    await expectAccessible(page, 'assistant with a pending action');
    await keepScreenshot(page, 'assistant-pending-action');
    await pending.locator('button:has-text("Confirm")').click();
    const confirmed = page.locator('ul.actions li[data-status="CONFIRMED"]');
    await confirmed.waitFor({ timeout: 60_000 });
    await pending.waitFor({ state: 'detached' });
    const created = await eventually(async () => (await store.repository.list(TENANT, {})).items.find((c) => c.brief.name === 'SMB Q1 offers'), 30_000, 'the confirmed campaign');
    expect(await confirmed.locator('a').getAttribute('href')).toBe(`/campaigns/${created.campaignId}`);

    // Another tenant: not in its table, not found by ID, not waiting for its approvers, not on its calendar.
    const other = await signIn(browser, ctx.gateway, { tenant: OTHER_TENANT, sub: 'maria.lopez', groups: ['marketers', 'approvers'] });
    await other.page.waitForSelector('text=No campaigns yet.');
    expect(await other.page.locator(`tr[data-campaign-id="${campaignId}"]`).count()).toBe(0);
    await other.page.goto(`${ctx.gateway}/campaigns/${campaignId}`);
    await other.page.waitForSelector('h1:has-text("Campaign not found")');
    await other.page.goto(`${ctx.gateway}/calendar?month=2027-06`);
    await other.page.waitForSelector('h2[data-month="2027-06"]');
    await other.page.locator('table.calendar[aria-busy="false"]').waitFor();
    expect(await other.page.locator('li.entry').count()).toBe(0);
    await other.page.click('nav >> text=Approvals');
    await other.page.waitForSelector('text=Nothing waits for you.');

    // On a phone: the same table, no page-wide sideways scrolling (wide tables scroll in their own box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('nav >> text=Campaigns');
    await row.waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await expectAccessible(page, 'campaigns on a phone');
    await keepScreenshot(page, 'campaigns-phone');

    // The sign-in page itself.
    const fresh = await browser.newContext();
    const signInPage = await fresh.newPage();
    await signInPage.goto(`${ctx.gateway}/`);
    await signInPage.waitForSelector('button:has-text("Sign in")');
    await expectAccessible(signInPage, 'sign in');
    await keepScreenshot(signInPage, 'sign-in');
    await Promise.all([fresh.close(), other.context.close(), approver.context.close(), marketer.context.close()]);
  });

  it('GIVEN the gateway serving the console, WHEN AWS protocol calls, HTTP API routes and console paths arrive on the same port, THEN each goes where it belongs', async () => {
    const spa = await fetch(`${ctx.gateway}/campaigns/anything`);
    expect(spa.status).toBe(200);
    expect(spa.headers.get('content-type')).toContain('text/html');
    expect(await spa.text()).toContain('<div id="root">');
    const config = (await (await fetch(`${ctx.gateway}/config.json`)).json()) as { auth: { kind: string } };
    expect(config.auth.kind).toBe('local');
    expect((await fetch(`${ctx.gateway}/assets/no-such-file.js`)).status).toBe(404);
    expect((await fetch(`${ctx.gateway}/assets/..%2f..%2fpackage.json`)).status).toBe(404);
    const aws = await fetch(`${ctx.gateway}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
    expect(aws.headers.get('content-type')).toContain('application/x-amz-json');
    const approval = await fetch(`${ctx.gateway}/approvals/not-a-token`);
    expect(approval.status).toBeGreaterThanOrEqual(400);
    expect(approval.status).toBeLessThan(500);
    expect(await approval.text()).not.toContain('<div id="root">');
  });
});
