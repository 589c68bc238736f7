// The web console (lib/constructs/console-site.ts). It deploys after the
// GraphQL stack: its config.json names the API and the user pool, and its
// Cognito app client's callback is the distribution's URL, so the console's
// client lives here and nothing in the GraphQL stack refers back (no cycle).
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { ensureConsoleBuilt } from './console-build.ts';
import { ConsoleSite } from './constructs/console-site.ts';
import type { StageSettings } from './stage.ts';

export interface WebStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly userPool: IUserPool;
  readonly graphqlUrl: string;
  /** Cognito hosted UI domain prefix. @default mcc-<stage>-<account> */
  readonly domainPrefix?: string;
}

export class WebStack extends Stack {
  public readonly site: ConsoleSite;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    this.site = new ConsoleSite(this, 'Console', {
      distDir: ensureConsoleBuilt(),
      userPool: props.userPool,
      graphqlUrl: props.graphqlUrl,
      domainPrefix: props.domainPrefix ?? `mcc-${props.settings.stage}-${this.account}`,
      removalPolicy: props.settings.removalPolicy,
      autoDeleteObjects: props.settings.autoDeleteObjects,
    });
  }
}
