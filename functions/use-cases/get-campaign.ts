// One campaign of the caller's tenant, with its posts and latest approval when
// the caller asks for them. Another tenant's campaign is simply not there.
import type { ApprovalRepository } from '../data/approval-repository.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { Approval } from '../domain/approval.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { Post } from '../domain/post.ts';

export interface CampaignReaders {
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
}

/** What to read beside the campaign item; each costs one Query, so only when selected. */
export interface Include {
  readonly posts?: boolean;
  readonly approval?: boolean;
}

export interface CampaignDetails {
  readonly campaign: Campaign;
  readonly posts?: readonly Post[];
  /** null: asked for, and there is none yet. */
  readonly approval?: Approval | null;
}

export async function withDetails(readers: CampaignReaders, campaign: Campaign, include: Include): Promise<CampaignDetails> {
  const { tenantId, campaignId } = campaign;
  const [posts, approval] = await Promise.all([
    include.posts ? readers.campaigns.listPosts(tenantId, campaignId) : undefined,
    include.approval ? readers.approvals.latestFor(tenantId, campaignId) : undefined,
  ]);
  return {
    campaign,
    ...(posts ? { posts: [...posts].sort((a, b) => a.publishDate.localeCompare(b.publishDate) || a.postId.localeCompare(b.postId)) } : {}),
    ...(include.approval ? { approval: approval ?? null } : {}),
  };
}

export async function getCampaign(readers: CampaignReaders, tenantId: string, campaignId: string, include: Include = {}): Promise<CampaignDetails | undefined> {
  const campaign = await readers.campaigns.get(tenantId, campaignId);
  return campaign ? withDetails(readers, campaign, include) : undefined;
}
