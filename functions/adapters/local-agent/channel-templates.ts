// One function per channel template in knowledge-content/templates/: each
// fills the template's skeleton from the campaign copy and keeps the
// template's limits (subject lines, hooks, character counts, hashtags).
import type { PostContent } from '../../domain/post.ts';
import type { Channel } from '../../domain/vocabulary.ts';
import { channelLength, CHANNEL_RULES } from '../../knowledge/channel-rules.ts';
import { fitWords, sentenceCase } from './brand-voice.ts';
import type { Copy } from './copy.ts';

type Template = (copy: Copy, publishDate: string) => PostContent;

function shortDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' });
}

const email: Template = (c, publishDate) => {
  const headline = fitWords(sentenceCase(c.hook), 60);
  const subjectLines = [
    fitWords(sentenceCase(c.objective), 50),
    fitWords(`Is your team ready for ${c.name}?`, 50),
    fitWords(`${c.name}: ${shortDate(publishDate)}`, 50),
  ];
  const preheader = fitWords(`${c.callToAction}: see what ${c.name} changes for your team.`, 100);
  const body = [
    `Preheader: ${preheader}`,
    '',
    `# ${headline}`,
    '',
    'Hi {{first_name | fallback: "there"}},',
    '',
    `${c.hook} We built it for ${c.audience}.`,
    ...(c.short ? [] : ['', `Our goal is simple to state: ${c.objective}.`]),
    '',
    `- What changes for you with ${c.name}`,
    '- How teams like yours put it to work',
    '- Where to start this week',
    '',
    `[ ${c.callToAction} ] → ${c.link('email', 'email')}`,
    '',
    '---',
    "You're receiving this e-mail because {{reason_for_receiving}}.",
    '{{company_legal_name}}, {{postal_address}}',
    'Unsubscribe: {{unsubscribe_url}} | Manage preferences: {{preference_center_url}} | Privacy notice: {{privacy_url}}',
  ].join('\n');
  return { title: headline, subjectLines, body, callToAction: c.callToAction };
};

const blog: Template = (c) => {
  const h1 = fitWords(sentenceCase(`${c.name}: ${c.step} for ${c.audience}`), 80);
  const titleTag = fitWords(sentenceCase(`${c.name}: ${c.step}`), 60);
  const meta = fitWords(`${c.objective}. ${c.callToAction}.`, 155);
  const sections = [
    `## Why ${c.name} matters now`,
    '',
    `${c.audience} tell us the same thing: the work is growing faster than the time to do it. ${c.name} is our answer, and this ${c.step} shows what it changes.`,
    '',
    `## What you get from ${c.name}`,
    '',
    `The goal is concrete: ${c.objective}. Every section below answers one question you asked us.`,
    ...(c.short
      ? []
      : ['', `## How to start`, '', 'Pick one team, one process, and one measure. Try it for a month and compare the results with the month before.']),
  ];
  const body = [
    '<!--',
    `Title tag (≤ 60 chars): ${titleTag}`,
    `Slug: /blog/${c.slug}`,
    `Meta description (≤ 155 chars): ${meta}`,
    `Campaign: ${c.slug}`,
    '-->',
    '',
    `# ${h1}`,
    '',
    `${c.hook} In this article you will see what it means for ${c.audience}, and where to start.`,
    '',
    ...sections,
    '',
    '## Next step',
    '',
    `Start small and measure the difference. When you are ready, take the next step with us.`,
    '',
    `**[${c.callToAction}](${c.link('blog', 'content')})**`,
  ].join('\n');
  return { title: h1, body, callToAction: c.callToAction };
};

const linkedin: Template = (c) => {
  const hashtags = [c.campaignHashtag, ...c.topicHashtags.slice(0, 2)];
  const body = [
    fitWords(c.hook, 210),
    '',
    `Built for ${c.audience}.`,
    '',
    'What you get:',
    `→ ${fitWords(c.objective, 150)}`,
    '→ A clear first step for your team',
    ...(c.short ? [] : ['→ Results you can measure from week one']),
    '',
    `${c.callToAction}: ${c.link('linkedin', 'social')}`,
    '',
    hashtags.join(' '),
  ].join('\n');
  return { body, callToAction: c.callToAction, hashtags };
};

const x: Template = (c) => {
  const hashtags = [c.campaignHashtag];
  const tail = `\n\n${c.callToAction}: ${c.link('x', 'social')}\n\n${hashtags.join(' ')}`;
  // Leave about 20 characters spare so the post can be quoted (x-post-template).
  const budget = 260 - channelLength('X', tail);
  const body = `${fitWords(c.hook, Math.max(20, budget))}${tail}`;
  return { body, callToAction: c.callToAction, hashtags };
};

const instagram: Template = (c) => {
  const hashtags = [c.campaignHashtag, ...c.topicHashtags];
  const body = [
    fitWords(c.hook, 125),
    '',
    `Made for ${c.audience}.`,
    ...(c.short ? [] : ['', `Our aim: ${fitWords(c.objective, 200)}.`]),
    '',
    `${c.callToAction}. Link in bio.`,
    '',
    hashtags.join(' '),
  ].join('\n');
  return { body, callToAction: c.callToAction, hashtags };
};

const facebook: Template = (c) => {
  const hashtags = [c.campaignHashtag];
  const lead = fitWords(`${c.hook} ${c.callToAction}.`, 240 - hashtags.join(' ').length);
  const body = `${lead}\n\n${c.link('facebook', 'social')}\n\n${hashtags.join(' ')}`;
  return { body, callToAction: c.callToAction, hashtags };
};

export const TEMPLATES: Readonly<Record<Channel, Template>> = {
  EMAIL: email,
  BLOG: blog,
  LINKEDIN: linkedin,
  X: x,
  INSTAGRAM: instagram,
  FACEBOOK: facebook,
};

export function templateDocument(channel: Channel): string {
  return CHANNEL_RULES[channel].template;
}
