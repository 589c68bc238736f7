// The stateful stack: everything that holds data or identity and outlives any
// deployment of the code — the single campaign table (built from the same
// TABLE_DESIGN the tests and the local runtime use), the knowledge and
// campaign-artifact buckets with their access-log bucket, the secrets, and the
// `mcc` event bus every function publishes to. Stateless stacks receive these
// as typed props. In prod all of it is retained and protected from deletion.
import { Aws, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../functions/data/table-design.ts';
import { acknowledge } from './nag.ts';
import type { StageSettings } from './stage.ts';

export interface DataStackProps extends StackProps {
  readonly settings: StageSettings;
}

/**
 * The bus name is a contract shared with integrations (handlers and the local runtime read it from
 * the template). It carries the stage like every other physical name, so two stages share an account.
 */
export function eventBusName(stage: string): string {
  return `mcc-${stage}`;
}

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The knowledge bucket's name is fixed (per stage, account and region) so other stacks address it
 * by name: their policies then name the bucket itself instead of an import they cannot inspect.
 */
export function knowledgeBucketName(stage: string): string {
  return `mcc-${stage}-knowledge-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

export class DataStack extends Stack {
  public readonly table: TableV2;
  public readonly eventBus: EventBus;
  /** Playbooks, guidelines and templates the knowledge base indexes (keys = paths under knowledge-content/). */
  public readonly knowledgeBucket: Bucket;
  /** The knowledge bucket's fixed name (with pseudo-parameters that resolve in whichever stack uses it). */
  public readonly knowledgeBucketName: string;
  /** Generated campaign material too large for the table (exports, rendered drafts). */
  public readonly artifactsBucket: Bucket;
  /** Server access logs of the other buckets. */
  public readonly accessLogsBucket: Bucket;
  /** HMAC key for approval-link JWTs; rotation keeps AWSPREVIOUS verifying (kid = VersionId). */
  public readonly approvalSigningKey: Secret;
  /** `{"clientId","clientSecret","scopes"?}` or `{"apiKey"}`; the operator puts the value after deploy. */
  public readonly workfrontCredentials: Secret;
  /** The Workfront event subscription's authToken, sent as a bearer token. */
  public readonly webhookToken: Secret;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { settings } = props;

    this.table = new TableV2(this, 'CampaignTable', {
      partitionKey: stringKey(TABLE_DESIGN.partitionKey),
      sortKey: stringKey(TABLE_DESIGN.sortKey),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
      globalSecondaryIndexes: TABLE_DESIGN.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
      })),
    });

    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: eventBusName(settings.stage), description: 'Marketing Command Center events' });
    // A replayable record of what happened: a lost build request can be re-driven from here.
    this.eventBus.archive('EventArchive', {
      description: 'Every event on the mcc bus, for replay',
      eventPattern: { account: [this.account] },
      retention: settings.stage === 'prod' ? Duration.days(365) : Duration.days(14),
    });

    const bucketDefaults = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: settings.removalPolicy,
      autoDeleteObjects: settings.autoDeleteObjects,
    } as const;

    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...bucketDefaults,
      lifecycleRules: [{ expiration: Duration.days(settings.stage === 'prod' ? 365 : 30) }],
    });
    acknowledge(this.accessLogsBucket, 'AwsSolutions-S1', 'This is the access-log destination; logging it into itself would loop.');

    this.knowledgeBucketName = knowledgeBucketName(settings.stage);
    this.knowledgeBucket = new Bucket(this, 'KnowledgeBucket', {
      ...bucketDefaults,
      bucketName: this.knowledgeBucketName,
      // The deployed content is the repository's knowledge-content/; versions let an operator see what the KB indexed before.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'knowledge/',
    });

    this.artifactsBucket = new Bucket(this, 'ArtifactsBucket', {
      ...bucketDefaults,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'artifacts/',
    });

    this.approvalSigningKey = new Secret(this, 'ApprovalSigningKey', {
      description: 'HMAC key that signs approval-link JWTs (HS256)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: settings.removalPolicy,
    });
    this.workfrontCredentials = new Secret(this, 'WorkfrontCredentials', {
      description: 'Workfront API credentials: {"clientId","clientSecret","scopes"?} (oauth) or {"apiKey"} (apikey)',
      // A placeholder of the right shape; the operator puts the real value after deploy (see README, Deploy).
      generateSecretString: { secretStringTemplate: JSON.stringify({ clientId: 'set-me' }), generateStringKey: 'clientSecret' },
      removalPolicy: settings.removalPolicy,
    });
    this.webhookToken = new Secret(this, 'WebhookToken', {
      description: 'Auth token of the Workfront event subscription (sent as a bearer token)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: settings.removalPolicy,
    });
    acknowledge(
      this.approvalSigningKey,
      'AwsSolutions-SMG4',
      'Rotated by the operator (put-secret-value); the verifier accepts the AWSPREVIOUS version, so links in flight survive a rotation without a rotation Lambda.',
    );
    acknowledge(this.workfrontCredentials, 'AwsSolutions-SMG4', 'Issued by Adobe (Developer Console / Workfront); rotated there, then stored here by the operator.');
    acknowledge(this.webhookToken, 'AwsSolutions-SMG4', 'Shared with the Workfront event subscription; rotating it means re-creating the subscription, an operator step.');
  }
}
