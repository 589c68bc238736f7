// How many posts each channel gets per campaign tier, and how they are spread
// over the campaign window. The numbers come from the playbooks in
// knowledge-content/ (campaign tiers, e-mail checklist, social playbook,
// content and blog playbook); test/knowledge/cadence-playbooks.test.ts keeps the
// two from drifting apart.
import type { Tier } from '../domain/campaign-tiers.ts';
import type { Channel } from '../domain/vocabulary.ts';

export type ChannelFamily = 'email' | 'social' | 'blog';

export const FAMILY: Readonly<Record<Channel, ChannelFamily>> = {
  EMAIL: 'email',
  BLOG: 'blog',
  LINKEDIN: 'social',
  X: 'social',
  INSTAGRAM: 'social',
  FACEBOOK: 'social',
};

export interface CadenceRule {
  /** Posts (sends, articles) per channel, by tier. */
  readonly count: Readonly<Record<Tier, number>>;
  /** Minimum days between two posts on the channel, where the window allows it. */
  readonly minGapDays: number;
  /** The last post goes out no later than this many days before the end date. */
  readonly lastPostDaysBeforeEnd: number;
  /** Tier 1 and 2 social: about half the posts in the first third of the window. */
  readonly frontLoaded: boolean;
  /** The playbook the rule comes from, cited by every plan that applies it. */
  readonly source: string;
  /** What each post in the sequence is for, by tier (the playbook's typical sequence). */
  readonly sequence: Readonly<Record<Tier, readonly string[]>>;
}

export const CADENCE: Readonly<Record<ChannelFamily, CadenceRule>> = {
  email: {
    count: { 1: 4, 2: 3, 3: 2 },
    minGapDays: 3,
    lastPostDaysBeforeEnd: 2,
    frontLoaded: false,
    source: 'playbooks/email-campaign-checklist.md',
    sequence: {
      1: ['teaser', 'launch', 'proof or value', 'last chance'],
      2: ['launch', 'proof or value', 'last chance'],
      3: ['launch', 'reminder'],
    },
  },
  social: {
    count: { 1: 6, 2: 4, 3: 2 },
    minGapDays: 2,
    lastPostDaysBeforeEnd: 0,
    frontLoaded: true,
    source: 'playbooks/social-campaign-playbook.md',
    sequence: {
      1: ['teaser', 'launch announcement', 'key benefit', 'customer proof', 'behind the scenes or demo', 'last chance or recap'],
      2: ['launch announcement', 'key benefit', 'customer proof', 'last chance or recap'],
      3: ['launch announcement', 'reminder'],
    },
  },
  blog: {
    count: { 1: 4, 2: 3, 3: 2 },
    minGapDays: 3,
    lastPostDaysBeforeEnd: 7,
    frontLoaded: false,
    source: 'playbooks/content-blog-playbook.md',
    sequence: {
      1: ['anchor article', 'how-to', 'customer story', 'thought leadership or data piece'],
      2: ['anchor article', 'how-to', 'customer story'],
      3: ['anchor article', 'supporting article'],
    },
  },
};

export function cadenceFor(channel: Channel): CadenceRule {
  return CADENCE[FAMILY[channel]];
}

export function postsPerChannel(channel: Channel, tier: Tier): number {
  return cadenceFor(channel).count[tier];
}
