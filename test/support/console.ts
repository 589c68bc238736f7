// Helpers for driving the web console in headless Chromium: sign in through
// the local identity picker, run axe over the page, keep screenshots when
// MCC_CONSOLE_SCREENSHOTS names a folder (npm run console:screenshots).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface ConsoleUser {
  readonly tenant: string;
  readonly sub: string;
  readonly groups: readonly ('marketers' | 'approvers')[];
}

/** A fresh browser context (its own storage) signed in as `user` through the picker. */
export async function signIn(browser: Browser, gateway: string, user: ConsoleUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/Los_Angeles' });
  const page = await context.newPage();
  await page.goto(`${gateway}/`);
  await page.fill('input[name="tenant"]', user.tenant);
  await page.fill('input[name="sub"]', user.sub);
  for (const group of ['marketers', 'approvers'] as const) {
    const box = page.locator(`input[name="groups"][value="${group}"]`);
    if ((await box.isChecked()) !== user.groups.includes(group)) await box.click();
  }
  await page.click('button[type="submit"]');
  await page.waitForSelector(`[data-testid="who"]:has-text("${user.sub}@example.com · ${user.tenant}")`);
  return { context, page };
}

/** axe's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: String(v.impact), nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Saves a full-page screenshot into MCC_CONSOLE_SCREENSHOTS (when set) as <name>.png. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.MCC_CONSOLE_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
