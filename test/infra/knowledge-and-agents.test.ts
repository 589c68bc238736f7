// The knowledge base on S3 Vectors, its content deployment and ingestion, the
// Bedrock agents with their instructions, action group, guardrail and alias,
// and the monitoring stack.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { Plan } from '../../functions/domain/plan.ts';
import { PostContent } from '../../functions/domain/post.ts';
import { ACTION_FUNCTIONS } from '../../lib/agent-action-functions.ts';
import { agentInstruction } from '../../lib/agent-stack.ts';
import { directoryHash } from '../../lib/content-hash.ts';
import { HANDLER_NAMES } from '../../lib/constructs/mcc-function.ts';
import type { MccStacks } from '../../lib/mcc-app.ts';
import { type Json, synthMcc } from './mcc-synth.ts';

let stacks: MccStacks;
let kb: Template;
let agents: Template;
let data: Template;
let monitoring: Template;

beforeAll(() => {
  const synthesized = synthMcc();
  stacks = synthesized.stacks;
  ({ knowledgeBase: kb, agents, data, monitoring } = synthesized.templates);
});

describe('knowledge base', () => {
  it('stores vectors in S3 Vectors: a 1024-dimension cosine float32 index with Bedrock text as non-filterable metadata', () => {
    kb.resourceCountIs('AWS::S3Vectors::VectorBucket', 1);
    kb.hasResourceProperties('AWS::S3Vectors::Index', {
      Dimension: 1024,
      DistanceMetric: 'cosine',
      DataType: 'float32',
      MetadataConfiguration: { NonFilterableMetadataKeys: ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'] },
    });
    kb.resourceCountIs('AWS::OpenSearchServerless::Collection', 0);
  });

  it('is a vector knowledge base of storage type S3_VECTORS embedding with Titan Text Embeddings V2', () => {
    kb.hasResourceProperties('AWS::Bedrock::KnowledgeBase', {
      StorageConfiguration: { Type: 'S3_VECTORS', S3VectorsConfiguration: { IndexArn: Match.anyValue(), VectorBucketArn: Match.anyValue() } },
      KnowledgeBaseConfiguration: { Type: 'VECTOR', VectorKnowledgeBaseConfiguration: Match.anyValue() },
    });
    const [base] = Object.values(kb.findResources('AWS::Bedrock::KnowledgeBase')) as { Properties: Json }[];
    const vector = JSON.stringify(base?.Properties.KnowledgeBaseConfiguration);
    expect(vector).toContain('foundation-model/amazon.titan-embed-text-v2:0');
    expect(vector).toContain('"Dimensions":1024');
  });

  it('indexes the knowledge bucket, into which knowledge-content/ is deployed and pruned', () => {
    kb.hasResourceProperties('AWS::Bedrock::DataSource', { DataSourceConfiguration: { Type: 'S3', S3Configuration: Match.objectLike({ BucketArn: Match.anyValue() }) } });
    kb.hasResourceProperties('Custom::CDKBucketDeployment', { Prune: true, DestinationBucketName: Match.anyValue() });
  });

  it('starts an ingestion job keyed on the content hash, after the content is deployed', () => {
    const [ingestion] = Object.values(kb.findResources('Custom::KnowledgeIngestion')) as { Properties: Json; DependsOn: string[] }[];
    const create = JSON.stringify(ingestion?.Properties.Create);
    expect(create).toContain('StartIngestionJob');
    expect(create).toContain(stacks.knowledgeBase.contentHash);
    expect(ingestion?.DependsOn.some((id) => id.startsWith('KnowledgeContent'))).toBe(true);
  });

  it('changes that key when, and only when, the content changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    mkdirSync(join(dir, 'playbooks'));
    writeFileSync(join(dir, 'playbooks', 'a.md'), 'one');
    const first = directoryHash(dir);
    expect(directoryHash(dir)).toBe(first);
    writeFileSync(join(dir, 'playbooks', 'a.md'), 'two');
    expect(directoryHash(dir)).not.toBe(first);
  });

  it('keeps its buckets private, TLS-only, encrypted, versioned and access-logged', () => {
    data.resourcePropertiesCountIs(
      'AWS::S3::Bucket',
      {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
        BucketEncryption: Match.anyValue(),
      },
      2,
    );
    data.resourceCountIs('AWS::SecretsManager::Secret', 3);
    data.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
  });
});

describe('agents', () => {
  it('deploys a planner and a writer, auto-prepared, with the instructions kept in lib/agent-instructions', () => {
    // The third, the campaign assistant, is asserted in assistant-agent.test.ts.
    agents.resourceCountIs('AWS::Bedrock::Agent', 3);
    agents.hasResourceProperties('AWS::Bedrock::Agent', { AgentName: 'mcc-dev-planner', AutoPrepare: true, Instruction: agentInstruction('planner') });
    agents.hasResourceProperties('AWS::Bedrock::Agent', { AgentName: 'mcc-dev-writer', AutoPrepare: true, Instruction: agentInstruction('writer') });
    agents.hasResourceProperties('AWS::Bedrock::Agent', { FoundationModel: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' });
  });

  it('instructs the planner to answer with exactly the Plan shape, and the writer with exactly PostContent', () => {
    const planner = agentInstruction('planner');
    for (const key of Object.keys(Plan.shape)) expect(planner).toContain(`"${key}"`);
    for (const key of ['postId', 'channel', 'publishDate', 'brief']) expect(planner).toContain(`"${key}"`);
    expect(planner).toMatch(/ONLY one JSON object/);
    const writer = agentInstruction('writer');
    for (const key of Object.keys(PostContent.shape)) expect(writer).toContain(`"${key}"`);
    expect(writer).toMatch(/ONLY one JSON object/);
  });

  it('associates the knowledge base and the guardrail with both agents', () => {
    const all = Object.values(agents.findResources('AWS::Bedrock::Agent')) as { Properties: Json }[];
    for (const { Properties: agent } of all) {
      expect((agent.KnowledgeBases as Json[])[0]).toMatchObject({ KnowledgeBaseState: 'ENABLED' });
      expect(JSON.stringify(agent.GuardrailConfiguration)).toMatch(/"GuardrailIdentifier":\{"Fn::GetAtt":\["Guardrail/);
      expect(JSON.stringify(agent.GuardrailConfiguration)).toMatch(/"GuardrailVersion":\{"Fn::GetAtt":\["GuardrailVersion/);
    }
  });

  it('serves the planner action group with the five functions from the agent-actions Lambda', () => {
    agents.hasResourceProperties('AWS::Bedrock::Agent', {
      AgentName: 'mcc-dev-planner',
      ActionGroups: [
        Match.objectLike({
          ActionGroupExecutor: { Lambda: Match.anyValue() },
          FunctionSchema: { Functions: Match.arrayWith([Match.objectLike({ Name: 'createWorkfrontProject' })]) },
        }),
      ],
    });
    expect(ACTION_FUNCTIONS.map((f) => f.name)).toEqual(['createWorkfrontProject', 'createWorkfrontTask', 'getWorkfrontProjectStatus', 'getCampaign', 'listCampaigns']);
    agents.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'bedrock.amazonaws.com', SourceArn: Match.anyValue() });
  });

  it('filters content and PII through a versioned guardrail', () => {
    agents.hasResourceProperties('AWS::Bedrock::Guardrail', {
      ContentPolicyConfig: { FiltersConfig: Match.arrayWith([Match.objectLike({ Type: 'HATE' }), Match.objectLike({ Type: 'PROMPT_ATTACK', OutputStrength: 'NONE' })]) },
      SensitiveInformationPolicyConfig: { PiiEntitiesConfig: Match.arrayWith([Match.objectLike({ Type: 'CREDIT_DEBIT_CARD_NUMBER', Action: 'BLOCK' })]) },
    });
    agents.resourceCountIs('AWS::Bedrock::GuardrailVersion', 1);
  });

  it('points a live alias at a new version whenever the agent configuration changes', () => {
    agents.hasResourceProperties('AWS::Bedrock::AgentAlias', {
      AgentAliasName: 'live',
      Description: `agent config ${stacks.agents.planner.configHash.slice(0, 16)}`,
    });
    expect(stacks.agents.planner.configHash).not.toBe(stacks.agents.writer.configHash);
  });

  it('allows the agents only the configured inference profile and its model', () => {
    const invoke = Object.values(agents.findResources('AWS::IAM::Policy'))
      .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement)
      .filter((s) => JSON.stringify(s.Action).includes('bedrock:InvokeModel'));
    expect(invoke).toHaveLength(3);
    for (const statement of invoke) {
      const resources = JSON.stringify(statement.Resource);
      expect(resources).toContain('inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0');
      expect(resources).toContain('::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0');
      expect(resources.match(/foundation-model|inference-profile/g)).toHaveLength(2);
    }
  });
});

describe('monitoring', () => {
  it('notifies an encrypted topic from alarms on failed and timed-out builds, expiring approvals, DLQ depth and API 5xx', () => {
    monitoring.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ApproximateNumberOfMessagesVisible', '5xx']) {
      monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, AlarmActions: [Match.anyValue()] });
    }
    monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Invocations', AlarmDescription: Match.stringLikeRegexp('expired') });
  });

  it('alarms on errors and throttles of every function, and has a dashboard', () => {
    monitoring.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Errors' }, HANDLER_NAMES.length);
    monitoring.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Throttles' }, HANDLER_NAMES.length);
    monitoring.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
