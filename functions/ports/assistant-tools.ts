// The tools the campaign assistant may use, already bound to one session's
// tenant and user: an adapter (the local assistant, or the Bedrock action
// group's Lambda) can name campaigns and parameters, never whose they are.
import type { Campaign } from '../domain/campaign.ts';
import type { CampaignStatus } from '../domain/campaign-status.ts';
import type { Classification, ClassifyCampaignInput } from '../use-cases/classify-campaign.ts';
import type { Passage } from './agent.ts';

export interface WorkfrontProjectStatus {
  readonly projectId: string;
  readonly name: string;
  readonly status: string;
  readonly url: string;
}

export interface AssistantTools {
  classifyCampaign(input: Omit<ClassifyCampaignInput, 'now'>): Classification;
  searchPlaybooks(request: { query: string; maxResults?: number }): Promise<Passage[]>;
  findCampaigns(request: { name?: string; status?: CampaignStatus; limit?: number }): Promise<Campaign[]>;
  getCampaign(campaignId: string): Promise<Campaign | undefined>;
  /** The live Workfront project, where this deployment can reach Workfront; otherwise what the campaign last heard. */
  getWorkfrontProjectStatus(campaignId: string): Promise<WorkfrontProjectStatus | undefined>;
  /**
   * Requests the build (the same Campaign Build Requested event as the CLI and
   * GraphQL). Only after the user confirmed `actionId`; the campaign ID derives
   * from it, so a replay names the same campaign and builds nothing twice.
   */
  createCampaign(actionId: string, brief: Record<string, unknown>): Promise<Campaign>;
}
