// The words the local writer builds drafts from: the campaign's facts (name,
// objective, audience) rewritten to the brand voice, a call to action that
// fits the campaign type, and hooks for each step of a playbook sequence.
import type { PlannedPost } from '../../domain/plan.ts';
import type { CampaignType } from '../../domain/vocabulary.ts';
import type { CampaignContext } from '../../ports/agent.ts';
import { applyBrandVoice, fitWords, hashtag, slugOf } from './brand-voice.ts';

/** Verb-first calls to action of 2–5 words (brand voice: "One clear call to action"). */
const CALL_TO_ACTION: Readonly<Record<CampaignType, string>> = {
  PRODUCT_LAUNCH: 'Book a 20-minute demo',
  FLAGSHIP_EVENT: 'Save your seat',
  EVENT: 'Save your seat',
  WEBINAR: 'Save your seat',
  EMAIL: 'Read the full update',
  SOCIAL: 'See what is new',
  PARTNER: 'See the joint offer',
  CONTENT: 'Get the guide',
};

const TOPIC_HASHTAGS: Readonly<Record<CampaignType, readonly string[]>> = {
  PRODUCT_LAUNCH: ['#ProductLaunch', '#WhatsNew', '#Innovation'],
  FLAGSHIP_EVENT: ['#Events', '#CustomerSummit', '#Community'],
  EVENT: ['#Events', '#MeetUs', '#Community'],
  WEBINAR: ['#Webinar', '#LiveSession', '#Learning'],
  EMAIL: ['#Insights', '#Update', '#Learning'],
  SOCIAL: ['#Insights', '#Community', '#Learning'],
  PARTNER: ['#Partnership', '#Integration', '#BetterTogether'],
  CONTENT: ['#Insights', '#Guide', '#Learning'],
};

export interface Copy {
  readonly name: string;
  readonly objective: string;
  readonly audience: string;
  readonly step: string;
  readonly callToAction: string;
  readonly campaignHashtag: string;
  readonly topicHashtags: readonly string[];
  readonly slug: string;
  /** Where the CTA points, UTM-tagged for the channel as the templates require. */
  link(source: string, medium: string): string;
  readonly hook: string;
  readonly short: boolean;
}

/** The sequence step the planner wrote in the post brief, e.g. "(key benefit)". */
export function stepOf(post: PlannedPost): string {
  return /\(([^)]{2,60})\)/.exec(post.brief)?.[1] ?? 'campaign post';
}

function hookFor(step: string, name: string, objective: string): string {
  const s = step.toLowerCase();
  if (s.includes('teaser')) return `Something new is coming for you: ${name}.`;
  if (s.includes('launch') || s.includes('anchor')) return `${name} is here.`;
  if (s.includes('benefit') || s.includes('value')) return `What ${name} means for you: ${objective}`;
  if (s.includes('proof') || s.includes('story')) return `Teams like yours are already seeing results with ${name}.`;
  if (s.includes('demo') || s.includes('how-to') || s.includes('behind')) return `Here is how ${name} works, step by step.`;
  if (s.includes('last') || s.includes('reminder') || s.includes('recap')) return `Last call: ${name} closes soon.`;
  return `${name}: ${objective}`;
}

export function copyFor(campaign: CampaignContext, post: PlannedPost, guidance: string | null): Copy {
  const { brief } = campaign;
  // Brief text is repeated across a draft, so its exclamation marks go: the guideline allows one per piece.
  const calm = (text: string) => applyBrandVoice(text.replace(/!+/g, '.').replace(/\.{2,}/g, '.'));
  const name = calm(brief.name).replace(/\.$/, '');
  const objective = calm(fitWords(brief.objective, 160)).replace(/\.$/, '');
  const step = stepOf(post);
  const slug = slugOf(name);
  return {
    name,
    objective,
    audience: calm(fitWords(brief.audience, 120)).replace(/\.$/, ''),
    step,
    callToAction: CALL_TO_ACTION[brief.type],
    campaignHashtag: hashtag(name),
    topicHashtags: TOPIC_HASHTAGS[brief.type],
    slug,
    link: (source, medium) =>
      `https://www.example.com/${slug}?utm_source=${source}&utm_medium=${medium}&utm_campaign=${slug}&utm_content=${post.postId}`,
    hook: applyBrandVoice(hookFor(step, name, objective)),
    // A reviewer asking for shorter copy is the one piece of guidance a template writer can act on.
    short: guidance !== null && /\b(short|shorter|concise|brief|trim|tighter)\b/i.test(guidance),
  };
}
