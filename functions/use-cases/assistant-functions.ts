// What the Bedrock assistant agent's action group can do: each function
// parses the model's string parameters, then calls the assistant's tools —
// the same use cases the local assistant, GraphQL and MCP use — bound to the
// session's tenant and user. createCampaign runs only after the user
// confirmed it through MCC: the confirmation puts the action ID in the session
// attributes, and the campaign ID derives from it (idempotent per action).
import { z } from 'zod';
import type { Campaign } from '../domain/campaign.ts';
import { CampaignStatus } from '../domain/campaign-status.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { CalendarDate, CampaignType, Channel, Currency, Id } from '../domain/vocabulary.ts';
import type { AssistantTools } from '../ports/assistant-tools.ts';

export interface AssistantCall {
  readonly tools: AssistantTools;
  /** The confirmed action, from the session attributes MCC set when the user confirmed. */
  readonly actionId: string | undefined;
  readonly args: Readonly<Record<string, string>>;
}

const channelList = z
  .string()
  .transform((s) => s.replace(/[[\]"']/g, '').split(/[,\s]+/).filter(Boolean).map((c) => c.toUpperCase()))
  .pipe(z.array(Channel).min(1).max(6));

const ClassifyArgs = z.object({
  type: z.string().transform((s) => s.toUpperCase()).pipe(CampaignType),
  budgetAmount: z.coerce.number().positive(),
  budgetCurrency: z.string().transform((s) => s.toUpperCase()).pipe(Currency),
  channels: channelList,
  launchDate: CalendarDate.optional(),
});
const FindArgs = z.object({ name: z.string().trim().min(1).max(200).optional(), status: CampaignStatus.optional() });
const CampaignIdArgs = z.object({ campaignId: Id });

function summary(c: Campaign) {
  return {
    campaignId: c.campaignId,
    name: c.brief.name,
    type: c.brief.type,
    status: c.status,
    ...(c.statusReason ? { statusReason: c.statusReason } : {}),
    tier: c.tier,
    approvalLevel: c.approvalLevel,
    launchDate: c.brief.launchDate,
    endDate: c.brief.endDate,
    ...(c.workfrontProjectId ? { workfrontProjectId: c.workfrontProjectId, workfrontUrl: c.workfrontUrl } : {}),
  };
}

export const ASSISTANT_FUNCTIONS: Readonly<Record<string, (call: AssistantCall) => Promise<unknown>>> = {
  async classifyCampaign({ tools, args }) {
    const a = parseOrThrow(ClassifyArgs, args, 'classifyCampaign parameters');
    return tools.classifyCampaign({ type: a.type, budget: { amount: a.budgetAmount, currency: a.budgetCurrency }, channels: a.channels, ...(a.launchDate ? { launchDate: a.launchDate } : {}) });
  },
  async createCampaign({ tools, actionId, args }) {
    if (!actionId || !Id.safeParse(actionId).success) {
      throw new ValidationError('createCampaign', [{ field: 'confirmation', message: 'the user has not confirmed this campaign through MCC' }]);
    }
    let brief: unknown;
    try {
      brief = JSON.parse(args.brief ?? '');
    } catch {
      throw new ValidationError('createCampaign parameters', [{ field: 'brief', message: 'must be a JSON object' }]);
    }
    if (!brief || typeof brief !== 'object' || Array.isArray(brief)) throw new ValidationError('createCampaign parameters', [{ field: 'brief', message: 'must be a JSON object' }]);
    // The tenant is the session's: a tenantId in the brief is dropped, not obeyed.
    const input = Object.fromEntries(Object.entries(brief as Record<string, unknown>).filter(([key]) => key !== 'tenantId'));
    return summary(await tools.createCampaign(actionId, input));
  },
  async getCampaign({ tools, args }) {
    const { campaignId } = parseOrThrow(CampaignIdArgs, args, 'getCampaign parameters');
    const campaign = await tools.getCampaign(campaignId);
    if (!campaign) throw new NotFoundError('Campaign', campaignId);
    return summary(campaign);
  },
  async findCampaigns({ tools, args }) {
    const a = parseOrThrow(FindArgs, args, 'findCampaigns parameters');
    return { campaigns: (await tools.findCampaigns({ ...a, limit: 10 })).map(summary) };
  },
  async getWorkfrontProjectStatus({ tools, args }) {
    const { campaignId } = parseOrThrow(CampaignIdArgs, args, 'getWorkfrontProjectStatus parameters');
    const project = await tools.getWorkfrontProjectStatus(campaignId);
    if (!project) throw new NotFoundError('Workfront project for campaign', campaignId);
    return project;
  },
};
