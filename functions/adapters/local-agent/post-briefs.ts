// The brief for each planned post, drawn from the channel's checklist and
// template in knowledge-content/: what the post is for in the sequence, and
// the rules its draft must meet.
import type { CampaignBrief } from '../../domain/campaign-brief.ts';
import type { Channel } from '../../domain/vocabulary.ts';

const CHANNEL_NAME: Readonly<Record<Channel, string>> = {
  EMAIL: 'E-mail send',
  BLOG: 'Blog article',
  LINKEDIN: 'LinkedIn post',
  X: 'X post',
  INSTAGRAM: 'Instagram post',
  FACEBOOK: 'Facebook post',
};

/** The checklist items a draft on the channel must meet (e-mail checklist, social playbook, templates). */
export const CHANNEL_CHECKLIST: Readonly<Record<Channel, string>> = {
  EMAIL:
    'Write exactly 3 genuinely different subject-line variants of 30–50 characters (never over 60), a 40–100 character preheader, a sentence-case headline of 60 characters or fewer, a 50–200 word body and one primary call to action of 2–5 words.',
  BLOG:
    'Title tag of 60 characters or fewer, meta description of 155 or fewer, an introduction of 50–120 words, H2 sections that each answer one question, at least one sourced proof point, and exactly one tracked call to action.',
  LINKEDIN:
    'Hook within the first 210 characters, 600–1,300 characters in all (3,000 at most), short paragraphs, one call to action with a UTM-tagged link, and 3 CamelCase hashtags at the end with the campaign hashtag first.',
  X: 'One idea in 280 characters or fewer (a link counts as 23), the benefit first, one call to action with a UTM-tagged link, and 1–2 CamelCase hashtags.',
  INSTAGRAM:
    'Hook within the first 125 characters, a caption of 300–900 characters, "link in bio" for the call to action, and 3–5 CamelCase hashtags at the end with the campaign hashtag first.',
  FACEBOOK: 'Under 250 characters before the link, the benefit first, one call to action with a UTM-tagged link, and at most 2 hashtags.',
};

export interface PostBriefInput {
  readonly brief: CampaignBrief;
  readonly channel: Channel;
  readonly index: number;
  readonly count: number;
  readonly step: string;
}

export function postBrief({ brief, channel, index, count, step }: PostBriefInput): string {
  return [
    `${CHANNEL_NAME[channel]} ${index + 1} of ${count} (${step}) for "${brief.name}".`,
    `Objective: ${brief.objective}`,
    `Audience: ${brief.audience}.`,
    CHANNEL_CHECKLIST[channel],
    'Follow the brand voice guideline: plain words, numerals, sentence case, no banned words.',
  ]
    .join(' ')
    .slice(0, 2000);
}
