// `npm run bench`: figures for the parts built so far, side by side in one run
// (these machines are noisy; compare within a run, not across runs). Writes
// bench/results.json and prints a table.
import { writeFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CampaignRepository } from '../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../functions/data/dynamodb-document-client.ts';
import { ensureTable } from '../functions/data/ensure-table.ts';
import { parseBrief } from '../functions/domain/campaign-brief.ts';
import { newCampaign } from '../functions/domain/campaign.ts';
import { classifyTier } from '../functions/domain/campaign-tiers.ts';
import { LOCAL_AWS, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/free-port.ts';
import { time, type Timing } from './stats.ts';

const brief = {
  name: 'Benchmark launch',
  type: 'PRODUCT_LAUNCH',
  objective: 'Measure how fast MCC handles a brief',
  audience: 'Operations leaders',
  budget: { amount: 120_000, currency: 'EUR' },
  channels: ['EMAIL', 'LINKEDIN', 'BLOG'],
  launchDate: '2027-06-01',
  endDate: '2027-07-15',
  approvers: ['vp@example.com'],
  requestedBy: 'pm@example.com',
};

async function main(): Promise<void> {
  const results: Record<string, Timing> = {};
  results['domain: parseBrief'] = await time(5_000, () => parseBrief(brief));
  const parsed = parseBrief(brief);
  results['domain: classifyTier'] = await time(5_000, () => classifyTier(parsed));

  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  try {
    const config = { endpoint: dynamo.endpoint, ...LOCAL_AWS };
    const client = new DynamoDBClient(config);
    await ensureTable(client, 'mcc-bench');
    const repo = new CampaignRepository(createDocumentClient(config), 'mcc-bench');
    const now = new Date('2027-01-04T09:00:00Z');
    const runs = 300;
    results['dynamodb-local: create'] = await time(runs, (i) =>
      repo.create(newCampaign({ tenantId: 'bench', campaignId: `c${i}`, brief: parsed, now })),
    );
    results['dynamodb-local: get'] = await time(runs, (i) => repo.get('bench', `c${i}`));
    results['dynamodb-local: transition'] = await time(runs, (i) => repo.transition('bench', `c${i}`, { to: 'PLANNING', now }));
    results['dynamodb-local: list 25'] = await time(100, () => repo.list('bench', { limit: 25 }));
    client.destroy();
  } finally {
    await dynamo.stop();
  }

  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.table(results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
