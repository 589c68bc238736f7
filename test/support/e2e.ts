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
import { inject } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { createDocumentClient } from '../../functions/data/dynamodb-document-client.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';

const run = promisify(execFile);

export type E2eContext = ReturnType<typeof e2e>;
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
  writeFileSync(file, JSON.stringify([{ EventBusName: 'mcc', Source: 'mcc.campaigns', DetailType: 'Campaign Build Requested', Detail: JSON.stringify(detail) }]));
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

/** The execution the event started, found with list-executions + describe-execution. */
export async function executionForEvent(ctx: E2eContext, eventId: string, timeoutMs = 15_000): Promise<string> {
  return eventually(async () => {
    const listed = await aws(ctx.gateway, ['stepfunctions', 'list-executions', '--state-machine-arn', ctx.stateMachineArn]);
    for (const execution of (listed.executions as { executionArn: string }[] | undefined) ?? []) {
      const described = await describeExecution(ctx, execution.executionArn);
      if (described.input.eventId === eventId) return execution.executionArn;
    }
    return undefined;
  }, timeoutMs, `the execution of event ${eventId}`);
}

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

/** Polls describe-execution until the execution leaves RUNNING. */
export async function settledExecution(ctx: E2eContext, executionArn: string, timeoutMs = 30_000): Promise<ExecutionSummary> {
  return eventually(async () => {
    const described = await describeExecution(ctx, executionArn);
    return described.status === 'RUNNING' ? undefined : described;
  }, timeoutMs, `execution ${executionArn} to finish`, 250);
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
export async function mailsFor(ctx: E2eContext, campaignId: string, subject: RegExp, count = 1, timeoutMs = 20_000): Promise<OutboxMail[]> {
  return eventually(async () => {
    const mails = (await outbox(ctx)).filter((m) => m.campaignId === campaignId && subject.test(m.subject));
    return mails.length >= count ? mails : undefined;
  }, timeoutMs, `${count} mail(s) "${subject.source}" for ${campaignId}`);
}

export function campaigns(ctx: E2eContext, endpoint = inject('dynamoEndpoint')): { repository: CampaignRepository; close(): void } {
  const doc = createDocumentClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return { repository: new CampaignRepository(doc, ctx.tableName), close: () => doc.destroy() };
}

/** Polls the stored campaign until it is in `status`. */
export async function campaignInStatus(repository: CampaignRepository, tenantId: string, campaignId: string, status: string, timeoutMs = 30_000): Promise<Campaign> {
  return eventually(async () => {
    const campaign = await repository.get(tenantId, campaignId);
    return campaign?.status === status ? campaign : undefined;
  }, timeoutMs, `campaign ${campaignId} to be ${status}`, 200);
}
