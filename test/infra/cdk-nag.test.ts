// cdk-nag's AwsSolutions pack runs as a validation plugin on every synth (as in
// bin/mcc.ts); the whole app must synthesize with no unacknowledged finding, in
// both stages, with CDK's own CloudFormation schema validation on as well.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildMcc } from '../../lib/mcc-app.ts';
import { mccApp } from './mcc-synth.ts';

interface Report {
  readonly pluginReports: readonly { readonly summary: { readonly pluginName: string; readonly status: string }; readonly violations: readonly unknown[] }[];
}

function synthWithNag(app: App): Report {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as Report;
}

describe('cdk-nag AwsSolutions', () => {
  it.each(['dev', 'prod'])('passes the %s app with every finding acknowledged', (stage) => {
    // GIVEN the whole app, WHEN synthesized with the AwsSolutions pack, THEN synth succeeds
    const report = synthWithNag((() => {
      const app = mccApp({ stage }, { cloudFormationValidation: true });
      buildMcc(app);
      return app;
    })());
    // (synthWithNag would have thrown on an unacknowledged finding; the report lists none either)
    for (const plugin of report.pluginReports) {
      expect(plugin.summary.status, plugin.summary.pluginName).toBe('success');
      expect(plugin.violations, plugin.summary.pluginName).toEqual([]);
    }
  }, 120_000);

  it('fails synth on an unacknowledged finding (the check can fail)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new Bucket(new Stack(app, 'Careless'), 'OpenBucket');
    expect(() => synthWithNag(app)).toThrow(/AwsSolutions-S1/);
  });
});
