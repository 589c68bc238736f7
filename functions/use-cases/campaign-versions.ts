// Every version of a campaign: one per revision, with its posts as they stood
// at the end of that revision (kept drafts, regenerated ones, approvers'
// edits), every stage's approval request and every decision made in it.
import type { ApprovalRepository } from '../data/approval-repository.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { PostVersionRepository } from '../data/post-version-repository.ts';
import type { StageDecisionRepository } from '../data/stage-decision-repository.ts';
import type { Approval } from '../domain/approval.ts';
import type { Post } from '../domain/post.ts';
import type { StageDecision } from '../domain/stage-decision.ts';

export interface CampaignVersionReaders {
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
  readonly decisions: StageDecisionRepository;
  readonly postVersions: PostVersionRepository;
}

export interface CampaignVersion {
  readonly revision: number;
  readonly posts: Post[];
  readonly approvals: Approval[];
  readonly decisions: StageDecision[];
}

/** Versions oldest first; undefined when the tenant has no such campaign. */
export async function campaignVersions(readers: CampaignVersionReaders, tenantId: string, campaignId: string): Promise<CampaignVersion[] | undefined> {
  const campaign = await readers.campaigns.get(tenantId, campaignId);
  if (!campaign) return undefined;
  const [current, kept, approvals, decisions] = await Promise.all([
    readers.campaigns.listPosts(tenantId, campaignId),
    readers.postVersions.list(tenantId, campaignId),
    readers.approvals.listForCampaign(tenantId, campaignId),
    readers.decisions.listForCampaign(tenantId, campaignId),
  ]);
  const versions: CampaignVersion[] = [];
  for (let revision = 0; revision <= campaign.revision; revision++) {
    versions.push({
      revision,
      posts: postsAt(current, kept, revision),
      approvals: approvals.filter((a) => a.revision === revision),
      decisions: decisions.filter((d) => d.revision === revision),
    });
  }
  return versions;
}

/** Per post: its current item when written in or before `revision`, else the last kept version that was. */
function postsAt(current: readonly Post[], kept: readonly Post[], revision: number): Post[] {
  const latest = new Map<string, Post>();
  for (const post of kept) {
    if (post.revision > revision) continue;
    const seen = latest.get(post.postId);
    if (!seen || seen.updatedAt <= post.updatedAt) latest.set(post.postId, post);
  }
  // The post item itself is always the newest version of that post.
  for (const post of current) if (post.revision <= revision) latest.set(post.postId, post);
  return [...latest.values()].sort((a, b) => a.publishDate.localeCompare(b.publishDate) || a.postId.localeCompare(b.postId));
}
