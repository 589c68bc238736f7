// The local planner: a deterministic stand-in for the Bedrock planner agent.
// It applies the playbooks — posts per channel by tier, spread over the
// campaign window — and answers in the same form the planner agent is asked
// for (a JSON plan in a fenced block), so its output takes the same parsing
// and validation path as the model's.
import type { Citation } from '../../domain/citation.ts';
import { addDays, daysBetween } from '../../domain/calendar.ts';
import type { CampaignType } from '../../domain/vocabulary.ts';
import { cadenceFor, postsPerChannel } from '../../knowledge/cadence.ts';
import type { AgentReply, CampaignContext } from '../../ports/agent.ts';
import { postBrief } from './post-briefs.ts';
import { scheduleOffsets } from './schedule.ts';

export const TIERS_PLAYBOOK = 'playbooks/campaign-tiers.md';

/** The playbook for each campaign type, cited beside the channel playbooks. */
export const TYPE_PLAYBOOK: Readonly<Record<CampaignType, string>> = {
  PRODUCT_LAUNCH: 'playbooks/product-launch-playbook.md',
  FLAGSHIP_EVENT: 'playbooks/event-campaign-playbook.md',
  EVENT: 'playbooks/event-campaign-playbook.md',
  WEBINAR: 'playbooks/event-campaign-playbook.md',
  EMAIL: 'playbooks/email-campaign-checklist.md',
  SOCIAL: 'playbooks/social-campaign-playbook.md',
  PARTNER: 'playbooks/partner-campaign-playbook.md',
  CONTENT: 'playbooks/content-blog-playbook.md',
};

export interface PlannedPostJson {
  readonly postId: string;
  readonly channel: string;
  readonly publishDate: string;
  readonly brief: string;
}

export interface PlanJson {
  readonly summary: string;
  readonly posts: readonly PlannedPostJson[];
}

export function buildPlan(campaign: CampaignContext): PlanJson {
  const { brief, tier } = campaign;
  const windowDays = daysBetween(brief.launchDate, brief.endDate);
  const posts = brief.channels.flatMap((channel) => {
    const rule = cadenceFor(channel);
    const count = postsPerChannel(channel, tier);
    const sequence = rule.sequence[tier];
    return scheduleOffsets(rule, tier, windowDays, count).map((offset, index) => ({
      postId: `${channel.toLowerCase()}-${index + 1}`,
      channel,
      publishDate: addDays(brief.launchDate, offset),
      brief: postBrief({ brief, channel, index, count, step: sequence[index] ?? `post ${index + 1}` }),
    }));
  });
  const perChannel = brief.channels.map((c) => `${postsPerChannel(c, tier)} ${c}`).join(', ');
  return {
    summary:
      `Tier ${tier} plan for "${brief.name}" (${campaign.approvalLevel} approval): ${perChannel} ` +
      `from ${brief.launchDate} to ${brief.endDate} (${windowDays + 1} days), first posts on the launch date, ` +
      'following the campaign tiers playbook and the channel playbooks.',
    posts,
  };
}

export function planSources(campaign: CampaignContext): string[] {
  return [...new Set([TIERS_PLAYBOOK, TYPE_PLAYBOOK[campaign.brief.type], ...campaign.brief.channels.map((c) => cadenceFor(c).source)])];
}

export function planReply(campaign: CampaignContext, titleOf: (id: string) => string): AgentReply {
  const plan = buildPlan(campaign);
  const citations: Citation[] = planSources(campaign).map((documentId) => ({ documentId, title: titleOf(documentId) }));
  return { text: `Here is the campaign plan.\n\n\`\`\`json\n${JSON.stringify(plan, null, 2)}\n\`\`\`\n`, citations };
}
