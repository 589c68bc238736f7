// Smoke test of a deployed stage (`MCC_AWS_STAGE=dev npm run test:aws`): the
// real services the local runtime stands in for. It puts a brief on the bus,
// follows the campaign to AWAITING_APPROVAL, asks the knowledge base, and
// checks the webhook refuses a call without a token. Uses the AWS CLI (as an
// operator would) and the project's own repository for the campaign.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../../functions/data/dynamodb-document-client.ts';
import { eventBusName } from '../../lib/data-stack.ts';

const stage = process.env.MCC_AWS_STAGE ?? '';
const tenantId = 'smoke';

async function aws(args: readonly string[]): Promise<unknown> {
  const { stdout } = await promisify(execFile)('aws', [...args, '--output', 'json'], { timeout: 60_000, env: { ...process.env, AWS_PAGER: '' } });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

async function outputs(stack: string): Promise<Record<string, string>> {
  const described = (await aws(['cloudformation', 'describe-stacks', '--stack-name', stack])) as { Stacks: { Outputs?: { OutputKey: string; OutputValue: string }[] }[] };
  return Object.fromEntries((described.Stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

let kb: Record<string, string>;
let api: Record<string, string>;
let tableName: string;

beforeAll(async () => {
  kb = await outputs(`Mcc-${stage}-KnowledgeBase`);
  api = await outputs(`Mcc-${stage}-Api`);
  const resources = (await aws(['cloudformation', 'describe-stack-resources', '--stack-name', `Mcc-${stage}-Data`])) as { StackResources: { ResourceType: string; PhysicalResourceId: string }[] };
  tableName = resources.StackResources.find((r) => r.ResourceType.startsWith('AWS::DynamoDB::'))?.PhysicalResourceId ?? '';
  expect(tableName).not.toBe('');
});

describe(`deployed stage ${stage}`, () => {
  it('builds a brief put on the bus up to AWAITING_APPROVAL', async () => {
    const campaignId = `smoke-${randomUUID().slice(0, 8)}`;
    const launch = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 150 * 86_400_000).toISOString().slice(0, 10);
    const brief = {
      name: `Smoke test ${campaignId}`,
      type: 'WEBINAR',
      objective: 'Check a deployed stage builds a campaign end to end',
      audience: 'Operators of the Marketing Command Center',
      budget: { amount: 5000, currency: 'USD' },
      channels: ['EMAIL'],
      launchDate: launch,
      endDate: end,
      approvers: [process.env.MCC_AWS_APPROVER ?? 'approver@example.com'],
      requestedBy: 'smoke-test@example.com',
    };
    const entries = [{ EventBusName: eventBusName(stage), Source: 'mcc.campaigns', DetailType: 'Campaign Build Requested', Detail: JSON.stringify({ tenantId, campaignId, brief }) }];
    const put = (await aws(['events', 'put-events', '--entries', JSON.stringify(entries)])) as { FailedEntryCount: number };
    expect(put.FailedEntryCount).toBe(0);

    const repo = new CampaignRepository(createDocumentClient(), tableName);
    const campaign = await until('the campaign to await approval', 840_000, async () => {
      const c = await repo.get(tenantId, campaignId);
      if (c?.status === 'FAILED') throw new Error(`the build failed: ${c.statusReason ?? 'no reason recorded'}`);
      return c?.status === 'AWAITING_APPROVAL' ? c : undefined;
    });
    expect(campaign.revision).toBe(0);
    expect((await repo.listPosts(tenantId, campaignId)).some((p) => p.status === 'GENERATED')).toBe(true);
  });

  it('has a knowledge base that answers from the playbooks', async () => {
    const answer = (await aws(['bedrock-agent-runtime', 'retrieve', '--knowledge-base-id', kb.KnowledgeBaseId ?? '', '--retrieval-query', 'text=How many weeks of lead time does a Tier 1 campaign need?'])) as {
      retrievalResults: { location?: { s3Location?: { uri?: string } } }[];
    };
    expect(answer.retrievalResults.length).toBeGreaterThan(0);
    expect(answer.retrievalResults.some((r) => r.location?.s3Location?.uri?.includes('playbooks/'))).toBe(true);
  });

  it('answers the webhook with 401 without a token', async () => {
    const response = await fetch(new URL(`webhooks/workfront?tenant=${tenantId}`, api.HttpApiUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});
