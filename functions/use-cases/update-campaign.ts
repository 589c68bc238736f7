// updateCampaign: edit a campaign's descriptive fields (name, objective,
// target audience) while it is not finished, then tell subscribers.
import { z } from 'zod';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import { CampaignBrief } from '../domain/campaign-brief.ts';
import type { Campaign } from '../domain/campaign.ts';
import { ValidationError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validate.ts';
import type { CampaignUpdates } from '../shared/campaign-updates.ts';

export interface CampaignEditors {
  readonly campaigns: CampaignRepository;
  readonly updates: CampaignUpdates;
}

export interface UpdateCampaignRequest {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly input: { readonly name?: string | null; readonly objective?: string | null; readonly targetAudience?: string | null };
  readonly now: Date;
}

// The brief's own rules for these fields, so an edit cannot store what a new brief could not.
const Edit = z.strictObject({
  name: CampaignBrief.shape.name.optional(),
  objective: CampaignBrief.shape.objective.optional(),
  audience: CampaignBrief.shape.audience.optional(),
});

export async function updateCampaign(editors: CampaignEditors, request: UpdateCampaignRequest): Promise<Campaign> {
  const { name, objective, targetAudience } = request.input;
  const raw = {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof objective === 'string' ? { objective } : {}),
    ...(typeof targetAudience === 'string' ? { audience: targetAudience } : {}),
  };
  if (Object.keys(raw).length === 0) {
    throw new ValidationError('campaign update', [{ field: 'input', message: 'must change at least one of name, objective, targetAudience' }]);
  }
  let edit;
  try {
    edit = parseOrThrow(Edit, raw, 'campaign update');
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError('campaign update', error.issues.map((i) => (i.field === 'audience' ? { ...i, field: 'targetAudience' } : i)));
    }
    throw error;
  }
  const campaign = await editors.campaigns.editBrief(request.tenantId, request.campaignId, edit, request.now);
  await editors.updates.published(campaign);
  return campaign;
}
