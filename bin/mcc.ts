// The CDK app: `cdk synth` / `cdk deploy -c stage=dev|prod`.
import { App, Tags } from 'aws-cdk-lib';
import { DataStack } from '../lib/data-stack.ts';
import { stageSettings } from '../lib/stage.ts';

const app = new App();
const settings = stageSettings(app.node.tryGetContext('stage'));
const prefix = `Mcc-${settings.stage}`;

new DataStack(app, `${prefix}-Data`, { settings });

Tags.of(app).add('application', 'marketing-command-center');
Tags.of(app).add('stage', settings.stage);
