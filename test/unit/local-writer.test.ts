import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandVoiceViolations } from '../../functions/adapters/local-agent/brand-voice.ts';
import { buildPlan } from '../../functions/adapters/local-agent/planner.ts';
import { writeReply } from '../../functions/adapters/local-agent/writer.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import type { PlannedPost } from '../../functions/domain/plan.ts';
import { CHANNELS, type Channel } from '../../functions/domain/vocabulary.ts';
import { channelLength, CHANNEL_RULES } from '../../functions/knowledge/channel-rules.ts';
import { checkPostContent } from '../../functions/use-cases/post-content.ts';
import { campaignArbitrary } from '../support/briefs.ts';
import { aCampaign } from '../support/fixtures.ts';

const allChannels = aCampaign({
  brief: {
    type: 'PRODUCT_LAUNCH',
    name: 'Revolutionary Northwind Insights 4.0 launch',
    objective: 'Unlock 120 demo requests from mid-market finance teams with our game-changing close tool!!',
    channels: [...CHANNELS],
  },
});

function draft(campaign: Campaign, post: PlannedPost, guidance: string | null = null) {
  const reply = writeReply({ session: { tenantId: 'acme', campaignId: campaign.campaignId }, campaign, post, passages: [], guidance, revision: guidance ? 1 : 0, corrections: [] }, (id) => `Title of ${id}`);
  const check = checkPostContent(reply.text, post.channel);
  if (!check.ok) throw new Error(`${post.postId}: ${check.errors.join('; ')}`);
  return { content: check.content, citations: reply.citations };
}

const firstPost = (campaign: Campaign, channel: Channel): PlannedPost => {
  const post = buildPlan(campaign).posts.find((p) => p.channel === channel);
  if (!post) throw new Error(`no ${channel} post`);
  return post as PlannedPost;
};

describe('local writer', () => {
  it('writes e-mail with exactly 3 subject lines of at most 60 characters and one call to action', () => {
    const { content } = draft(allChannels, firstPost(allChannels, 'EMAIL'));
    expect(content.subjectLines).toHaveLength(3);
    for (const line of content.subjectLines ?? []) expect(line.length).toBeLessThanOrEqual(60);
    expect(new Set(content.subjectLines).size).toBe(3);
    expect(content.body).toContain(`[ ${content.callToAction} ]`);
    expect(content.body).toMatch(/utm_source=email&utm_medium=email/);
  });

  it.each(CHANNELS)('keeps %s within its limits, with its template’s hashtags and a tracked call to action', (channel) => {
    const { content, citations } = draft(allChannels, firstPost(allChannels, channel));
    expect(channelLength(channel, content.body)).toBeLessThanOrEqual(CHANNEL_RULES[channel].maxBodyChars);
    expect(content.callToAction.split(' ').length).toBeLessThanOrEqual(5);
    for (const tag of content.hashtags ?? []) expect(content.body).toContain(tag);
    expect((content.hashtags ?? []).length).toBeLessThanOrEqual(CHANNEL_RULES[channel].maxHashtags);
    expect(citations.map((c) => c.documentId)).toEqual(expect.arrayContaining([CHANNEL_RULES[channel].template, 'guidelines/brand-voice.md']));
    expect(content.body).toMatch(channel === 'INSTAGRAM' ? /Link in bio\./ : /utm_campaign=/);
  });

  it('follows the brand voice even when the brief uses words the guideline avoids', () => {
    for (const channel of CHANNELS) {
      const { content } = draft(allChannels, firstPost(allChannels, channel));
      expect(brandVoiceViolations([content.title ?? '', content.body, ...(content.subjectLines ?? [])].join('\n')), channel).toEqual([]);
    }
  });

  it('uses 3 hashtags on LinkedIn, 1–2 on X, 3–5 on Instagram and at most 2 on Facebook', () => {
    const count = (channel: Channel) => draft(allChannels, firstPost(allChannels, channel)).content.hashtags?.length ?? 0;
    expect(count('LINKEDIN')).toBe(3);
    expect(count('X')).toBeGreaterThanOrEqual(1);
    expect(count('X')).toBeLessThanOrEqual(2);
    expect(count('INSTAGRAM')).toBeGreaterThanOrEqual(3);
    expect(count('INSTAGRAM')).toBeLessThanOrEqual(5);
    expect(count('FACEBOOK')).toBeLessThanOrEqual(2);
  });

  it('acts on a reviewer asking for shorter copy', () => {
    const post = firstPost(allChannels, 'LINKEDIN');
    expect(draft(allChannels, post, 'Make it shorter please').content.body.length).toBeLessThan(draft(allChannels, post).content.body.length);
  });

  it('fits every X draft into 280 characters (links counted as 23) and passes every channel check, whatever the brief', () => {
    fc.assert(
      fc.property(campaignArbitrary, (campaign) => {
        for (const post of buildPlan(campaign).posts.slice(0, 8)) {
          const { content } = draft(campaign, post as PlannedPost);
          if (post.channel === 'X') expect(channelLength('X', content.body)).toBeLessThanOrEqual(280);
        }
      }),
      { numRuns: 60 },
    );
  });
});
