import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { ConflictError, ValidationError } from '../../functions/domain/errors.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { aPost } from '../support/posts.ts';
import { NOW } from '../support/fixtures.ts';

let repo: CampaignRepository;
beforeAll(async () => {
  const table = await createTestTable();
  repo = new CampaignRepository(table.doc, table.tableName);
});

describe('posts', () => {
  it('writes more posts than one batch holds and reads every one back', async () => {
    const posts = Array.from({ length: 60 }, (_, n) => aPost('big', n));
    await repo.putPosts('acme', 'big', posts);
    const stored = await repo.listPosts('acme', 'big');
    expect(stored.map((p) => p.postId).sort()).toEqual(posts.map((p) => p.postId).sort());
  });

  it('overwrites a post with its generated draft', async () => {
    await repo.putPosts('acme', 'draft', [aPost('draft', 1)]);
    const generated = aPost('draft', 1, {
      status: 'GENERATED',
      content: { body: 'Join us for three short sessions.', subjectLines: ['A', 'B', 'C'], callToAction: 'Save your seat' },
      citations: [{ documentId: 'playbooks/email-campaign-checklist.md', title: 'E-mail campaign checklist' }],
    });
    await repo.putPosts('acme', 'draft', [generated]);
    expect(await repo.listPosts('acme', 'draft')).toEqual([generated]);
  });

  it('refuses a post of another campaign, duplicate IDs and invalid posts, writing none of the batch', async () => {
    await expect(repo.putPosts('acme', 'guard', [aPost('guard', 1), aPost('other', 2)])).rejects.toBeInstanceOf(ValidationError);
    await expect(repo.putPosts('acme', 'guard', [aPost('guard', 1), aPost('guard', 1)])).rejects.toThrow(/unique/);
    await expect(repo.putPosts('acme', 'guard', [aPost('guard', 1), aPost('guard', 2, { brief: '' })])).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await repo.listPosts('acme', 'guard')).toEqual([]);
  });

  it("keeps one tenant's posts out of another's campaign of the same ID", async () => {
    await repo.putPosts('globex', 'same', [aPost('same', 1)]);
    expect(await repo.listPosts('acme', 'same')).toEqual([]);
  });
});

describe('Workfront links', () => {
  const link = {
    objCode: 'PROJ' as const,
    objId: '5f3a0c9e00012b4c8d1e2f3a4b5c6d7e',
    campaignId: 'wf-1',
    url: 'https://acme.my.workfront.com/project/5f3a0c9e00012b4c8d1e2f3a4b5c6d7e',
    updatedAt: NOW.toISOString(),
  };

  it('finds the campaign from a Workfront object ID through GSI2', async () => {
    await repo.putWorkfrontLink('acme', link);
    expect(await repo.findWorkfrontLink('acme', 'PROJ', link.objId)).toEqual(link);
  });

  it("does not resolve another tenant's Workfront object", async () => {
    await repo.putWorkfrontLink('acme', { ...link, objId: 'acmeonly01' });
    expect(await repo.findWorkfrontLink('globex', 'PROJ', 'acmeonly01')).toBeUndefined();
  });

  it('keeps a task link apart from a project link with the same ID', async () => {
    await repo.putWorkfrontLink('acme', { ...link, objCode: 'TASK', objId: 'shared01', postId: 'post-001' });
    expect(await repo.findWorkfrontLink('acme', 'PROJ', 'shared01')).toBeUndefined();
    expect((await repo.findWorkfrontLink('acme', 'TASK', 'shared01'))?.postId).toBe('post-001');
  });
});

describe('Workfront link uniqueness', () => {
  const link = { objCode: 'PROJ' as const, objId: 'unique01', campaignId: 'wf-a', updatedAt: NOW.toISOString() };

  it('refreshes a link to the same campaign but refuses to link the object to a second campaign', async () => {
    await repo.putWorkfrontLink('acme', link);
    await repo.putWorkfrontLink('acme', { ...link, status: 'CUR' });
    await expect(repo.putWorkfrontLink('acme', { ...link, campaignId: 'wf-b' })).rejects.toBeInstanceOf(ConflictError);
    expect(await repo.findWorkfrontLink('acme', 'PROJ', 'unique01')).toMatchObject({ campaignId: 'wf-a', status: 'CUR' });
  });
});
