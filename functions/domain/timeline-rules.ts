// The execution plan's rules, in one place: which tasks a campaign needs,
// how long each takes and what it waits for, each citing the playbook
// section it comes from (knowledge-content/playbooks/). Phases follow the
// e-mail checklist's order — strategy, production, QA, launch, measurement —
// and review rounds take the tier's days per round (campaign-tiers.md).
import type { Tier } from './campaign-tiers.ts';
import type { Phase, TaskSource } from './execution-task.ts';
import type { Discipline } from './team-member.ts';
import type { CampaignType, Channel } from './vocabulary.ts';

export interface TaskSpec {
  readonly taskId: string;
  readonly name: string;
  readonly phase: Phase;
  readonly discipline: Discipline;
  readonly channel?: Channel;
  readonly postId?: string;
  readonly milestone: boolean;
  readonly durationDays: number;
  readonly hoursPerDay: number;
  readonly dependsOn: readonly { readonly taskId: string; readonly lagDays: number }[];
  readonly source: TaskSource;
  /** A calendar date the task may not start before (a post's publish date, the launch). */
  readonly notBeforeDate?: string;
}

export interface TimelineInput {
  readonly tier: Tier;
  readonly type: CampaignType;
  readonly channels: readonly Channel[];
  readonly launchDate: string;
  readonly posts: readonly { readonly postId: string; readonly channel: Channel; readonly publishDate: string }[];
}

const TIERS = 'playbooks/campaign-tiers.md';
const EMAIL = 'playbooks/email-campaign-checklist.md';
const SOCIAL = 'playbooks/social-campaign-playbook.md';
const BLOG = 'playbooks/content-blog-playbook.md';
const LAUNCH = 'playbooks/product-launch-playbook.md';
const EVENT = 'playbooks/event-campaign-playbook.md';
const PARTNER = 'playbooks/partner-campaign-playbook.md';

/** "Allow 3 business days per round" (Tier 1), 2 (Tier 2), 1 (Tier 3). */
export const REVIEW_DAYS_PER_ROUND: Readonly<Record<Tier, number>> = { 1: 3, 2: 2, 3: 1 };
/** Working days kept free before launch, so one slipped round does not move the launch ("the minimum assumes no rework"). */
export const BUFFER_DAYS: Readonly<Record<Tier, number>> = { 1: 5, 2: 3, 3: 1 };
const SOCIAL_CHANNELS: readonly Channel[] = ['LINKEDIN', 'X', 'INSTAGRAM', 'FACEBOOK'];
const HOURS = 6;

const source = (documentId: string, section: string): TaskSource => ({ documentId, section });
const after = (...ids: string[]) => ids.map((taskId) => ({ taskId, lagDays: 0 }));

/** Where a campaign type's own playbook adds to the common phases. */
function typePlaybook(type: CampaignType): { documentId: string; section: string } | undefined {
  switch (type) {
    case 'PRODUCT_LAUNCH':
    case 'FLAGSHIP_EVENT':
      return type === 'PRODUCT_LAUNCH' ? { documentId: LAUNCH, section: 'Message house' } : { documentId: EVENT, section: 'Set the goals first' };
    case 'EVENT':
    case 'WEBINAR':
      return { documentId: EVENT, section: 'Set the goals first' };
    case 'PARTNER':
      return { documentId: PARTNER, section: 'Joint plan (one page)' };
    default:
      return undefined;
  }
}

export function timelineTasks(input: TimelineInput): TaskSpec[] {
  const { tier } = input;
  const review = REVIEW_DAYS_PER_ROUND[tier];
  const tasks: TaskSpec[] = [];
  const add = (task: TaskSpec) => void tasks.push(task);

  // Strategy
  add({ taskId: 'brief', name: 'Campaign brief approved', phase: 'STRATEGY', discipline: 'COPY', milestone: false, durationDays: tier === 1 ? 3 : 1, hoursPerDay: HOURS, dependsOn: [], source: source(TIERS, 'What each tier involves') });
  add({ taskId: 'measurement-plan', name: 'Measurement plan with targets', phase: 'STRATEGY', discipline: 'ANALYTICS', milestone: false, durationDays: tier === 3 ? 1 : 2, hoursPerDay: HOURS, dependsOn: after('brief'), source: source(EMAIL, 'Phase 1: Strategy') });
  const strategyDone = ['brief', 'measurement-plan'];
  const playbook = typePlaybook(input.type);
  if (playbook) {
    add({ taskId: 'messaging', name: playbook.documentId === LAUNCH ? 'Positioning and message house' : 'Goals and joint messaging', phase: 'STRATEGY', discipline: 'COPY', milestone: false, durationDays: tier === 1 ? 5 : 3, hoursPerDay: HOURS, dependsOn: after('brief'), source: playbook });
    strategyDone.push('messaging');
  }
  if (tier === 1) {
    add({ taskId: 'legal-kickoff', name: 'Legal engaged from the kickoff', phase: 'STRATEGY', discipline: 'LEGAL', milestone: false, durationDays: 1, hoursPerDay: 2, dependsOn: after('brief'), source: source(TIERS, 'Tier 1 — Major') });
    strategyDone.push('legal-kickoff');
  }
  add({ taskId: 'strategy-done', name: 'Strategy signed off', phase: 'STRATEGY', discipline: 'COPY', milestone: true, durationDays: 0, hoursPerDay: 0, dependsOn: after(...strategyDone), source: source(TIERS, 'What each tier involves') });

  // Production and QA, per channel; each post is drafted, then given its visual.
  const qaDone: string[] = [];
  for (const channel of input.channels) {
    const posts = input.posts.filter((p) => p.channel === channel);
    const produced: string[] = [];
    const isSocial = SOCIAL_CHANNELS.includes(channel);
    const doc = channel === 'EMAIL' ? EMAIL : channel === 'BLOG' ? BLOG : SOCIAL;
    const prep = `${channel.toLowerCase()}-setup`;
    if (channel === 'EMAIL') {
      add({ taskId: prep, name: 'E-mail audience, segment and suppression lists', phase: 'STRATEGY', discipline: 'EMAIL_OPS', channel, milestone: false, durationDays: 2, hoursPerDay: 4, dependsOn: after('brief'), source: source(EMAIL, 'Phase 1: Strategy') });
    } else if (channel === 'BLOG') {
      add({ taskId: prep, name: 'Content brief and SEO keywords', phase: 'STRATEGY', discipline: 'COPY', channel, milestone: false, durationDays: 1, hoursPerDay: 4, dependsOn: after('brief'), source: source(BLOG, 'The content brief') });
    } else {
      add({ taskId: prep, name: `${channel} posting plan and hashtags`, phase: 'STRATEGY', discipline: 'SOCIAL', channel, milestone: false, durationDays: 1, hoursPerDay: 3, dependsOn: after('brief'), source: source(SOCIAL, 'Posting cadence by tier') });
    }
    for (const post of posts) {
      const draft = `post-${post.postId}-draft`;
      const visual = `post-${post.postId}-visual`;
      add({ taskId: draft, name: `Draft ${channel} post ${post.postId}`, phase: 'PRODUCTION', discipline: isSocial ? 'SOCIAL' : 'COPY', channel, postId: post.postId, milestone: false, durationDays: channel === 'BLOG' ? 3 : 1, hoursPerDay: channel === 'BLOG' ? 6 : 3, dependsOn: after('strategy-done', prep), source: source(doc, channel === 'EMAIL' ? 'Phase 2: Production' : channel === 'BLOG' ? 'Structure' : 'Character limits and length guidance') });
      add({ taskId: visual, name: `Visual for ${channel} post ${post.postId}`, phase: 'PRODUCTION', discipline: 'DESIGN', channel, postId: post.postId, milestone: false, durationDays: 1, hoursPerDay: 3, dependsOn: after(draft), source: source(isSocial ? SOCIAL : doc, isSocial ? 'Image and video specifications' : channel === 'EMAIL' ? 'Phase 2: Production' : 'Structure') });
      produced.push(visual);
    }
    const qa = `${channel.toLowerCase()}-qa`;
    const qaSpec =
      channel === 'EMAIL'
        ? { name: 'E-mail QA: links, rendering, seed sends, compliance', discipline: 'EMAIL_OPS' as const, section: 'Phase 3: QA' }
        : channel === 'BLOG'
          ? { name: 'Editorial review: substance, edit, sign-off', discipline: 'COPY' as const, section: 'Editorial review' }
          : { name: `${channel} review: links, tags, approvals`, discipline: 'SOCIAL' as const, section: 'Approvals' };
    add({ taskId: qa, name: qaSpec.name, phase: 'QA', discipline: qaSpec.discipline, channel, milestone: false, durationDays: review, hoursPerDay: 4, dependsOn: after(...(produced.length > 0 ? produced : [prep])), source: source(doc, qaSpec.section) });
    qaDone.push(qa);
  }
  add({ taskId: 'legal-review', name: 'Legal review of claims', phase: 'QA', discipline: 'LEGAL', milestone: false, durationDays: tier === 3 ? 1 : 2, hoursPerDay: 3, dependsOn: after(...qaDone), source: source(TIERS, tier === 1 ? 'Tier 1 — Major' : tier === 2 ? 'Tier 2 — Standard' : 'Tier 3 — Business as usual') });
  add({ taskId: 'buffer', name: 'Contingency buffer before launch', phase: 'QA', discipline: 'COPY', milestone: false, durationDays: BUFFER_DAYS[tier], hoursPerDay: 0, dependsOn: after('legal-review'), source: source(TIERS, 'Lead time') });

  // Launch: the milestone on the launch date, then each post goes out on its own date.
  add({ taskId: 'launch', name: 'Launch', phase: 'LAUNCH', discipline: 'COPY', milestone: true, durationDays: 0, hoursPerDay: 0, dependsOn: after('buffer'), source: source(TIERS, 'Lead time'), notBeforeDate: input.launchDate });
  const published: string[] = [];
  for (const post of input.posts) {
    const isSocial = SOCIAL_CHANNELS.includes(post.channel);
    const id = `post-${post.postId}-publish`;
    add({ taskId: id, name: `Publish ${post.channel} post ${post.postId}`, phase: 'LAUNCH', discipline: post.channel === 'EMAIL' ? 'EMAIL_OPS' : isSocial ? 'SOCIAL' : 'COPY', channel: post.channel, postId: post.postId, milestone: false, durationDays: 1, hoursPerDay: 1, dependsOn: after('launch'), source: source(post.channel === 'EMAIL' ? EMAIL : post.channel === 'BLOG' ? BLOG : SOCIAL, post.channel === 'EMAIL' ? 'Phase 4: Launch' : post.channel === 'BLOG' ? 'Distribution' : 'Best times to post'), notBeforeDate: post.publishDate });
    published.push(id);
  }

  // Measurement: first results two weeks after launch; the report after the last post.
  add({ taskId: 'results-review', name: 'First results review', phase: 'MEASUREMENT', discipline: 'ANALYTICS', milestone: false, durationDays: 1, hoursPerDay: 4, dependsOn: [{ taskId: 'launch', lagDays: 10 }], source: source(input.type === 'PRODUCT_LAUNCH' ? LAUNCH : EMAIL, input.type === 'PRODUCT_LAUNCH' ? 'Measuring the launch' : 'Phase 5: Post-launch measurement') });
  add({ taskId: 'final-report', name: tier === 3 ? 'Results into the monthly channel report' : 'Post-campaign report', phase: 'MEASUREMENT', discipline: 'ANALYTICS', milestone: false, durationDays: tier === 1 ? 3 : tier === 2 ? 2 : 1, hoursPerDay: 5, dependsOn: after('results-review', ...published), source: source(TIERS, tier === 1 ? 'Tier 1 — Major' : tier === 2 ? 'Tier 2 — Standard' : 'Tier 3 — Business as usual') });
  return tasks;
}
