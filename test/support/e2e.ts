// Helpers for the end-to-end tier: the shared runtime's coordinates (from the
// e2e global setup), the real AWS CLI against the gateway, briefs written to
// files the way a person would, polling with deadlines, the outbox, and the
// campaign as stored. Everything goes through the runtime's public surfaces.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, inject } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../../functions/data/dynamodb-document-client.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';

const run = promisify(execFile);

export type E2eContext = Pick<ReturnType<typeof e2e>, 'gateway' | 'stateMachineArn' | 'tableName'>;
export const e2e = () => inject('e2e');

/** A temporary directory for this file's briefs and screenshots (never the repository). */
export const workDir = mkdtempSync(join(tmpdir(), 'mcc-e2e-work-'));

export function uniqueCampaignId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function validBrief(name: string): Record<string, unknown> {
  return {
    name,
    type: 'WEBINAR',
    objective: 'Generate 400 qualified registrations from mid-market finance teams for the analytics webinar series',
    audience: 'Finance leaders at companies with 200-2,000 employees',
    budget: { amount: 30000, currency: 'USD' },
    channels: ['EMAIL', 'LINKEDIN'],
    launchDate: '2027-06-01',
    endDate: '2027-07-31',
    approvers: ['maria.lopez@example.com'],
    requestedBy: 'sam.taylor@example.com',
  };
}

/** Runs the AWS CLI against the local gateway; returns its parsed JSON output. */
export async function aws(gateway: string, args: readonly string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('aws', [...args, '--endpoint-url', gateway, '--region', 'us-east-1', '--output', 'json'], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '' },
    timeout: 30_000,
  });
  return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
}

/** `aws events put-events --entries file://…` with a Campaign Build Requested event; returns the event ID. */
export async function putBuildEvent(gateway: string, detail: Record<string, unknown>): Promise<string> {
  const file = join(workDir, `event-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify([{ EventBusName: 'mcc-dev', Source: 'mcc.campaigns', DetailType: 'Campaign Build Requested', Detail: JSON.stringify(detail) }]));
  const out = await aws(gateway, ['events', 'put-events', '--entries', `file://${file}`]);
  const entries = out.Entries as { EventId?: string }[] | undefined;
  if (out.FailedEntryCount !== 0 || !entries?.[0]?.EventId) throw new Error(`put-events failed: ${JSON.stringify(out)}`);
  return entries[0].EventId;
}

export interface ExecutionSummary {
  readonly executionArn: string;
  readonly status: string;
  readonly error?: string;
  readonly cause?: string;
  readonly input: { eventId?: string; detail?: { campaignId?: string } };
}

const sfnClients = new Map<string, SFNClient>();
/** An SDK client for polling (one CLI call costs a Python start-up; the CLI is kept for what a person would type). */
function sfn(ctx: Pick<E2eContext, 'gateway'>): SFNClient {
  let client = sfnClients.get(ctx.gateway);
  if (!client) {
    client = new SFNClient({ endpoint: ctx.gateway, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    sfnClients.set(ctx.gateway, client);
  }
  return client;
}

/** The execution the event started (its input carries the event ID). */
export async function executionForEvent(ctx: E2eContext, eventId: string, timeoutMs = 30_000): Promise<string> {
  const seen = new Set<string>();
  return eventually(async () => {
    const listed = await sfn(ctx).send(new ListExecutionsCommand({ stateMachineArn: ctx.stateMachineArn }));
    for (const execution of listed.executions ?? []) {
      const arn = execution.executionArn ?? '';
      if (seen.has(arn)) continue;
      const described = await sfn(ctx).send(new DescribeExecutionCommand({ executionArn: arn }));
      if ((JSON.parse(described.input ?? '{}') as { eventId?: string }).eventId === eventId) return arn;
      seen.add(arn);
    }
    return undefined;
  }, timeoutMs, `the execution of event ${eventId}`);
}

/** describe-execution with the AWS CLI. */
export async function describeExecution(ctx: E2eContext, executionArn: string): Promise<ExecutionSummary> {
  const out = await aws(ctx.gateway, ['stepfunctions', 'describe-execution', '--execution-arn', executionArn]);
  return {
    executionArn,
    status: String(out.status),
    ...(typeof out.error === 'string' ? { error: out.error } : {}),
    ...(typeof out.cause === 'string' ? { cause: out.cause } : {}),
    input: JSON.parse(String(out.input ?? '{}')) as ExecutionSummary['input'],
  };
}

/** Waits (SDK polling) until the execution leaves RUNNING, then describes it with the AWS CLI. */
export async function settledExecution(ctx: E2eContext, executionArn: string, timeoutMs = 60_000): Promise<ExecutionSummary> {
  await eventually(async () => {
    const described = await sfn(ctx).send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described.status;
  }, timeoutMs, `execution ${executionArn} to finish`, 250);
  return describeExecution(ctx, executionArn);
}

/** The names of the states the execution entered, in order (get-execution-history with the AWS CLI). */
export async function statesEntered(ctx: E2eContext, executionArn: string): Promise<string[]> {
  const history = await aws(ctx.gateway, ['stepfunctions', 'get-execution-history', '--execution-arn', executionArn]);
  return ((history.events as { stateEnteredEventDetails?: { name?: string } }[] | undefined) ?? []).flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string, intervalMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface OutboxMail {
  readonly to: readonly string[] | string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly campaignId?: string;
  readonly links?: { readonly approve: string; readonly reject: string };
}

export async function outbox(ctx: E2eContext): Promise<OutboxMail[]> {
  const response = await fetch(`${ctx.gateway}/_local/outbox`, { headers: { accept: 'application/json' } });
  return (await response.json()) as OutboxMail[];
}

/** The campaign's mails matching `subject`, once there are at least `count`. */
export async function mailsFor(ctx: E2eContext, campaignId: string, subject: RegExp, count = 1, timeoutMs = 60_000): Promise<OutboxMail[]> {
  return eventually(async () => {
    const mails = (await outbox(ctx)).filter((m) => m.campaignId === campaignId && subject.test(m.subject));
    return mails.length >= count ? mails : undefined;
  }, timeoutMs, `${count} mail(s) "${subject.source}" for ${campaignId}`);
}

afterAll(() => {
  for (const client of sfnClients.values()) client.destroy();
});

export function campaigns(ctx: E2eContext, endpoint = inject('dynamoEndpoint')): { repository: CampaignRepository; close(): void } {
  const doc = createDocumentClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return { repository: new CampaignRepository(doc, ctx.tableName), close: () => doc.destroy() };
}

/** Polls the stored campaign until it is in `status`. */
export async function campaignInStatus(repository: CampaignRepository, tenantId: string, campaignId: string, status: string, timeoutMs = 90_000): Promise<Campaign> {
  return eventually(async () => {
    const campaign = await repository.get(tenantId, campaignId);
    return campaign?.status === status ? campaign : undefined;
  }, timeoutMs, `campaign ${campaignId} to be ${status}`, 200);
}
