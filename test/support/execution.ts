// Builders for execution tests: a team, and a planned campaign stored on a
// test table, so each test states only what it varies.
import { CampaignRepository } from '../../functions/data/campaign-repository.ts';
import { ExecutionRepository } from '../../functions/data/execution-repository.ts';
import { TeamRepository } from '../../functions/data/team-repository.ts';
import type { CampaignBrief } from '../../functions/domain/campaign-brief.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import type { TeamMemberInput } from '../../functions/domain/team-member.ts';
import type { ExecutionDeps } from '../../functions/use-cases/execution/execution-deps.ts';
import { aCampaign, NOW } from './fixtures.ts';
import type { TestTable } from './dynamodb.ts';

export function executionDeps(table: TestTable, now: () => Date = () => NOW): ExecutionDeps {
  return {
    campaigns: new CampaignRepository(table.doc, table.tableName),
    execution: new ExecutionRepository(table.doc, table.tableName),
    team: new TeamRepository(table.doc, table.tableName),
    now,
  };
}

export const SAMPLE_TEAM: readonly TeamMemberInput[] = [
  { memberId: 'ana', name: 'Ana Copy', email: 'ana@example.com', skills: ['COPY', 'EMAIL', 'BLOG'], weeklyCapacityHours: 40, timeZone: 'Europe/London', workfrontUserId: 'a'.repeat(32) },
  { memberId: 'ben', name: 'Ben Design', email: 'ben@example.com', skills: ['DESIGN'], weeklyCapacityHours: 40, timeZone: 'America/New_York', workfrontUserId: 'b'.repeat(32) },
  { memberId: 'cy', name: 'Cy Ops', email: 'cy@example.com', skills: ['EMAIL_OPS', 'EMAIL', 'ANALYTICS'], weeklyCapacityHours: 32, timeZone: 'Europe/Berlin', workfrontUserId: 'c'.repeat(32) },
  { memberId: 'dee', name: 'Dee Social', email: 'dee@example.com', skills: ['SOCIAL', 'LINKEDIN', 'X', 'COPY'], weeklyCapacityHours: 40, timeZone: 'Europe/London' },
  { memberId: 'eli', name: 'Eli Legal', email: 'eli@example.com', skills: ['LEGAL'], weeklyCapacityHours: 16, timeZone: 'Europe/London' },
];

/** A campaign with a post plan, stored; the plan has one post per channel on the launch date. */
export async function aPlannedCampaign(deps: ExecutionDeps, options: { tenantId?: string; campaignId?: string; brief?: Partial<CampaignBrief> } = {}): Promise<Campaign> {
  const base = aCampaign({ tenantId: options.tenantId ?? 'acme', campaignId: options.campaignId ?? 'cmp-1', brief: { launchDate: '2027-03-15', endDate: '2027-04-30', ...options.brief } });
  const campaign: Campaign = {
    ...base,
    plan: {
      summary: 'One post per channel at launch',
      posts: base.brief.channels.map((channel, i) => ({ postId: `post-${i + 1}`, channel, publishDate: base.brief.launchDate, brief: `Launch post number ${i + 1} for ${channel}` })),
    },
  };
  await deps.campaigns.create(campaign);
  return campaign;
}
