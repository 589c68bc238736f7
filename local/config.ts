// The local runtime's configuration, from the environment (zod-checked once,
// at start). MCC_APPROVAL_WINDOW_SECONDS and MCC_MAP_CONCURRENCY become CDK
// context for the synth (`approvalWindowSeconds`, `mapConcurrency`), so the
// local state machine is the one those values would deploy.
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

export const LocalConfigSchema = z.object({
  MCC_PORT: port.default(4566),
  MCC_DATA_DIR: z.string().min(1).default('.mcc'),
  MCC_DYNAMODB_PORT: port.default(8000),
  MCC_S3_PORT: port.default(4569),
  MCC_WORKFRONT_WEBHOOK_TOKEN: z.string().min(16).optional(),
  MCC_APPROVAL_WINDOW_SECONDS: z.coerce.number().int().min(60).max(31_536_000).optional(),
  MCC_MAP_CONCURRENCY: z.coerce.number().int().min(1).max(40).optional(),
  MCC_AGENT_PROVIDER: z.enum(['local', 'bedrock']).default('local'),
});

export interface LocalConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly dynamoDbPort: number;
  readonly s3Port: number;
  readonly workfrontWebhookToken: string | undefined;
  readonly agentProvider: 'local' | 'bedrock';
  /** CDK context the synth gets from this configuration. */
  readonly cdkContext: Readonly<Record<string, string>>;
}

export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LocalConfig {
  const parsed = LocalConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid local configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const c = parsed.data;
  const cdkContext: Record<string, string> = {};
  if (c.MCC_APPROVAL_WINDOW_SECONDS !== undefined) cdkContext.approvalWindowSeconds = String(c.MCC_APPROVAL_WINDOW_SECONDS);
  if (c.MCC_MAP_CONCURRENCY !== undefined) cdkContext.mapConcurrency = String(c.MCC_MAP_CONCURRENCY);
  return {
    port: c.MCC_PORT,
    dataDir: resolve(cwd, c.MCC_DATA_DIR),
    dynamoDbPort: c.MCC_DYNAMODB_PORT,
    s3Port: c.MCC_S3_PORT,
    workfrontWebhookToken: c.MCC_WORKFRONT_WEBHOOK_TOKEN,
    agentProvider: c.MCC_AGENT_PROVIDER,
    cdkContext,
  };
}
