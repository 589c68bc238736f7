// The campaign aggregate: the brief plus everything MCC has decided about it.
import { z } from 'zod';
import { CampaignBrief } from './campaign-brief.ts';
import { CampaignStatus } from './campaign-status.ts';
import { Plan } from './plan.ts';
import { Id, TenantId } from './vocabulary.ts';
import { classifyTier, checkLeadTime } from './campaign-tiers.ts';
import { parseOrThrow } from './validate.ts';

export const StatusChange = z.strictObject({
  status: CampaignStatus,
  at: z.iso.datetime(),
  reason: z.string().max(2000).optional(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const Campaign = z.strictObject({
  tenantId: TenantId,
  campaignId: Id,
  brief: CampaignBrief,
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  tierReasons: z.array(z.string()),
  approvalLevel: z.enum(['VP', 'DIRECTOR', 'MANAGER']),
  leadTime: z.strictObject({
    met: z.boolean(),
    availableDays: z.number().int(),
    requiredDays: z.number().int(),
    recommendedDays: z.number().int(),
    rule: z.string(),
  }),
  status: CampaignStatus,
  /** Why the campaign is in its status, when that needs saying (failure, rejection). */
  statusReason: z.string().max(2000).optional(),
  /** Completed revision rounds after rejections. */
  revision: z.number().int().min(0),
  plan: Plan.optional(),
  workfrontProjectId: z.string().optional(),
  workfrontUrl: z.url().optional(),
  /** The event that requested the build, for tracing a campaign to its trigger. */
  sourceEventId: z.string().max(128).optional(),
  /** The execution building it: another execution for the same event is a duplicate, not a retry. */
  buildExecutionId: z.string().max(2048).optional(),
  history: z.array(StatusChange),
  /** Incremented by every write, for optimistic concurrency. */
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Campaign = z.infer<typeof Campaign>;

export interface NewCampaign {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly brief: CampaignBrief;
  readonly sourceEventId?: string;
  readonly buildExecutionId?: string;
  readonly now: Date;
}

/** A freshly requested campaign: tier and lead time decided from the playbook rules. */
export function newCampaign({ tenantId, campaignId, brief, sourceEventId, buildExecutionId, now }: NewCampaign): Campaign {
  const tier = classifyTier(brief);
  const at = now.toISOString();
  return parseOrThrow(Campaign, {
    tenantId,
    campaignId,
    brief,
    tier: tier.tier,
    tierReasons: [...tier.reasons],
    approvalLevel: tier.approvalLevel,
    leadTime: checkLeadTime(tier.tier, brief.launchDate, now),
    status: 'REQUESTED',
    revision: 0,
    ...(sourceEventId ? { sourceEventId } : {}),
    ...(buildExecutionId ? { buildExecutionId } : {}),
    history: [{ status: 'REQUESTED', at }],
    version: 1,
    createdAt: at,
    updatedAt: at,
  }, 'campaign');
}
