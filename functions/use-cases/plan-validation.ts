// Turns a planner's reply into a valid Plan for the brief, or says exactly
// what is wrong with it. Repairs what has one right answer (stray fields, a
// timestamp where a date belongs, a date just outside the window, missing or
// duplicate post IDs); anything else — an unknown channel, a channel with no
// posts, a post without a brief — is an error the planner is asked to fix.
import type { CampaignBrief } from '../domain/campaign-brief.ts';
import { Plan } from '../domain/plan.ts';
import { toFieldIssues } from '../domain/validate.ts';
import { CHANNELS, Id, type Channel } from '../domain/vocabulary.ts';
import { extractJson, NoJsonError } from './extract-json.ts';

export type PlanCheck =
  | { readonly ok: true; readonly plan: Plan; readonly repairs: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

function normaliseChannel(value: unknown): string | undefined {
  const upper = str(value)?.toUpperCase().replace(/[^A-Z]/g, '');
  if (upper === undefined) return undefined;
  if (upper === 'TWITTER') return 'X';
  return upper;
}

export function checkPlan(text: string, brief: CampaignBrief): PlanCheck {
  let raw: unknown;
  try {
    raw = extractJson(text);
  } catch (error) {
    if (error instanceof NoJsonError) return { ok: false, errors: [error.message] };
    throw error;
  }
  const repairs: string[] = [];
  const errors: string[] = [];
  const root: Loose = Array.isArray(raw) ? { posts: raw } : isObject(raw) ? raw : {};
  if (!Array.isArray(root.posts)) return { ok: false, errors: ['posts: must be an array of planned posts'] };
  const summary = str(root.summary) || `Plan for "${brief.name}"`;
  if (!str(root.summary)) repairs.push('summary was missing');

  const posts = root.posts.map((entry: unknown, i) => {
    const post = isObject(entry) ? entry : {};
    const channel = normaliseChannel(post.channel);
    if (!channel || !(CHANNELS as readonly string[]).includes(channel) || !brief.channels.includes(channel as Channel)) {
      errors.push(`posts.${i}.channel: ${JSON.stringify(post.channel)} is not one of the brief's channels (${brief.channels.join(', ')})`);
    }
    let publishDate = str(post.publishDate) ?? '';
    if (/^\d{4}-\d{2}-\d{2}T/.test(publishDate)) {
      publishDate = publishDate.slice(0, 10);
      repairs.push(`posts.${i}.publishDate: timestamp cut to its date`);
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(publishDate)) {
      const clamped = publishDate < brief.launchDate ? brief.launchDate : publishDate > brief.endDate ? brief.endDate : publishDate;
      if (clamped !== publishDate) repairs.push(`posts.${i}.publishDate: ${publishDate} moved into the campaign window`);
      publishDate = clamped;
    }
    return { postId: str(post.postId) ?? '', channel: channel ?? '', publishDate, brief: str(post.brief) ?? '' };
  });

  // Post IDs: keep the planner's when valid and unique, otherwise give a stable `<channel>-<n>`.
  const taken = new Set<string>();
  const keep = posts.map((p) => {
    const ok = Id.safeParse(p.postId).success && !taken.has(p.postId);
    if (ok) taken.add(p.postId);
    return ok;
  });
  posts.forEach((p, i) => {
    if (keep[i]) return;
    let n = 1;
    const prefix = (p.channel || 'post').toLowerCase();
    while (taken.has(`${prefix}-${n}`)) n++;
    repairs.push(`posts.${i}.postId: ${JSON.stringify(p.postId)} replaced by ${prefix}-${n}`);
    p.postId = `${prefix}-${n}`;
    taken.add(p.postId);
  });

  for (const channel of brief.channels) {
    if (!posts.some((p) => p.channel === channel)) errors.push(`posts: the brief's channel ${channel} has no post`);
  }
  const parsed = Plan.safeParse({ summary, posts });
  if (!parsed.success) {
    // A field already explained above (an unknown channel) needs no second, vaguer message.
    const explained = (field: string) => errors.some((e) => e.startsWith(`${field}:`));
    errors.push(...toFieldIssues(parsed.error).flatMap((i) => (explained(i.field) ? [] : [`${i.field}: ${i.message}`])));
  }
  return errors.length > 0 || !parsed.success ? { ok: false, errors } : { ok: true, plan: parsed.data, repairs };
}
