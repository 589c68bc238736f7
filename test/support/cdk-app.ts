// A CDK App with cdk.json's context (feature flags, stage), so assertion tests
// synthesize what `cdk synth` does.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

export function cdkApp(context: Record<string, unknown> = {}): App {
  return new App({ context: { ...cdkJson.context, ...context } });
}
