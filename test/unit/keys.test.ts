import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allCampaignsKey,
  approvalKey,
  belongsToTenant,
  byStatusKey,
  campaignKey,
  dedupKey,
  postKey,
  workfrontLinkKey,
  workfrontObjectGuardKey,
  workfrontObjectKey,
} from '../../functions/data/keys.ts';

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

const tenantId = fc.stringMatching(TENANT_ID);
const id = fc.stringMatching(ID);
/** Tiny alphabets make near-collisions (prefixes, shared separators) likely. */
const crampedTenant = fc.stringMatching(/^[a][a-]{0,3}$/);
const crampedId = fc.stringMatching(/^[aA][aA:.-]{0,3}$/);

function partitionKeysOf(tenant: string): [string, string][] {
  return [
    ['campaignKey', campaignKey(tenant, 'cmp-1').PK],
    ['postKey', postKey(tenant, 'cmp-1', 'post-1').PK],
    ['approvalKey', approvalKey(tenant, 'cmp-1', 'apr-1').PK],
    ['workfrontLinkKey', workfrontLinkKey(tenant, 'cmp-1', 'PROJ', 'abc123').PK],
    ['dedupKey', dedupKey(tenant, 'workfront-event', 'evt-1').PK],
    ['workfrontObjectGuardKey', workfrontObjectGuardKey(tenant, 'TASK', 'abc123').PK],
    ['byStatusKey', byStatusKey(tenant, 'REQUESTED')],
    ['allCampaignsKey', allCampaignsKey(tenant)],
    ['workfrontObjectKey', workfrontObjectKey(tenant, 'PROJ', 'abc123')],
  ];
}

describe('key builders', () => {
  it("GIVEN any key builder THEN its partition key starts with TENANT#<tenant># and belongs to that tenant only", () => {
    for (const [builder, pk] of partitionKeysOf('acme')) {
      expect(pk.startsWith('TENANT#acme#'), builder).toBe(true);
      expect(belongsToTenant(pk, 'acme'), builder).toBe(true);
      expect(belongsToTenant(pk, 'acm'), builder).toBe(false);
      expect(belongsToTenant(pk, 'acme-eu'), builder).toBe(false);
    }
  });

  it("GIVEN a key of tenant 'ab' THEN it does not belong to tenant 'a', nor a key of 'a' to 'ab'", () => {
    expect(belongsToTenant(campaignKey('ab', 'cmp-1').PK, 'a')).toBe(false);
    expect(belongsToTenant(campaignKey('a', 'cmp-1').PK, 'ab')).toBe(false);
  });

  it('GIVEN a campaign, its post and its approval THEN they share one partition but have distinct sort keys', () => {
    const keys = [campaignKey('acme', 'cmp-1'), postKey('acme', 'cmp-1', 'x'), approvalKey('acme', 'cmp-1', 'x'), workfrontLinkKey('acme', 'cmp-1', 'TASK', 'x')];
    expect(new Set(keys.map((k) => k.PK)).size).toBe(1);
    expect(new Set(keys.map((k) => k.SK)).size).toBe(keys.length);
  });

  it('GIVEN two different (tenant, campaign) pairs of valid IDs THEN their campaign, post and approval partition keys differ', () => {
    const tenant = fc.oneof(tenantId, crampedTenant);
    const campaign = fc.oneof(id, crampedId);
    fc.assert(
      fc.property(tenant, campaign, tenant, campaign, id, (t1, c1, t2, c2, child) => {
        fc.pre(t1 !== t2 || c1 !== c2);
        expect(campaignKey(t1, c1).PK).not.toBe(campaignKey(t2, c2).PK);
        expect(postKey(t1, c1, child).PK).not.toBe(postKey(t2, c2, child).PK);
        expect(approvalKey(t1, c1, child).PK).not.toBe(approvalKey(t2, c2, child).PK);
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN two different (tenant, campaign, post) triples THEN their post keys differ', () => {
    const tenant = fc.oneof(tenantId, crampedTenant);
    const anId = fc.oneof(id, crampedId);
    fc.assert(
      fc.property(fc.tuple(tenant, anId, anId), fc.tuple(tenant, anId, anId), ([t1, c1, p1], [t2, c2, p2]) => {
        fc.pre(t1 !== t2 || c1 !== c2 || p1 !== p2);
        const [a, b] = [postKey(t1, c1, p1), postKey(t2, c2, p2)];
        expect(a.PK === b.PK && a.SK === b.SK).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN valid tenant IDs t and u with t != u THEN no key of t belongs to u', () => {
    fc.assert(
      fc.property(fc.oneof(tenantId, crampedTenant), fc.oneof(tenantId, crampedTenant), (t, u) => {
        fc.pre(t !== u);
        for (const [builder, pk] of partitionKeysOf(t)) expect(belongsToTenant(pk, u), builder).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
