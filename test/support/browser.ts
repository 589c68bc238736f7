// Headless Chromium for the end-to-end tier: the system's /usr/bin/chromium
// (installed by the e2e global setup), driven through playwright-core. Never a
// browser downloaded by Playwright.
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../../local/system-tools.ts';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'] });
}
