// `npm start`: MCC on this machine, no AWS account needed. It synthesizes the
// CDK app (the same definitions that deploy), then runs Amazon's DynamoDB
// Local with the campaign table built from the shared table design. The rest
// of the local runtime (gateway, state machine, e-mail outbox, Workfront
// sandbox) joins here as it lands; the banner says what is running now.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../functions/data/ensure-table.ts';
import { LOCAL_AWS, startDynamoDbLocal } from './dynamodb-local.ts';

const TABLE_NAME = 'mcc-campaigns';
const dataDir = resolve(process.env.MCC_DATA_DIR ?? '.mcc');
const dynamoPort = Number(process.env.MCC_DYNAMODB_PORT ?? 8000);

function step(message: string): void {
  console.log(`[mcc] ${message}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--reset')) {
    rmSync(dataDir, { recursive: true, force: true });
    step(`reset: removed ${dataDir}`);
  }

  step('synthesizing the CDK app (cdk synth)…');
  const synth = spawnSync('cdk', ['synth', '--quiet'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (synth.status !== 0) throw new Error('cdk synth failed; see the output above');

  step('starting DynamoDB Local…');
  const dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir: resolve(dataDir, 'dynamodb') });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, ...LOCAL_AWS });
  await ensureTable(client, TABLE_NAME);
  client.destroy();

  console.log(`
Marketing Command Center — local runtime
  Synthesized stacks   cdk.out/
  DynamoDB Local       ${dynamo.endpoint}   table ${TABLE_NAME}   data in ${dataDir}
    try: aws dynamodb describe-table --table-name ${TABLE_NAME} --endpoint-url ${dynamo.endpoint} --region us-east-1

Coming as their issues land: the gateway for \`aws events put-events\` and Step Functions
calls, the CampaignBuild state machine, approval pages, the e-mail outbox, the Workfront
sandbox and GraphQL. Ctrl-C stops everything.
`);

  const shutdown = async () => {
    step('stopping…');
    await dynamo.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  dynamo.process.once('exit', (code) => {
    console.error(`[mcc] DynamoDB Local exited (code ${code}); stopping.`);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  console.error(`[mcc] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
