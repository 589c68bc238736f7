// Deployment stage, from `-c stage=dev|prod`. Stateful resources are kept and
// protected in prod and disposable in dev.
import { RemovalPolicy } from 'aws-cdk-lib';
import { z } from 'zod';

export const Stage = z.enum(['dev', 'prod']);
export type Stage = z.infer<typeof Stage>;

export interface StageSettings {
  readonly stage: Stage;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
}

export function stageSettings(value: unknown): StageSettings {
  const parsed = Stage.safeParse(value ?? 'dev');
  if (!parsed.success) throw new Error(`Unknown stage ${JSON.stringify(value)}: use -c stage=dev or -c stage=prod`);
  const prod = parsed.data === 'prod';
  return {
    stage: parsed.data,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
  };
}
