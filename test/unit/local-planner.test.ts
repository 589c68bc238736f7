import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan, planReply } from '../../functions/adapters/local-agent/planner.ts';
import { daysBetween } from '../../functions/domain/calendar.ts';
import { CADENCE, cadenceFor, postsPerChannel } from '../../functions/knowledge/cadence.ts';
import { checkPlan } from '../../functions/use-cases/plan-validation.ts';
import { campaignArbitrary } from '../support/briefs.ts';
import { aCampaign } from '../support/fixtures.ts';

const runs = { numRuns: 200 };

describe('local planner properties', () => {
  it('dates every post inside the campaign window, with unique post IDs', () => {
    fc.assert(
      fc.property(campaignArbitrary, (campaign) => {
        const plan = buildPlan(campaign);
        for (const post of plan.posts) {
          expect(post.publishDate >= campaign.brief.launchDate && post.publishDate <= campaign.brief.endDate).toBe(true);
        }
        expect(new Set(plan.posts.map((p) => p.postId)).size).toBe(plan.posts.length);
      }),
      runs,
    );
  });

  it('plans exactly the playbook number of posts for each of the brief’s channels, and no others', () => {
    fc.assert(
      fc.property(campaignArbitrary, (campaign) => {
        const plan = buildPlan(campaign);
        for (const channel of campaign.brief.channels) {
          expect(plan.posts.filter((p) => p.channel === channel)).toHaveLength(postsPerChannel(channel, campaign.tier));
        }
        expect(plan.posts.every((p) => campaign.brief.channels.includes(p.channel as never))).toBe(true);
      }),
      runs,
    );
  });

  it('is deterministic: the same brief gives the same plan', () => {
    fc.assert(
      fc.property(campaignArbitrary, (campaign) => {
        expect(buildPlan(structuredClone(campaign))).toEqual(buildPlan(campaign));
      }),
      runs,
    );
  });

  it('starts each channel on the launch date and keeps the minimum gap wherever the window allows it', () => {
    fc.assert(
      fc.property(campaignArbitrary, (campaign) => {
        const plan = buildPlan(campaign);
        const window = daysBetween(campaign.brief.launchDate, campaign.brief.endDate);
        for (const channel of campaign.brief.channels) {
          const rule = cadenceFor(channel);
          const dates = plan.posts.filter((p) => p.channel === channel).map((p) => p.publishDate);
          expect(dates[0]).toBe(campaign.brief.launchDate);
          const latest = Math.max(0, window - rule.lastPostDaysBeforeEnd);
          if (latest >= rule.minGapDays * (dates.length - 1)) {
            for (let i = 1; i < dates.length; i++) expect(daysBetween(dates[i - 1] ?? '', dates[i] ?? '')).toBeGreaterThanOrEqual(rule.minGapDays);
            expect(daysBetween(dates.at(-1) ?? '', campaign.brief.endDate)).toBeGreaterThanOrEqual(rule.lastPostDaysBeforeEnd);
          }
        }
      }),
      runs,
    );
  });

  it('answers in text that the shared plan validation accepts without repair', () => {
    fc.assert(
      fc.property(campaignArbitrary, (campaign) => {
        const check = checkPlan(planReply(campaign, (id) => id).text, campaign.brief);
        expect(check).toMatchObject({ ok: true, repairs: [] });
      }),
      { numRuns: 100 },
    );
  });
});

describe('local planner examples', () => {
  it('front-loads a Tier 1 social channel: half the posts in the first third, the last on the end date', () => {
    const campaign = aCampaign({ brief: { type: 'PRODUCT_LAUNCH', channels: ['LINKEDIN'], launchDate: '2027-03-01', endDate: '2027-03-31' } });
    const dates = buildPlan(campaign).posts.map((p) => p.publishDate);
    expect(dates).toHaveLength(6);
    expect(dates.filter((d) => daysBetween('2027-03-01', d) <= 10)).toHaveLength(3);
    expect(dates.at(-1)).toBe('2027-03-31');
  });

  it('writes each post brief from its channel checklist and sequence step', () => {
    const campaign = aCampaign({ brief: { channels: ['EMAIL', 'X'], budget: { amount: 30_000, currency: 'USD' } } });
    const [email, x] = [buildPlan(campaign).posts[0], buildPlan(campaign).posts.find((p) => p.channel === 'X')];
    expect(email?.brief).toMatch(/E-mail send 1 of 3 \(launch\).*exactly 3 genuinely different subject-line variants/);
    expect(x?.brief).toMatch(/X post 1 of 4 \(launch announcement\).*280 characters/);
  });
});

describe('cadence rules agree with the playbooks', () => {
  const doc = (path: string) => readFileSync(new URL(`../../knowledge-content/${path}`, import.meta.url), 'utf8');
  const tableAfter = (text: string, heading: string): Record<number, number> => {
    const section = text.slice(text.indexOf(heading));
    const rows = [...section.matchAll(/^\| ([123]) \| (\d+) \|/gm)].slice(0, 3);
    return Object.fromEntries(rows.map((m) => [Number(m[1]), Number(m[2])]));
  };

  it('e-mail sends, social posts per network and blog articles per tier', () => {
    expect(tableAfter(doc(CADENCE.email.source), '## E-mail cadence by tier')).toEqual(CADENCE.email.count);
    expect(tableAfter(doc(CADENCE.social.source), '## Posting cadence by tier')).toEqual(CADENCE.social.count);
    expect(tableAfter(doc(CADENCE.blog.source), '## Article cadence by tier')).toEqual(CADENCE.blog.count);
  });
});
