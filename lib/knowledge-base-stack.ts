// The knowledge base the agents are grounded in: Bedrock Knowledge Bases on
// S3 Vectors (no OpenSearch cluster to pay for while idle), Titan Text
// Embeddings V2 (1024 dimensions, cosine, float32), one S3 data source over the
// knowledge bucket, the repository's knowledge-content/ deployed into that
// bucket, and an ingestion job started after every deploy that changed it.
import { fileURLToPath } from 'node:url';
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnDataSource, CfnKnowledgeBase } from 'aws-cdk-lib/aws-bedrock';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { CfnIndex, CfnVectorBucket } from 'aws-cdk-lib/aws-s3vectors';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import type { McConfig } from './config.ts';
import { directoryHash } from './content-hash.ts';
import { acknowledge, acknowledgeManagedRoleWildcards, nagResource } from './nag.ts';
import type { StageSettings } from './stage.ts';

export interface KnowledgeBaseStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly config: McConfig;
  /** The data stack's knowledge bucket, by its fixed name. */
  readonly knowledgeBucketName: string;
}

/** Top-level folders of knowledge-content/ that are deployed, and so indexed. */
export const KNOWLEDGE_PREFIXES = ['playbooks/', 'guidelines/', 'templates/'] as const;

/**
 * Everything but the indexed folders. A folder must be re-included itself as
 * well as its contents: `*` also matches the folder, and a file inside an
 * excluded folder is never visited.
 */
export function knowledgeAssetExcludes(): string[] {
  return ['*', ...KNOWLEDGE_PREFIXES.flatMap((p) => [`!${p.slice(0, -1)}`, `!${p}**`])];
}
export const EMBEDDING_DIMENSION = 1024;

/** The construct ID CDK gives the singleton Lambda behind every AwsCustomResource in a stack. */
const AWS_CUSTOM_RESOURCE_SINGLETON = 'AWS679f53fac002430cb0da5b7982bd2287';

const contentDir = fileURLToPath(new URL('../knowledge-content/', import.meta.url));

export class KnowledgeBaseStack extends Stack {
  public readonly knowledgeBase: CfnKnowledgeBase;
  public readonly dataSource: CfnDataSource;
  /** sha256 of knowledge-content/, which the ingestion job is keyed on. */
  public readonly contentHash: string;

  constructor(scope: Construct, id: string, props: KnowledgeBaseStackProps) {
    super(scope, id, props);
    const { config, settings } = props;
    const knowledgeBucket = Bucket.fromBucketName(this, 'KnowledgeBucket', props.knowledgeBucketName);
    const prefix = `mcc-${settings.stage}`;

    const vectorBucket = new CfnVectorBucket(this, 'VectorBucket', {
      encryptionConfiguration: { sseType: 'AES256' },
    });
    vectorBucket.applyRemovalPolicy(settings.removalPolicy);
    const index = new CfnIndex(this, 'VectorIndex', {
      vectorBucketArn: vectorBucket.attrVectorBucketArn,
      indexName: `${prefix}-knowledge`,
      dataType: 'float32',
      dimension: EMBEDDING_DIMENSION,
      distanceMetric: 'cosine',
      // Bedrock stores each chunk's text and metadata on the vector; S3 Vectors caps *filterable*
      // metadata at 2 KB, so these two must be non-filterable or ingestion fails chunk by chunk.
      metadataConfiguration: { nonFilterableMetadataKeys: ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'] },
    });
    index.applyRemovalPolicy(settings.removalPolicy);

    const embeddingModelArn = this.formatArn({
      service: 'bedrock',
      account: '',
      resource: 'foundation-model',
      resourceName: config.embeddingModelId,
    });
    const role = new Role(this, 'KnowledgeBaseRole', {
      description: 'Lets Bedrock read the knowledge bucket, embed with Titan and write the vector index',
      assumedBy: new ServicePrincipal('bedrock.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'bedrock', resource: 'knowledge-base', resourceName: '*' }) },
        },
      }),
    });
    role.addToPolicy(new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [embeddingModelArn] }));
    // The data source has no inclusion prefix, so ingestion lists from the bucket root; an
    // `s3:prefix` condition would deny that list and leave the knowledge base empty while the
    // deploy reports success. The bucket holds only the indexed folders (the deployment prunes
    // the rest), and reading stays limited to them below.
    role.addToPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [knowledgeBucket.bucketArn] }));
    const documents = KNOWLEDGE_PREFIXES.map((p) => knowledgeBucket.arnForObjects(`${p}*`));
    role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: documents }));
    acknowledge(
      role,
      'AwsSolutions-IAM5',
      'Reads the knowledge documents under the three indexed folders; document names are not known at deploy time.',
      documents.map((arn) => nagResource(this, arn)),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3vectors:PutVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors', 's3vectors:QueryVectors', 's3vectors:GetIndex'],
        resources: [index.attrIndexArn],
      }),
    );

    this.knowledgeBase = new CfnKnowledgeBase(this, 'KnowledgeBase', {
      name: `${prefix}-playbooks`,
      description: 'MCC playbooks, brand guidelines and channel templates',
      roleArn: role.roleArn,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: {
          embeddingModelArn,
          embeddingModelConfiguration: {
            bedrockEmbeddingModelConfiguration: { dimensions: EMBEDDING_DIMENSION, embeddingDataType: 'FLOAT32' },
          },
        },
      },
      storageConfiguration: {
        type: 'S3_VECTORS',
        s3VectorsConfiguration: { vectorBucketArn: vectorBucket.attrVectorBucketArn, indexArn: index.attrIndexArn },
      },
    });
    // The role's policy must exist before Bedrock validates access to the index.
    this.knowledgeBase.node.addDependency(role);

    this.dataSource = new CfnDataSource(this, 'KnowledgeDataSource', {
      knowledgeBaseId: this.knowledgeBase.attrKnowledgeBaseId,
      name: `${prefix}-knowledge-content`,
      description: 'knowledge-content/ from the repository',
      dataDeletionPolicy: 'DELETE',
      dataSourceConfiguration: {
        type: 'S3',
        // A data source takes at most one inclusion prefix, so the bucket holds exactly the
        // three indexed folders instead (see the deployment's include filter below).
        s3Configuration: { bucketArn: knowledgeBucket.bucketArn },
      },
      vectorIngestionConfiguration: {
        // Playbooks are written in short sections; ~300-token chunks keep one rule per chunk.
        chunkingConfiguration: {
          chunkingStrategy: 'FIXED_SIZE',
          fixedSizeChunkingConfiguration: { maxTokens: 300, overlapPercentage: 15 },
        },
      },
    });

    const deployment = new BucketDeployment(this, 'KnowledgeContent', {
      sources: [Source.asset(contentDir, { exclude: knowledgeAssetExcludes() })],
      destinationBucket: knowledgeBucket,
      // The bucket mirrors the repository: a document deleted there leaves the knowledge base too.
      prune: true,
      retainOnDelete: settings.stage === 'prod',
      memoryLimit: 256,
    });

    this.contentHash = directoryHash(contentDir);
    // StartIngestionJob is asynchronous; the physical ID changes with the content hash, so CloudFormation
    // calls it again only when the content changed. clientToken makes a repeated call a no-op.
    const ingestion = new AwsCustomResource(this, 'StartIngestion', {
      resourceType: 'Custom::KnowledgeIngestion',
      installLatestAwsSdk: false,
      onUpdate: {
        service: 'bedrock-agent',
        action: 'StartIngestionJob',
        parameters: {
          knowledgeBaseId: this.knowledgeBase.attrKnowledgeBaseId,
          dataSourceId: this.dataSource.attrDataSourceId,
          clientToken: `kc-${this.contentHash}`,
          description: `knowledge-content ${this.contentHash.slice(0, 12)}`,
        },
        physicalResourceId: PhysicalResourceId.of(`ingestion-${this.contentHash}`),
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['bedrock:StartIngestionJob'], resources: [this.knowledgeBase.attrKnowledgeBaseArn] }),
      ]),
    });
    ingestion.node.addDependency(deployment, this.dataSource);

    // CDK-built helpers: their roles and runtimes are CDK's choice, acknowledged here with why that is fine.
    acknowledgeManagedRoleWildcards(
      deployment.handlerRole,
      "CDK's BucketDeployment copies the content asset from the bootstrap asset bucket into the knowledge bucket (and prunes it); its grants are object-level wildcards on those two buckets only.",
    );
    acknowledge(
      deployment.handlerRole,
      'AwsSolutions-IAM4',
      "CDK's BucketDeployment handler logs through AWSLambdaBasicExecutionRole; it runs only during deployments.",
      ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    );
    const deploymentHandler = this.node.findAll().find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (deploymentHandler) {
      acknowledge(deploymentHandler, 'AwsSolutions-L1', "The runtime of CDK's BucketDeployment handler (Python, with the AWS CLI layer) is pinned by aws-cdk-lib.");
    }
    const customResourceHandler = this.node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON);
    if (customResourceHandler) {
      acknowledge(
        customResourceHandler,
        'AwsSolutions-IAM4',
        "CDK's AwsCustomResource handler logs through AWSLambdaBasicExecutionRole; it runs only during deployments and may call only StartIngestionJob on this knowledge base.",
        ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      );
    }
  }
}
