// What a finished post must respect on each channel: hard length limits,
// hashtag counts and e-mail subject lines, from the per-channel templates and
// the social playbook in knowledge-content/. Every draft is checked against
// these, whichever agent wrote it.
import type { Channel } from '../domain/vocabulary.ts';

export interface ChannelRule {
  /** Hard limit on the publishable text (the post body). */
  readonly maxBodyChars: number;
  /** X counts every link as 23 characters, whatever its length. */
  readonly linksCountAs?: number;
  readonly maxHashtags: number;
  readonly subjectLines?: { readonly count: 3; readonly maxChars: number };
  /** The template the writer follows; cited by every draft for the channel. */
  readonly template: string;
}

export const CHANNEL_RULES: Readonly<Record<Channel, ChannelRule>> = {
  EMAIL: { maxBodyChars: 20_000, maxHashtags: 0, subjectLines: { count: 3, maxChars: 60 }, template: 'templates/email-template.md' },
  BLOG: { maxBodyChars: 20_000, maxHashtags: 0, template: 'templates/blog-post-template.md' },
  LINKEDIN: { maxBodyChars: 3_000, maxHashtags: 5, template: 'templates/linkedin-post-template.md' },
  X: { maxBodyChars: 280, linksCountAs: 23, maxHashtags: 2, template: 'templates/x-post-template.md' },
  INSTAGRAM: { maxBodyChars: 2_200, maxHashtags: 30, template: 'templates/instagram-post-template.md' },
  FACEBOOK: { maxBodyChars: 63_206, maxHashtags: 2, template: 'templates/facebook-post-template.md' },
};

export const BRAND_VOICE = 'guidelines/brand-voice.md';

const LINK = /https?:\/\/\S+/g;

/** Length as the channel counts it (on X a link is 23 characters). */
export function channelLength(channel: Channel, text: string): number {
  const rule = CHANNEL_RULES[channel];
  const chars = [...text].length;
  if (rule.linksCountAs === undefined) return chars;
  const links = text.match(LINK) ?? [];
  return links.reduce((n, link) => n - [...link].length + (rule.linksCountAs ?? 0), chars);
}
