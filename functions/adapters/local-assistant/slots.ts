// What a message says about the campaign being drafted: name, type, audience,
// objective, budget with its currency, channels, dates and approvers. Each
// pattern fills a slot only from words the user wrote; nothing is guessed.
import { CHANNELS, type CampaignType, type Channel, type Currency } from '../../domain/vocabulary.ts';
import { parseDates, type DateSlots } from './dates.ts';
import type { Draft } from './draft.ts';

export interface MessageSlots {
  readonly draft: Draft;
  readonly dates: DateSlots;
  /** "also on X", "add Y": extend the lists instead of replacing them. */
  readonly extend: boolean;
  /** A budget amount given without a currency: asked about, not assumed. */
  readonly budgetWithoutCurrency: boolean;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

const TYPE_PATTERNS: readonly [RegExp, CampaignType][] = [
  [/\bproduct[- ]launch\b|\blaunch campaign\b|\blaunching a (?:new )?product\b/i, 'PRODUCT_LAUNCH'],
  [/\bflagship\b|\bconference\b|\bsummit\b/i, 'FLAGSHIP_EVENT'],
  [/\bwebinars?\b/i, 'WEBINAR'],
  [/\bpartner\b|\bco-marketing\b/i, 'PARTNER'],
  [/\b(?:content|blog) (?:campaign|program|series)\b|\bcontent marketing\b/i, 'CONTENT'],
  [/\bsocial(?: media)? campaign\b/i, 'SOCIAL'],
  [/\b(?:e-?mail|newsletter) campaign\b|\bnewsletter\b/i, 'EMAIL'],
  [/\bevent\b|\bmeetup\b|\broadshow\b|\bcustomer day\b/i, 'EVENT'],
];

const CHANNEL_PATTERNS: readonly [RegExp, Channel][] = [
  [/\be-?mails?\b|\bnewsletters?\b/i, 'EMAIL'],
  [/\bblogs?\b/i, 'BLOG'],
  [/\blinked ?in\b/i, 'LINKEDIN'],
  [/\btwitter\b|(?<![\w-])X(?![\w-])/, 'X'],
  [/\binstagram\b|\binsta\b/i, 'INSTAGRAM'],
  [/\bfacebook\b/i, 'FACEBOOK'],
];
const ALL_CHANNELS = /\b(?:all|every|each) (?:the )?(?:channels?|networks?)\b|\bomni-?channel\b/i;

const CURRENCY_WORDS: Readonly<Record<string, Currency>> = {
  $: 'USD', us$: 'USD', usd: 'USD', dollars: 'USD', dollar: 'USD',
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', gbp: 'GBP', pounds: 'GBP', pound: 'GBP',
  c$: 'CAD', ca$: 'CAD', cad: 'CAD', a$: 'AUD', au$: 'AUD', aud: 'AUD',
};
const AMOUNT = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(k|m|thousand|million)?\b`;
const BUDGET_BEFORE = new RegExp(String.raw`(us\$|ca\$|au\$|c\$|a\$|\$|€|£|\b(?:usd|eur|gbp|cad|aud)\s?)` + AMOUNT, 'i');
const BUDGET_AFTER = new RegExp(AMOUNT + String.raw`\s?(usd|eur|gbp|cad|aud|dollars?|euros?|pounds?)\b`, 'i');
const BUDGET_BARE = new RegExp(String.raw`\bbudget(?: of| is| at|:)?\s+(?:about |around |roughly )?` + AMOUNT, 'i');

function amountOf(whole: string, cents: string | undefined, scale: string | undefined): number {
  const base = Number(whole.replace(/,/g, '')) + (cents ? Number(`0.${cents}`) : 0);
  const s = scale?.toLowerCase();
  return s === 'k' || s === 'thousand' ? base * 1_000 : s === 'm' || s === 'million' ? base * 1_000_000 : base;
}

function budgetOf(text: string): { budget?: Draft['budget']; withoutCurrency: boolean } {
  const before = BUDGET_BEFORE.exec(text);
  if (before?.[2]) {
    const currency = CURRENCY_WORDS[before[1]?.trim().toLowerCase() ?? ''];
    if (currency) return { budget: { amount: amountOf(before[2], before[3], before[4]), currency }, withoutCurrency: false };
  }
  const after = BUDGET_AFTER.exec(text);
  if (after?.[1]) {
    const currency = CURRENCY_WORDS[after[4]?.toLowerCase() ?? ''];
    if (currency) return { budget: { amount: amountOf(after[1], after[2], after[3]), currency }, withoutCurrency: false };
  }
  return { withoutCurrency: BUDGET_BARE.test(text) };
}

const STOP = String.raw`(?=\s*(?:,|;|\.(?:\s|$)|!|\?|$|\s(?:with|across|on|in|for|to|and|launching|starting|from|by|budget|running|ending|that|which|using|approved)\b))`;
const NAME_PATTERNS: readonly RegExp[] = [
  /\b(?:called|named|titled|name it|call it|name(?: is|:))\s+["“'‘]([^"”'’]{3,120})["”'’]/i,
  new RegExp(String.raw`\b(?:called|named|titled|name it|call it|name(?: is|:))\s+(?!the\b)([A-Z0-9][^,;.!?]{2,80}?)` + STOP, 'i'),
  /["“]([^"”]{3,120})["”]/,
];

function nameOf(text: string): string | undefined {
  for (const pattern of NAME_PATTERNS) {
    const found = pattern.exec(text)?.[1]?.trim();
    if (found && found.length >= 3) return found.slice(0, 120);
  }
  return undefined;
}

const AUDIENCE_NOUN = /\b(?:customers?|clients?|users?|buyers?|prospects?|leaders?|teams?|managers?|developers?|admins?|administrators?|owners?|professionals?|marketers?|subscribers?|partners?|businesses|companies|smbs?|enterprises?|accounts?|executives?|cfos?|ctos?|cios?|engineers?|analysts?|students?|members?|attendees?|leads?|audience)\b/i;
const AUDIENCE_PATTERNS: readonly RegExp[] = [
  /\b(?:audience(?: is|:)?|targeting|aimed at|aimed to|for an audience of)\s+([^,;.!?]{3,200}?)(?=\s*(?:,|;|\.(?:\s|$)|!|\?|$|\s(?:to|with|across|on|launching|starting|from|budget)\b))/i,
  new RegExp(String.raw`\bfor\s+((?:our |existing |new |current |all )?[^,;.!?]{2,150}?)` + STOP, 'i'),
];

function audienceOf(text: string): string | undefined {
  const [explicit, forPhrase] = AUDIENCE_PATTERNS;
  const stated = explicit?.exec(text)?.[1]?.trim();
  if (stated && stated.length >= 3) return stated;
  // "for X" is an audience only when X names people ("for SMB customers"), not a brand ("for unBoxed").
  const pattern = new RegExp(forPhrase?.source ?? '', 'gi');
  for (const match of text.matchAll(pattern)) {
    const candidate = match[1]?.trim() ?? '';
    if (AUDIENCE_NOUN.test(candidate) && !/\btenant\b/i.test(candidate) && candidate.length >= 3) return candidate;
  }
  return undefined;
}

const OBJECTIVE_PATTERNS: readonly RegExp[] = [
  /\b(?:objective|goal|aim|purpose)(?: is| will be|:)?\s+(?:to\s+)?([^;.!?]{5,300}?)(?=\s*(?:;|\.(?:\s|$)|!|\?|$))/i,
  /\b(?:in order )?to\s+((?:promote|drive|generate|increase|grow|announce|boost|build|get|reach|raise|introduce|showcase|sell|win|attract|educate|re-?engage|engage|convert|book|fill|celebrate|highlight|launch|register|sign up|collect)\b[^,;.!?]{3,300}?)(?=\s*(?:,|;|\.(?:\s|$)|!|\?|$|\s(?:with|across|launching|starting|from|budget|running|ending)\b))/i,
];

function objectiveOf(text: string): string | undefined {
  for (const pattern of OBJECTIVE_PATTERNS) {
    const found = pattern.exec(text)?.[1]?.trim();
    if (found && found.length >= 5) return found.charAt(0).toUpperCase() + found.slice(1);
  }
  return undefined;
}

function channelsOf(text: string): Channel[] | undefined {
  if (ALL_CHANNELS.test(text)) return [...CHANNELS];
  // "an e-mail address" is not the e-mail channel.
  const cleaned = text.replace(/\be-?mail (?:address(?:es)?|me)\b/gi, ' ');
  const found = CHANNEL_PATTERNS.filter(([pattern]) => pattern.test(cleaned)).map(([, channel]) => channel);
  return found.length > 0 ? found : undefined;
}

export function typeOf(text: string): CampaignType | undefined {
  return TYPE_PATTERNS.find(([pattern]) => pattern.test(text))?.[1];
}

export function parseSlots(message: string, now: Date): MessageSlots {
  const approvers = [...new Set((message.match(EMAIL) ?? []).map((e) => e.toLowerCase()))];
  const text = message.replace(EMAIL, ' ');
  const { budget, withoutCurrency } = budgetOf(text);
  // Amounts are not dates: "$150,000" must not become a year.
  const dates = parseDates(text.replace(BUDGET_BEFORE, ' ').replace(BUDGET_AFTER, ' ').replace(/\bQ[1-4]\b/gi, ' '), now);
  const name = nameOf(text);
  const type = typeOf(text);
  const channels = channelsOf(text.replace(/["“][^"”]*["”]/g, ' '));
  const audience = audienceOf(text);
  const objective = objectiveOf(text);
  const draft: Draft = {
    ...(name ? { name } : {}),
    ...(type ? { type } : {}),
    ...(budget ? { budget } : {}),
    ...(channels ? { channels } : {}),
    ...(audience ? { audience } : {}),
    ...(objective ? { objective } : {}),
    ...(approvers.length > 0 ? { approvers } : {}),
  };
  return { draft, dates, extend: /\b(?:also|too|as well|add|plus|another)\b/i.test(text), budgetWithoutCurrency: withoutCurrency && !budget };
}
