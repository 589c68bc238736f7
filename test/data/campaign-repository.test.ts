import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import { MAX_REVISIONS } from '../../functions/domain/campaign-status.ts';
import { AlreadyExistsError, InvalidTransitionError, NotFoundError, ValidationError } from '../../functions/domain/errors.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { aCampaign, NOW } from '../support/fixtures.ts';

let repo: CampaignRepository;
beforeAll(async () => {
  const table = await createTestTable();
  repo = new CampaignRepository(table.doc, table.tableName);
});

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

async function createdAt(campaignId: string, minutes = 0, tenantId = 'acme'): Promise<Campaign> {
  const campaign = aCampaign({ tenantId, campaignId, now: later(minutes) });
  await repo.create(campaign);
  return campaign;
}

async function walk(campaignId: string, ...statuses: Campaign['status'][]): Promise<Campaign> {
  let campaign = await repo.require('acme', campaignId);
  for (const to of statuses) campaign = await repo.transition('acme', campaignId, { to, now: later(1) });
  return campaign;
}

describe('CampaignRepository.create', () => {
  it('stores a campaign that get returns unchanged', async () => {
    const campaign = await createdAt('create-1');
    expect(await repo.get('acme', 'create-1')).toEqual(campaign);
  });

  it('refuses a second create of the same campaign with AlreadyExists and keeps the first', async () => {
    const campaign = await createdAt('create-2');
    await expect(repo.create({ ...campaign, revision: 1 })).rejects.toBeInstanceOf(AlreadyExistsError);
    expect((await repo.get('acme', 'create-2'))?.revision).toBe(0);
  });

  it('refuses an invalid campaign with a ValidationError and writes nothing', async () => {
    const campaign = aCampaign({ campaignId: 'create-3' });
    const broken = { ...campaign, brief: { ...campaign.brief, channels: [] } };
    await expect(repo.create(broken)).rejects.toBeInstanceOf(ValidationError);
    expect(await repo.get('acme', 'create-3')).toBeUndefined();
  });
});

describe('CampaignRepository.get / require', () => {
  it('returns undefined for an unknown campaign, and require throws NotFound', async () => {
    expect(await repo.get('acme', 'nope')).toBeUndefined();
    await expect(repo.require('acme', 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it("does not find another tenant's campaign under the same ID", async () => {
    await createdAt('shared-id', 0, 'globex');
    expect(await repo.get('acme', 'shared-id')).toBeUndefined();
    expect((await repo.get('globex', 'shared-id'))?.tenantId).toBe('globex');
  });
});

describe('CampaignRepository.transition', () => {
  it('moves along the table, recording history, version and updatedAt', async () => {
    await createdAt('tr-1');
    const campaign = await walk('tr-1', 'PLANNING', 'GENERATING');
    expect(campaign.status).toBe('GENERATING');
    expect(campaign.history.map((h) => h.status)).toEqual(['REQUESTED', 'PLANNING', 'GENERATING']);
    expect(campaign.version).toBe(3);
    expect(campaign.updatedAt).toBe(later(1).toISOString());
  });

  it('refuses a transition the table forbids and leaves the campaign as it was', async () => {
    await createdAt('tr-2');
    const error = await repo.transition('acme', 'tr-2', { to: 'SYNCED', now: later(1) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ from: 'REQUESTED', to: 'SYNCED' });
    const stored = await repo.require('acme', 'tr-2');
    expect(stored.status).toBe('REQUESTED');
    expect(stored.version).toBe(1);
  });

  it('refuses when the campaign is not in the status the caller expects', async () => {
    await createdAt('tr-3');
    await expect(repo.transition('acme', 'tr-3', { from: 'PLANNING', to: 'GENERATING', now: later(1) })).rejects.toThrow(
      /campaign is REQUESTED, not PLANNING/,
    );
  });

  it('throws NotFound for an unknown campaign', async () => {
    await expect(repo.transition('acme', 'ghost', { to: 'PLANNING', now: later(1) })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets exactly one of two racing writers win', async () => {
    await createdAt('tr-race');
    await walk('tr-race', 'PLANNING', 'GENERATING', 'AWAITING_APPROVAL');
    const results = await Promise.allSettled([
      repo.transition('acme', 'tr-race', { to: 'APPROVED', now: later(2) }),
      repo.transition('acme', 'tr-race', { to: 'EXPIRED', now: later(2) }),
      repo.transition('acme', 'tr-race', { to: 'REJECTED', now: later(2) }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const stored = await repo.require('acme', 'tr-race');
    expect(stored.history).toHaveLength(5);
    expect(won[0]?.status === 'fulfilled' && won[0].value.status).toBe(stored.status);
  });

  it('records the reason with the status, and clears it on the next change', async () => {
    await createdAt('tr-reason');
    const failed = await repo.transition('acme', 'tr-reason', { to: 'FAILED', reason: 'planner returned no posts', now: later(1) });
    expect(failed.statusReason).toBe('planner returned no posts');
    expect(failed.history.at(-1)?.reason).toBe('planner returned no posts');
    await createdAt('tr-reason-2');
    const planning = await walk('tr-reason-2', 'PLANNING');
    expect(planning.statusReason).toBeUndefined();
  });

  it('allows revisions from REJECTED only while revisions remain, counting each', async () => {
    await createdAt('tr-rev');
    await walk('tr-rev', 'PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'REJECTED');
    for (let round = 1; round <= MAX_REVISIONS; round++) {
      const revised = await repo.transition('acme', 'tr-rev', { from: 'REJECTED', to: 'GENERATING', now: later(2) });
      expect(revised.revision).toBe(round);
      await walk('tr-rev', 'AWAITING_APPROVAL', 'REJECTED');
    }
    await expect(repo.transition('acme', 'tr-rev', { from: 'REJECTED', to: 'GENERATING', now: later(3) })).rejects.toThrow(
      /revisions have been used/,
    );
    expect((await repo.require('acme', 'tr-rev')).status).toBe('REJECTED');
  });

  it('does not take the revision path unless the caller names REJECTED as the source', async () => {
    await createdAt('tr-rev-implicit');
    await walk('tr-rev-implicit', 'PLANNING', 'GENERATING', 'AWAITING_APPROVAL', 'REJECTED');
    await expect(repo.transition('acme', 'tr-rev-implicit', { to: 'GENERATING', now: later(2) })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
  });

  it('writes a patch together with the status', async () => {
    await createdAt('tr-patch');
    await walk('tr-patch', 'PLANNING');
    const plan = {
      summary: 'Two e-mails a week apart',
      posts: [{ postId: 'p1', channel: 'EMAIL' as const, publishDate: '2027-02-15', brief: 'Announce the webinar series' }],
    };
    const campaign = await repo.transition('acme', 'tr-patch', { to: 'GENERATING', now: later(2), patch: { plan } });
    expect(campaign.plan).toEqual(plan);
    expect((await repo.require('acme', 'tr-patch')).plan).toEqual(plan);
  });

  it('refuses an invalid plan patch without changing the status', async () => {
    await createdAt('tr-bad-patch');
    await walk('tr-bad-patch', 'PLANNING');
    const plan = { summary: 'x', posts: [] };
    await expect(repo.transition('acme', 'tr-bad-patch', { to: 'GENERATING', now: later(2), patch: { plan } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await repo.require('acme', 'tr-bad-patch')).status).toBe('PLANNING');
  });
});
