// The web console's figures: the initial JS + CSS that index.html loads,
// gzipped (lazy chunks such as the Cognito sign-in excluded), and the time
// from navigation until the Campaigns table is painted in headless Chromium
// for a tenant holding 1,000 campaigns (its first page of 100 rows), plus the
// time until all 1,000 rows are shown by following nextToken.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CampaignRepository } from '../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../functions/data/dynamodb-document-client.ts';
import { parseBrief } from '../functions/domain/campaign-brief.ts';
import { newCampaign } from '../functions/domain/campaign.ts';
import { LOCAL_AWS } from '../local/dynamodb-local.ts';
import type { LocalRuntime } from '../local/runtime.ts';
import { launchChromium } from '../test/support/browser.ts';
import { BENCH_BRIEF } from './orchestration.ts';

export interface ConsoleFigure {
  readonly initialGzipBytes: number;
  readonly firstPaint1000Ms: number;
  readonly allRows1000Ms: number;
}

/** index.html's own <script src> and <link rel=stylesheet href>, gzipped at level 9 like a CDN would serve them. */
export function initialGzipBytes(distDir: string): number {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+\.css)"/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  return [htmlBytes(html), ...files.map((f) => gzipSync(readFileSync(join(distDir, f.replace(/^\//, ''))), { level: 9 }).length)].reduce((a, b) => a + b, 0);
}

const htmlBytes = (html: string) => gzipSync(html, { level: 9 }).length;

export async function runConsole(runtime: LocalRuntime, options: { distDir: string; directDynamoEndpoint: string; tableName: string; tenantId: string }): Promise<ConsoleFigure> {
  const doc = createDocumentClient({ endpoint: options.directDynamoEndpoint, ...LOCAL_AWS });
  const repo = new CampaignRepository(doc, options.tableName);
  const brief = parseBrief(BENCH_BRIEF);
  const base = Date.parse('2026-01-01T00:00:00Z');
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < 1000) {
          const i = next++;
          await repo.create(newCampaign({ tenantId: options.tenantId, campaignId: `ui-${String(i).padStart(4, '0')}`, brief: { ...brief, name: `Console campaign ${i}` }, now: new Date(base + i * 60_000) }));
        }
      }),
    );
  } finally {
    doc.destroy();
  }
  const { token } = (await (await fetch(`${runtime.urls.token}?tenant=${options.tenantId}&sub=bench&groups=marketers`)).json()) as { token: string };
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in already (the picker's sessionStorage key), so the figure is the table, not the form.
    await context.addInitScript(`sessionStorage.setItem('mcc.local.token', ${JSON.stringify(token)})`);
    const page = await context.newPage();
    // A warm-up load (browser caches, the resolver Lambda warm), then the measured one.
    await page.goto(`${runtime.urls.gateway}/`);
    await page.waitForSelector('tr[data-campaign-id]:nth-child(100)');
    const started = Date.now();
    await page.goto(`${runtime.urls.gateway}/`);
    await page.waitForSelector('tr[data-campaign-id]:nth-child(100)');
    const firstPaint1000Ms = Date.now() - started;
    while (await page.locator('button:has-text("Show more")').count()) {
      await page.click('button:has-text("Show more")');
      await page.waitForSelector('table[aria-busy="false"]');
    }
    await page.waitForSelector('tr[data-campaign-id]:nth-child(1000)');
    const allRows1000Ms = Date.now() - started;
    return { initialGzipBytes: initialGzipBytes(options.distDir), firstPaint1000Ms, allRows1000Ms };
  } finally {
    await browser.close();
  }
}
