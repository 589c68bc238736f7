// Workfront → MCC: a person changes a synced project's status on the Workfront
// sandbox's page in Chromium; the sandbox's event subscription posts the
// webhook to the app's /webhooks/workfront route, and within two seconds the
// campaign's Workfront link (found through GSI2, as the webhook handler finds
// it) carries the new status.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { campaignInStatus, campaigns, e2e, eventually, mailsFor, putBuildEvent, uniqueCampaignId, validBrief } from '../support/e2e.ts';

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

describe('Workfront status changes flow back', () => {
  it('GIVEN a campaign synced to Workfront, WHEN a person puts its project On Hold in the Workfront sandbox, THEN the campaign’s Workfront link shows each new status, within 2 s once the webhook function is warm', async () => {
    const campaignId = uniqueCampaignId('e2e-wf');
    const name = `Workfront round trip ${campaignId}`;
    await putBuildEvent(ctx.gateway, { tenantId: 'acme', campaignId, brief: validBrief(name) });
    await campaignInStatus(store.repository, 'acme', campaignId, 'AWAITING_APPROVAL');
    const [mail] = await mailsFor(ctx, campaignId, /^Approval needed/);
    const approved = await fetch(mail?.links?.approve ?? '', { method: 'POST', body: new URLSearchParams({ decision: 'approve', comment: '' }) });
    expect(approved.status).toBe(200);
    const synced = await campaignInStatus(store.repository, 'acme', campaignId, 'SYNCED');
    const projectId = synced.workfrontProjectId ?? '';
    const before = await store.repository.findWorkfrontLink('acme', 'PROJ', projectId);
    expect(before?.campaignId).toBe(campaignId);
    expect(before?.status).not.toBe('ONH');

    const page = await browser.newPage();
    const setStatus = async (code: string, timeoutMs = 15_000) => {
      await page.goto(`${ctx.gateway}/_local/workfront/`);
      const row = page.locator('tr', { hasText: campaignId });
      await row.locator('select[name="status"]').selectOption(code);
      const changedAt = Date.now();
      await row.locator('button[type="submit"]').click();
      const link = await eventually(async () => {
        const found = await store.repository.findWorkfrontLink('acme', 'PROJ', projectId);
        return found?.status === code ? found : undefined;
      }, timeoutMs, `the Workfront link to show ${code}`, 50);
      return { link, elapsed: Date.now() - changedAt };
    };
    try {
      // The first change also starts the webhook function's worker (a Lambda cold start); the
      // 2-second promise is about the running system, so it is measured on the next change.
      // Sync creates a Workfront task per execution task (issue 15), and their CREATE webhooks are
      // handled before this first change; a shared, loaded machine needs more than 15 s for that.
      const planning = await setStatus('PLN', 60_000);
      expect(planning.link.campaignId).toBe(campaignId);
      const onHold = await setStatus('ONH');
      expect(onHold.link.campaignId).toBe(campaignId);
      expect(onHold.elapsed).toBeLessThanOrEqual(2000);
      // The sandbox page itself now shows the project On Hold.
      await page.waitForLoadState('load');
      expect(await page.locator('tr', { hasText: campaignId }).locator('option[selected]').textContent()).toContain('ONH');
    } finally {
      await page.close();
    }
  });
});
