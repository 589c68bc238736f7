// What an approver sees about a campaign, in the e-mail and on the page: the
// summary of the brief and a preview of each post of the revision. Plain data,
// rendered by the e-mail and page modules.
import { stageOf, type Approval } from '../domain/approval.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { Post } from '../domain/post.ts';

export interface CampaignSummary {
  readonly name: string;
  readonly tier: string;
  readonly objective: string;
  readonly budget: string;
  readonly dates: string;
  readonly channels: string;
  readonly requestedBy: string;
}

export interface PostPreview {
  readonly postId: string;
  readonly channel: string;
  readonly publishDate: string;
  readonly failed: boolean;
  readonly title?: string;
  readonly excerpt?: string;
  readonly subjectLines?: readonly string[];
  readonly callToAction?: string;
  readonly failureReason?: string;
}

/** Long drafts are cut for the preview; the full text is in the campaign. */
export const EXCERPT_LENGTH = 600;

export function summarizeCampaign(campaign: Campaign): CampaignSummary {
  const { brief } = campaign;
  return {
    name: brief.name,
    tier: `Tier ${campaign.tier} (${campaign.approvalLevel} approval)`,
    objective: brief.objective,
    budget: new Intl.NumberFormat('en-US', { style: 'currency', currency: brief.budget.currency, maximumFractionDigits: 0 }).format(brief.budget.amount),
    dates: `${brief.launchDate} to ${brief.endDate}`,
    channels: brief.channels.join(', '),
    requestedBy: brief.requestedBy,
  };
}

export function previewPosts(posts: readonly Post[]): PostPreview[] {
  return [...posts]
    .sort((a, b) => a.publishDate.localeCompare(b.publishDate) || a.postId.localeCompare(b.postId))
    .map((post) => {
      const body = post.content?.body;
      return {
        postId: post.postId,
        channel: post.channel,
        publishDate: post.publishDate,
        failed: post.status === 'FAILED',
        ...(post.content?.title ? { title: post.content.title } : {}),
        ...(body ? { excerpt: body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body } : {}),
        ...(post.content?.subjectLines ? { subjectLines: post.content.subjectLines } : {}),
        ...(post.content?.callToAction ? { callToAction: post.content.callToAction } : {}),
        ...(post.status === 'FAILED' ? { failureReason: post.failureReason ?? 'Generation failed' } : {}),
      };
    });
}

export function summaryRows(summary: CampaignSummary): [string, string][] {
  return [
    ['Campaign', summary.name],
    ['Tier', summary.tier],
    ['Objective', summary.objective],
    ['Budget', summary.budget],
    ['Dates', summary.dates],
    ['Channels', summary.channels],
    ['Requested by', summary.requestedBy],
  ];
}

// --- approvals (issue 16)
const RULE_TEXT = { ANY: 'one approval is enough', ALL: 'every approver must approve', MAJORITY: 'more than half of the approvers must approve' } as const;

/** "Stage 2 of 3: Legal review (every approver must approve)"; undefined for a campaign with one stage. */
export function stageLabel(approval: Approval): string | undefined {
  const { stage, stageName, rule, stageCount } = stageOf(approval);
  return stageCount > 1 ? `Stage ${stage + 1} of ${stageCount}: ${stageName} (${RULE_TEXT[rule]})` : undefined;
}
