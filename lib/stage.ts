// Deployment stage, from `-c stage=dev|prod`. Stateful resources are kept and
// protected in prod and disposable in dev; logs are kept longer in prod.
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

export const Stage = z.enum(['dev', 'prod']);
export type Stage = z.infer<typeof Stage>;

export interface StageSettings {
  readonly stage: Stage;
  /** For stateful resources (table, buckets, secrets, log groups). */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  /** Empty buckets on stack deletion so a dev stack tears down cleanly; never in prod. */
  readonly autoDeleteObjects: boolean;
  readonly logRetention: RetentionDays;
}

export function stageSettings(value: unknown): StageSettings {
  const parsed = Stage.safeParse(value ?? 'dev');
  if (!parsed.success) throw new Error(`Unknown stage ${JSON.stringify(value)}: use -c stage=dev or -c stage=prod`);
  const prod = parsed.data === 'prod';
  return {
    stage: parsed.data,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
    autoDeleteObjects: !prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
  };
}
