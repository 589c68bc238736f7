// Turns a writer's reply into PostContent that meets its channel's rules, or
// lists what is wrong so the writer can be asked again. Fields the schema does
// not know are dropped, as are subject lines on a channel that has none.
import { PostContent } from '../domain/post.ts';
import { toFieldIssues } from '../domain/validate.ts';
import type { Channel } from '../domain/vocabulary.ts';
import { channelLength, CHANNEL_RULES } from '../knowledge/channel-rules.ts';
import { extractJson, NoJsonError } from './extract-json.ts';

export type ContentCheck = { readonly ok: true; readonly content: PostContent } | { readonly ok: false; readonly errors: readonly string[] };

const FIELDS = ['title', 'body', 'subjectLines', 'callToAction', 'hashtags'] as const;

export function checkPostContent(text: string, channel: Channel): ContentCheck {
  let raw: unknown;
  try {
    raw = extractJson(text);
  } catch (error) {
    if (error instanceof NoJsonError) return { ok: false, errors: [error.message] };
    throw error;
  }
  const rule = CHANNEL_RULES[channel];
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const picked = Object.fromEntries(FIELDS.flatMap((f) => (source[f] === undefined || source[f] === null ? [] : [[f, source[f]]])));
  if (!rule.subjectLines) delete picked.subjectLines;
  const parsed = PostContent.safeParse(picked);
  if (!parsed.success) return { ok: false, errors: toFieldIssues(parsed.error).map((i) => `${i.field}: ${i.message}`) };
  const content = parsed.data;
  const errors: string[] = [];
  const length = channelLength(channel, content.body);
  if (length > rule.maxBodyChars) errors.push(`body: ${length} characters, over the ${channel} limit of ${rule.maxBodyChars}`);
  if ((content.hashtags?.length ?? 0) > rule.maxHashtags) errors.push(`hashtags: ${channel} allows at most ${rule.maxHashtags}`);
  if (rule.subjectLines) {
    if (content.subjectLines?.length !== rule.subjectLines.count) errors.push(`subjectLines: ${channel} needs exactly ${rule.subjectLines.count}`);
    content.subjectLines?.forEach((line, i) => {
      if ([...line].length > (rule.subjectLines?.maxChars ?? Infinity)) errors.push(`subjectLines.${i}: longer than ${rule.subjectLines?.maxChars} characters`);
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, content };
}
