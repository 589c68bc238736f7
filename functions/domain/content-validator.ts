// ContentValidator: the automated checks a draft passes before anyone is
// asked to approve it. Each rule cites where it comes from:
//   brand-voice   guidelines/brand-voice.md "Words to avoid" (and "one
//                 exclamation mark per piece at most", Formatting)
//   claims        guidelines/brand-voice.md "Legal claims policy": superlatives
//                 and comparisons need legal approval; statistics need a source;
//                 never "fully secure" or "100% compliant"
//   channel       the channel templates' hard limits (knowledge/channel-rules.ts)
//   links         well-formed https links, no bare IP hosts, no URL shorteners
//                 (the reader must see where a link goes)
//   accessibility guidelines/brand-voice.md "Accessibility": alt text on every
//                 image (≤ 125 characters, never "Image of"), descriptive link
//                 text ("no 'click here' or bare URLs in body copy"), "no all
//                 caps" (Formatting → Emphasis), and a Flesch–Kincaid grade
// The result per post is a scorecard; a post passes when every check does.
import { z } from 'zod';
import { fleschKincaid } from './readability.ts';
import type { PostContent } from './post.ts';
import type { Channel } from './vocabulary.ts';

export const CHECKS = ['brand-voice', 'claims', 'channel', 'links', 'alt-text', 'link-text', 'all-caps', 'readability'] as const;
export const CheckName = z.enum(CHECKS);
export type CheckName = z.infer<typeof CheckName>;

export const CheckResult = z.strictObject({
  check: CheckName,
  passed: z.boolean(),
  findings: z.array(z.string().max(300)).max(20),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const PostScorecard = z.strictObject({
  postId: z.string().min(1).max(128),
  passed: z.boolean(),
  readingGrade: z.number().min(0).max(100),
  checks: z.array(CheckResult),
});
export type PostScorecard = z.infer<typeof PostScorecard>;

/** The channel's hard limits, as knowledge/channel-rules.ts states them. */
export interface ChannelLimits {
  readonly maxBodyChars: number;
  readonly linksCountAs?: number;
  readonly maxHashtags: number;
  readonly subjectLines?: { readonly count: number; readonly maxChars: number };
}

/** Above this grade copy stops being "plain words, short sentences" (brand voice: Clear); grade 12 is the end of US high school. */
export const MAX_READING_GRADE = 12;
export const MAX_ALT_TEXT = 125;

const WORDS_TO_AVOID = [
  'revolutionary', 'game-changing', 'best-in-class', 'world-class', 'synergy', 'leverage', 'leverages', 'leveraged', 'leveraging',
  'cutting-edge', 'next-generation', 'seamless', 'seamlessly', 'robust', 'utilize', 'utilizes', 'utilized', 'utilizing',
  'empower', 'empowers', 'empowered', 'empowering', 'disrupt', 'disrupts', 'disruptive', 'unlock', 'unlocks', 'unlocked',
  'supercharge', 'supercharged', 'supercharging',
];
const AVOID = new RegExp(`(?<![\\w-])(?:${WORDS_TO_AVOID.map((w) => w.replace(/-/g, '\\-')).join('|')})(?![\\w-])|we(?:'re| are) excited to announce`, 'gi');
const SUPERLATIVE = /(?<![\w-])(?:fastest|leading|best|#1|number one|better than|unbeatable|unmatched|guaranteed|fully secure|100% (?:secure|compliant))(?![\w-])/gi;
const STATISTIC = /\b\d+(?:[.,]\d+)?\s?(?:%|x\b|times\b)|\bup to \d/gi;
const SOURCE = /\b(?:source|according to|study|survey|report|benchmark)\b|\[\d+\]|\*/i;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s)<>"']+|\bwww\.[^\s)<>"']+/gi;
const MARKDOWN_LINK = /(?<!!)\[([^\]]*)\]\(([^)\s]+)\)/g;
const MARKDOWN_IMAGE = /!\[([^\]]*)\]\(([^)\s]+)\)/g;
const HTML_IMAGE = /<img\b[^>]*>/gi;
const HTML_LINK = /<a\b[^>]*>(.*?)<\/a>/gis;
const SHORTENERS = new Set(['bit.ly', 't.co', 'tinyurl.com', 'goo.gl', 'ow.ly', 'buff.ly', 'is.gd', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'tiny.cc', 'rb.gy', 'lnkd.in']);
const VAGUE_LINK_TEXT = /^(?:click here|here|this|this link|link|learn more|read more|more)$/i;
/** Social posts carry their link as a URL; in e-mail and blog body copy it belongs behind descriptive text. */
const LINK_TEXT_CHANNELS: ReadonlySet<Channel> = new Set(['EMAIL', 'BLOG']);

function result(check: CheckName, findings: string[]): CheckResult {
  return { check, passed: findings.length === 0, findings: findings.slice(0, 20).map((f) => f.slice(0, 300)) };
}

function unique(values: Iterable<string>): string[] {
  return [...new Set([...values].map((v) => v.toLowerCase()))];
}

function channelLength(limits: ChannelLimits, text: string): number {
  const chars = [...text].length;
  if (limits.linksCountAs === undefined) return chars;
  const links = text.match(/https?:\/\/\S+/g) ?? [];
  return links.reduce((n, link) => n - [...link].length + (limits.linksCountAs ?? 0), chars);
}

export function channelFindings(content: PostContent, channel: Channel, limits: ChannelLimits): string[] {
  const findings: string[] = [];
  const length = channelLength(limits, content.body);
  if (length > limits.maxBodyChars) findings.push(`body is ${length} characters, over the ${channel} limit of ${limits.maxBodyChars}`);
  if ((content.hashtags?.length ?? 0) > limits.maxHashtags) findings.push(`${content.hashtags?.length} hashtags; ${channel} allows at most ${limits.maxHashtags}`);
  if (limits.subjectLines) {
    if (content.subjectLines?.length !== limits.subjectLines.count) findings.push(`${channel} needs exactly ${limits.subjectLines.count} subject lines`);
    content.subjectLines?.forEach((line, i) => {
      if ([...line].length > (limits.subjectLines?.maxChars ?? Infinity)) findings.push(`subject line ${i + 1} is longer than ${limits.subjectLines?.maxChars} characters`);
    });
  } else if (content.subjectLines?.length) {
    findings.push(`${channel} posts have no subject lines`);
  }
  return findings;
}

function linkFindings(text: string): string[] {
  const findings: string[] = [];
  const urls = [...(text.match(URL_IN_TEXT) ?? []), ...[...text.matchAll(MARKDOWN_LINK)].map((m) => m[2] ?? '')];
  for (const raw of unique(urls)) {
    const candidate = raw.replace(/[.,;:!?]+$/, '');
    let url: URL;
    try {
      url = new URL(candidate.startsWith('www.') ? `https://${candidate}` : candidate);
    } catch {
      findings.push(`${candidate} is not a well-formed link`);
      continue;
    }
    if (candidate.startsWith('www.')) findings.push(`${candidate} has no https:// scheme`);
    else if (url.protocol !== 'https:') findings.push(`${candidate} is not https`);
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(url.hostname) || url.hostname.startsWith('[')) findings.push(`${candidate} points at a bare IP address`);
    if (SHORTENERS.has(url.hostname.replace(/^www\./, ''))) findings.push(`${candidate} uses a URL shortener; show where the link goes`);
  }
  return findings;
}

function altTextFindings(text: string): string[] {
  const alts: (string | undefined)[] = [
    ...[...text.matchAll(MARKDOWN_IMAGE)].map((m) => m[1]),
    ...[...text.matchAll(HTML_IMAGE)].map((m) => /\balt\s*=\s*"([^"]*)"|\balt\s*=\s*'([^']*)'/i.exec(m[0])?.slice(1).find((v) => v !== undefined)),
  ];
  return alts.flatMap((alt) => {
    if (alt === undefined || !alt.trim()) return ['an image has no alt text'];
    if (alt.length > MAX_ALT_TEXT) return [`alt text "${alt.slice(0, 40)}…" is longer than ${MAX_ALT_TEXT} characters`];
    if (/^(?:image|picture|photo) of\b/i.test(alt.trim())) return [`alt text "${alt.slice(0, 40)}" starts with "${alt.split(' ').slice(0, 2).join(' ')}"`];
    return [];
  });
}

function linkTextFindings(text: string, channel: Channel): string[] {
  const texts = [...[...text.matchAll(MARKDOWN_LINK)].map((m) => m[1] ?? ''), ...[...text.matchAll(HTML_LINK)].map((m) => (m[1] ?? '').replace(/<[^>]*>/g, ''))];
  const findings = texts.flatMap((t) => {
    const label = t.trim();
    if (VAGUE_LINK_TEXT.test(label)) return [`link text "${label}" does not say where it goes`];
    if (/^(?:https?:\/\/|www\.)/i.test(label)) return [`link text is a bare URL (${label.slice(0, 60)})`];
    return [];
  });
  if (LINK_TEXT_CHANNELS.has(channel)) {
    const withoutMarkup = text.replace(/!?\[[^\]]*\]\([^)]*\)/g, ' ').replace(/<[^>]*>/g, ' ');
    for (const url of unique(withoutMarkup.match(URL_IN_TEXT) ?? [])) findings.push(`bare URL in body copy: ${url.slice(0, 80)}`);
  }
  return findings;
}

function allCapsFindings(text: string): string[] {
  const prose = text.replace(URL_IN_TEXT, ' ').replace(/#\w+/g, ' ');
  // A long capitalised word, or two capitalised words in a row: shouting, not an acronym (SOC, ROI, USD).
  const shouting = prose.match(/\b[A-Z]{3,}(?:\s+[A-Z]{3,})+\b|\b[A-Z]{5,}\b/g) ?? [];
  return unique(shouting).map((s) => `all caps: "${s.toUpperCase().slice(0, 60)}"`);
}

function claimFindings(text: string): string[] {
  const findings = unique(text.match(SUPERLATIVE) ?? []).map((c) => `"${c}" needs legal approval and stated evidence`);
  const sentences = text.split(/(?<=[.!?])\s+|\n+/);
  for (const sentence of sentences) {
    const stat = sentence.match(STATISTIC);
    if (stat && !SOURCE.test(sentence)) findings.push(`"${stat[0].trim()}" is a statistic without a source`);
  }
  return findings;
}

function brandVoiceFindings(text: string): string[] {
  const findings = unique(text.match(AVOID) ?? []).map((w) => `"${w}" is on the words-to-avoid list`);
  if ((text.replace(/<!--/g, '').match(/!/g) ?? []).length > 1) findings.push('more than one exclamation mark');
  return findings;
}

export interface ValidatedPost {
  readonly postId: string;
  readonly channel: Channel;
  readonly content: PostContent;
}

/** Every check on one post's content. */
export function validatePost(post: ValidatedPost, limits: ChannelLimits): PostScorecard {
  const { content, channel } = post;
  const text = [content.title, ...(content.subjectLines ?? []), content.body, content.callToAction].filter(Boolean).join('\n');
  const readability = fleschKincaid([content.title, content.body].filter(Boolean).join('\n'));
  const checks: CheckResult[] = [
    result('brand-voice', brandVoiceFindings(text)),
    result('claims', claimFindings(text)),
    result('channel', channelFindings(content, channel, limits)),
    result('links', linkFindings(text)),
    result('alt-text', altTextFindings(content.body)),
    result('link-text', linkTextFindings(content.body, channel)),
    result('all-caps', allCapsFindings(text)),
    result(
      'readability',
      readability.grade > MAX_READING_GRADE ? [`Flesch–Kincaid grade ${readability.grade} is above ${MAX_READING_GRADE}; use shorter sentences and plainer words`] : [],
    ),
  ];
  return { postId: post.postId, passed: checks.every((c) => c.passed), readingGrade: readability.grade, checks };
}
