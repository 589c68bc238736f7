// fast-check properties run against DynamoDB Local: whatever the interleaving,
// no tenant sees another's items, and stored histories only follow the table.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { CAMPAIGN_STATUSES, findTransition, MAX_REVISIONS, type CampaignStatus } from '../../functions/domain/campaign-status.ts';
import { ConflictError, InvalidTransitionError } from '../../functions/domain/errors.ts';
import { createTestTable } from '../support/dynamodb.ts';
import { aCampaign, NOW } from '../support/fixtures.ts';
import { aPost } from '../support/posts.ts';

let repo: CampaignRepository;
beforeAll(async () => {
  const table = await createTestTable();
  repo = new CampaignRepository(table.doc, table.tableName);
});

type Op =
  | { kind: 'create'; tenant: number; campaign: number }
  | { kind: 'post'; tenant: number; campaign: number; post: number }
  | { kind: 'link'; tenant: number; campaign: number; object: number }
  | { kind: 'plan'; tenant: number; campaign: number };

const small = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), tenant: small, campaign: small }),
  fc.record({ kind: fc.constant('post' as const), tenant: small, campaign: small, post: small }),
  fc.record({ kind: fc.constant('link' as const), tenant: small, campaign: small, object: small }),
  fc.record({ kind: fc.constant('plan' as const), tenant: small, campaign: small }),
);

let run = 0;

describe('tenant isolation on DynamoDB Local', () => {
  it('random interleavings of writes across tenants never return another tenant’s item', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
        run++;
        const tenant = (n: number) => `run${run}-t${n}`;
        const id = (n: number) => `c${n}`;
        const created = new Set<string>();
        const posted = new Map<string, Set<string>>();
        const linked = new Map<string, string>();
        // Concurrent, so the table sees real interleavings, not a sequence.
        await Promise.all(
          ops.map(async (o) => {
            const t = tenant(o.tenant);
            const c = id(o.campaign);
            if (o.kind === 'create') {
              await repo.create(aCampaign({ tenantId: t, campaignId: c })).catch(() => undefined);
              created.add(`${t}/${c}`);
            } else if (o.kind === 'post') {
              const post = aPost(c, o.post);
              await repo.putPosts(t, c, [post]);
              posted.set(`${t}/${c}`, (posted.get(`${t}/${c}`) ?? new Set()).add(post.postId));
            } else if (o.kind === 'link') {
              const objId = `obj${o.object}`;
              // An object links to one campaign: the first link wins, a link elsewhere is a Conflict.
              const ok = await repo
                .putWorkfrontLink(t, { objCode: 'PROJ', objId, campaignId: c, updatedAt: NOW.toISOString() })
                .then(() => true, (error: unknown) => (error instanceof ConflictError ? false : Promise.reject(error)));
              if (ok) linked.set(`${t}/${objId}`, c);
            } else {
              await repo.transition(t, c, { to: 'PLANNING', now: NOW }).catch(() => undefined);
            }
          }),
        );
        for (const tn of [0, 1, 2]) {
          const t = tenant(tn);
          const listed = await repo.list(t, { limit: 100 });
          expect(listed.items.every((c) => c.tenantId === t)).toBe(true);
          expect(new Set(listed.items.map((c) => `${t}/${c.campaignId}`))).toEqual(new Set([...created].filter((k) => k.startsWith(`${t}/`))));
          for (const cn of [0, 1, 2]) {
            const c = id(cn);
            const got = await repo.get(t, c);
            expect(got === undefined ? undefined : got.tenantId).toBe(created.has(`${t}/${c}`) ? t : undefined);
            const posts = await repo.listPosts(t, c);
            expect(new Set(posts.map((p) => p.postId))).toEqual(posted.get(`${t}/${c}`) ?? new Set());
          }
          for (const on of [0, 1, 2]) {
            const link = await repo.findWorkfrontLink(t, 'PROJ', `obj${on}`);
            expect(link?.campaignId).toBe(linked.get(`${t}/obj${on}`));
          }
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('status transitions on DynamoDB Local', () => {
  it('no sequence of attempted transitions stores a history the table forbids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ to: fc.constantFrom(...CAMPAIGN_STATUSES), explicit: fc.boolean() }), { maxLength: 25 }),
        async (attempts) => {
          run++;
          const campaignId = `seq${run}`;
          await repo.create(aCampaign({ campaignId }));
          let current: CampaignStatus = 'REQUESTED';
          for (const { to, explicit } of attempts) {
            try {
              current = (await repo.transition('acme', campaignId, { to, ...(explicit ? { from: current } : {}), now: NOW })).status;
            } catch (error) {
              expect(error).toBeInstanceOf(InvalidTransitionError);
            }
          }
          const stored = await repo.require('acme', campaignId);
          expect(stored.status).toBe(current);
          expect(stored.revision).toBeLessThanOrEqual(MAX_REVISIONS);
          expect(stored.version).toBe(stored.history.length);
          stored.history.slice(1).forEach((step, i) => {
            const before = stored.history[i]?.status as CampaignStatus;
            expect(findTransition(before, step.status), `${before} → ${step.status}`).toBeDefined();
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
