// The CDK app: `cdk synth` / `cdk deploy -c stage=dev|prod`. cdk-nag's
// AwsSolutions pack runs as a validation plugin on every synth: an
// unacknowledged finding stops synth and lands in cdk.out/validation-report.json.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildMcc } from '../lib/mcc-app.ts';

const app = new App();
buildMcc(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
