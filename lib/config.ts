// Deployment configuration: every value the stacks take from cdk.json context
// (or `-c key=value`), parsed once with zod. An invalid value stops synth with
// a message naming the key and how to set it, before any resource is built.
import type { Node } from 'constructs';
import { z } from 'zod';

/** Context values given with `-c` arrive as strings; numbers are coerced. */
const integer = (min: number, max: number, why: string) =>
  z.coerce
    .number()
    .int()
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max} (${why})`);

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

export const McConfig = z.object({
  /** The SES identity approval and expiry e-mails are sent from. */
  mailFrom: z.email({ message: 'must be an e-mail address (a verified SES identity)' }),
  /** Where approval links point (`{approvalBaseUrl}/approvals/{jwt}`); defaults to the HTTP API's URL. */
  approvalBaseUrl: url.optional(),
  /** How long an approver has before the request expires; also the callback task's TimeoutSeconds. */
  approvalWindowSeconds: integer(300, 30 * 24 * 3600, 'approval links are valid for at most 30 days').default(259_200),
  /** Posts drafted at once; an inline Map runs at most 40 iterations at a time. */
  mapConcurrency: integer(1, 40, 'an inline Map runs at most 40 iterations at once').default(10),
  /** `bedrock` in AWS; `local` makes the agent functions use the playbook-driven local agent. */
  agentProvider: z.enum(['bedrock', 'local']).default('bedrock'),
  /** Inference profile (or model) IDs for the Bedrock agents. */
  plannerModelId: z.string().min(1).default('us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
  writerModelId: z.string().min(1).default('us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
  /** The knowledge base's embedding model; the vector index dimension (1024) matches Titan Text Embeddings V2. */
  embeddingModelId: z.literal('amazon.titan-embed-text-v2:0').default('amazon.titan-embed-text-v2:0'),
  /** The Workfront instance root, e.g. https://acme.my.workfront.com. */
  workfrontBaseUrl: url,
  workfrontApiVersion: z.string().regex(/^v\d+\.\d+$/, 'must look like v15.0').default('v15.0'),
  workfrontAuthMode: z.enum(['oauth', 'apikey']).default('oauth'),
  /** Adobe IMS, for OAuth server-to-server tokens. */
  workfrontImsUrl: url.default('https://ims-na1.adobelogin.com'),
  /** Powertools log level for every function. */
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** Optional address subscribed to the alarm topic. */
  alarmEmail: z.email().optional(),
  /** Steady-state and burst request limits for the HTTP API's default stage. */
  apiRateLimit: integer(1, 10_000, 'account-level API Gateway quota').default(50),
  apiBurstLimit: integer(1, 5_000, 'account-level API Gateway quota').default(100),
  // --- hardening (issue 20) ---
  /** Monthly cost budget in USD; an e-mail alert goes out at 80 % of it (actual spend). */
  monthlyBudgetUsd: integer(1, 1_000_000, 'a monthly budget in whole USD').default(10),
  /** Reserved concurrency of the webhook (a Workfront retry storm must not starve the other functions); 0 = none. */
  webhookConcurrency: integer(0, 1000, 'the account concurrency limit').default(10),
  /** Reserved concurrency of GeneratePost, the writer calls (Bedrock's per-model quota); 0 = none. */
  writerConcurrency: integer(0, 1000, 'the account concurrency limit').default(10),
});
export type McConfig = z.infer<typeof McConfig>;

export class ConfigurationError extends Error {
  constructor(problems: readonly string[]) {
    super(`Invalid CDK context (cdk.json "context" or -c key=value):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads every config key from the construct tree's context; throws ConfigurationError listing all problems. */
export function readConfig(node: Node): McConfig {
  const raw = Object.fromEntries(Object.keys(McConfig.shape).map((key) => [key, node.tryGetContext(key) ?? undefined]));
  const result = McConfig.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigurationError(
    result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '(root)');
      return raw[key] === undefined ? `${key}: is not set (add it to cdk.json or pass -c ${key}=…)` : `${key}: ${issue.message}`;
    }),
  );
}
