// classifyCampaign: which tier a campaign would be, who approves it, and
// whether its launch date leaves the tier's lead time — the playbook rules of
// functions/domain/campaign-tiers.ts, before anything is created. Shared by
// the assistant (#13) and the MCP tool classify_campaign (#18); the signature
// is the one both agreed on, so either copy reconciles at merge.
import type { CampaignBrief } from '../domain/campaign-brief.ts';
import { checkLeadTime, classifyTier, ruleFor, type ApprovalLevel, type LeadTimeCheck, type Tier } from '../domain/campaign-tiers.ts';
import type { Citation } from '../domain/citation.ts';

export interface ClassifyCampaignRequest extends Pick<CampaignBrief, 'type' | 'budget' | 'channels'> {
  readonly launchDate?: string;
  readonly now: Date;
}

export interface Classification {
  readonly tier: Tier;
  readonly label: string;
  readonly approvalLevel: ApprovalLevel;
  readonly reasons: readonly string[];
  /** The tier's lead time; `check` only when a launch date was given. */
  readonly leadTime: { readonly minWeeks: number; readonly maxWeeks: number; readonly check?: LeadTimeCheck };
  readonly citation: Citation;
}

export const TIERS_PLAYBOOK: Citation = { documentId: 'playbooks/campaign-tiers.md', title: 'Campaign tiers: classification, lead time, and approvals' };

export function classifyCampaign(request: ClassifyCampaignRequest): Classification {
  const decision = classifyTier(request);
  const rule = ruleFor(decision.tier);
  return {
    tier: decision.tier,
    label: decision.label,
    approvalLevel: decision.approvalLevel,
    reasons: decision.reasons,
    leadTime: {
      minWeeks: rule.leadTimeWeeks.min,
      maxWeeks: rule.leadTimeWeeks.max,
      ...(request.launchDate ? { check: checkLeadTime(decision.tier, request.launchDate, request.now) } : {}),
    },
    citation: TIERS_PLAYBOOK,
  };
}
