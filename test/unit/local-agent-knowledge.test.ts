import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFromConfig } from '../../functions/adapters/agent-from-config.ts';
import { BedrockAgent } from '../../functions/adapters/bedrock-agent/bedrock-agent.ts';
import { LocalAgent } from '../../functions/adapters/local-agent/local-agent.ts';
import { S3KnowledgeSource } from '../../functions/adapters/local-agent/s3-knowledge-source.ts';
import { ConfigError } from '../../functions/shared/config.ts';
import { DirectoryKnowledgeSource } from '../../functions/knowledge/directory-knowledge-source.ts';
import type { KnowledgeSource } from '../../functions/knowledge/knowledge-source.ts';
import { KNOWLEDGE_ROOT, startKnowledgeBucket, type KnowledgeBucket } from '../support/knowledge-bucket.ts';

let bucket: KnowledgeBucket;
beforeAll(async () => {
  bucket = await startKnowledgeBucket('mcc-knowledge-unit');
});
afterAll(() => bucket?.stop());

describe('local agent knowledge, read from the knowledge bucket on s3rver', () => {
  it('loads every document under its knowledge-content/ path, the same as the directory', async () => {
    const fromS3 = await new S3KnowledgeSource(bucket.s3, bucket.bucket).load();
    const fromDisk = await new DirectoryKnowledgeSource(KNOWLEDGE_ROOT).load();
    expect(fromS3).toEqual(fromDisk);
    expect(fromS3.map((f) => f.id)).toContain('playbooks/campaign-tiers.md');
  });

  it('retrieves the passage that answers, deterministically', async () => {
    const agent = new LocalAgent(new S3KnowledgeSource(bucket.s3, bucket.bucket));
    const passages = await agent.retrieve({ query: 'X post 280 characters link counts as 23', maxResults: 3 });
    expect(passages[0]?.documentId).toMatch(/x-post-template|social-campaign-playbook/);
    expect(passages[0]?.text).toMatch(/280/);
    expect(await agent.retrieve({ query: 'X post 280 characters link counts as 23', maxResults: 3 })).toEqual(passages);
    const tiers = await agent.retrieve({ query: 'tier lead time weeks approval VP Director', maxResults: 1 });
    expect(tiers[0]?.documentId).toBe('playbooks/campaign-tiers.md');
  });

  it('indexes again on the next call when loading failed', async () => {
    let calls = 0;
    const flaky: KnowledgeSource = {
      load: async () => {
        calls++;
        if (calls === 1) throw new Error('bucket not ready');
        return new DirectoryKnowledgeSource(KNOWLEDGE_ROOT).load();
      },
    };
    const agent = new LocalAgent(flaky);
    await expect(agent.retrieve({ query: 'hashtags' })).rejects.toThrow('bucket not ready');
    expect((await agent.retrieve({ query: 'hashtags' })).length).toBeGreaterThan(0);
    expect(calls).toBe(2);
  });
});

describe('agentFromConfig', () => {
  it('builds the local agent from KNOWLEDGE_BUCKET and the Bedrock agent from its IDs', () => {
    expect(agentFromConfig({ AGENT_PROVIDER: 'local', KNOWLEDGE_BUCKET: bucket.bucket, S3_FORCE_PATH_STYLE: 'true', AWS_REGION: 'us-east-1' })).toBeInstanceOf(LocalAgent);
    const bedrock = {
      AGENT_PROVIDER: 'bedrock',
      PLANNER_AGENT_ID: 'P',
      PLANNER_AGENT_ALIAS_ID: 'PA',
      WRITER_AGENT_ID: 'W',
      WRITER_AGENT_ALIAS_ID: 'WA',
      KNOWLEDGE_BASE_ID: 'KB',
    };
    expect(agentFromConfig(bedrock)).toBeInstanceOf(BedrockAgent);
  });

  it('fails at cold start naming what is missing', () => {
    expect(() => agentFromConfig({ AGENT_PROVIDER: 'bedrock', PLANNER_AGENT_ID: 'P' })).toThrow(ConfigError);
    expect(() => agentFromConfig({ AGENT_PROVIDER: 'bedrock', PLANNER_AGENT_ID: 'P' })).toThrow(/WRITER_AGENT_ID: is not set/);
    expect(() => agentFromConfig({ AGENT_PROVIDER: 'openai' })).toThrow(/AGENT_PROVIDER/);
    expect(() => agentFromConfig({ AGENT_PROVIDER: 'local' })).toThrow(/KNOWLEDGE_BUCKET: is not set/);
  });
});
