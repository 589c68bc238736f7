// classifyCampaign: the tier a campaign would get, why, who approves it and
// whether its launch date leaves the tier's minimum lead time, with the
// playbook the rules come from. The assistant (Bedrock action group and local),
// MCP and Save all classify with the same domain rules.
import { checkLeadTime, classifyTier, type ApprovalLevel, type LeadTimeCheck, type Tier } from '../domain/campaign-tiers.ts';
import type { Citation } from '../domain/citation.ts';
import type { CampaignType, Channel, Currency } from '../domain/vocabulary.ts';

export const TIERS_PLAYBOOK: Citation = {
  documentId: 'playbooks/campaign-tiers.md',
  title: 'Campaign tiers: classification, lead time, and approvals',
};

export interface ClassifyCampaignInput {
  readonly type: CampaignType;
  readonly budget: { readonly amount: number; readonly currency: Currency };
  readonly channels: readonly Channel[];
  /** YYYY-MM-DD; without it there is no lead-time check. */
  readonly launchDate?: string;
  readonly now: Date;
}

export interface Classification {
  readonly tier: Tier;
  readonly label: string;
  readonly approvalLevel: ApprovalLevel;
  readonly reasons: string[];
  readonly leadTime: LeadTimeCheck | null;
  readonly citation: Citation;
}

export function classifyCampaign(input: ClassifyCampaignInput): Classification {
  const decision = classifyTier({ type: input.type, budget: { ...input.budget }, channels: [...input.channels] });
  return {
    tier: decision.tier,
    label: decision.label,
    approvalLevel: decision.approvalLevel,
    reasons: [...decision.reasons],
    leadTime: input.launchDate ? checkLeadTime(decision.tier, input.launchDate, input.now) : null,
    citation: TIERS_PLAYBOOK,
  };
}
