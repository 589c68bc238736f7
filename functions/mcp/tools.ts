// The MCP tools: thin adapters over the use cases GraphQL and the agents use
// (one implementation of "create a campaign"). Each tool has a zod input
// schema (its JSON Schema is what tools/list shows), takes the tenant and
// groups from the verified caller only, and answers with structured content
// plus a short text.
import { z } from 'zod';
import { Decision } from '../domain/approval.ts';
import { CampaignStatus } from '../domain/campaign-status.ts';
import { CalendarDate, CampaignType, Channel, Currency, Id } from '../domain/vocabulary.ts';
import { decideAsApprover, type ApproverDecisionDeps } from '../use-cases/approver-decision.ts';
import { approvalView, campaignView } from '../graphql/campaign-view.ts';
import { APPROVERS, MARKETERS, requirePerson, type PersonCaller } from '../graphql/identity.ts';
import type { Agent } from '../ports/agent.ts';
import { AGENT_FUNCTIONS, type AgentDeps } from '../use-cases/agent-actions.ts';
import { classifyCampaign } from '../use-cases/classify-campaign.ts';
import { briefFromInput, createCampaign, type CreateCampaignDeps } from '../use-cases/create-campaign.ts';
import { getCampaign, type CampaignReaders } from '../use-cases/get-campaign.ts';
import { calendar } from '../use-cases/execution/calendar.ts';
import type { ExecutionDeps } from '../use-cases/execution/execution-deps.ts';
import { conflicts } from '../use-cases/execution/schedule-conflicts.ts';
import { listCampaigns } from '../use-cases/list-campaigns.ts';
import { MAX_QUERY_LENGTH, MAX_SEARCH_RESULTS, searchPlaybooks } from '../use-cases/search-playbooks.ts';
import { newCampaign } from '../domain/campaign.ts';
import type { ToolResult } from './tool-errors.ts';

export interface ToolDeps {
  readonly readers: CampaignReaders;
  /** Build requests, with the clientRequestId memory createCampaign keeps. */
  readonly builds: CreateCampaignDeps;
  readonly approvals: ApproverDecisionDeps;
  /** Workfront look-ups, built on first use (they read a secret). */
  readonly workfront: () => AgentDeps;
  readonly knowledge: Pick<Agent, 'retrieve'>;
  /** The schedule (issue 15): timelines and the team, for the calendar and its conflicts. */
  readonly schedule: Pick<ExecutionDeps, 'execution' | 'team' | 'now'>;
  readonly now: () => Date;
}

export interface ToolDefinition<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: S;
  readonly annotations: { readonly readOnlyHint: boolean; readonly destructiveHint?: boolean; readonly idempotentHint?: boolean };
  run(deps: ToolDeps, caller: PersonCaller, args: z.output<S>): Promise<ToolResult>;
}

const tool = <S extends z.ZodObject>(definition: ToolDefinition<S>) => definition as unknown as ToolDefinition;
const result = (text: string, structured: Record<string, unknown>): ToolResult => ({ content: [{ type: 'text', text }], structuredContent: structured });
const str = (max: number) => z.string().max(max);

const Budget = z.strictObject({ amount: z.number().finite().describe('In the currency given'), currency: Currency });

const BriefInput = {
  name: str(200).describe('Campaign name, 3–120 characters'),
  type: CampaignType,
  objective: str(4000).describe('What the campaign must achieve, 10–2000 characters'),
  targetAudience: str(1000).describe('Who it is for, 3–500 characters'),
  budget: Budget,
  channels: z.array(Channel).max(6),
  launchDate: str(10).describe('YYYY-MM-DD'),
  endDate: str(10).describe('YYYY-MM-DD'),
  approvers: z.array(str(254)).max(10).describe('E-mail addresses of the approvers'),
  requestedBy: str(254).optional().describe('E-mail of the requester; default: the signed-in user'),
};

export const TOOLS: readonly ToolDefinition[] = [
  tool({
    name: 'search_playbooks',
    title: 'Search the playbooks',
    description: "Passages from the company's marketing playbooks, brand guidelines and channel templates that answer a question.",
    input: z.strictObject({ query: str(MAX_QUERY_LENGTH).describe('What to look for'), maxResults: z.number().int().min(1).max(MAX_SEARCH_RESULTS).optional() }),
    annotations: { readOnlyHint: true },
    async run(deps, _caller, args) {
      const passages = await searchPlaybooks(deps.knowledge, args);
      const text = passages.length === 0 ? 'No passage matches.' : passages.map((p) => `${p.title} (${p.documentId})`).join('\n');
      return result(text, { passages: passages.map((p) => ({ ...p, uri: `mcc://playbooks/${p.documentId}` })) });
    },
  }),
  tool({
    name: 'classify_campaign',
    title: 'Classify a campaign',
    description: 'Which tier a campaign would be, who must approve it and whether its launch date leaves the lead time the tier needs. Creates nothing.',
    input: z.strictObject({ type: CampaignType, budget: Budget, channels: z.array(Channel).min(1).max(6), launchDate: z.iso.date().optional() }),
    annotations: { readOnlyHint: true },
    async run(deps, _caller, args) {
      const c = classifyCampaign({ ...args, now: deps.now() });
      const lead = c.leadTime ? (c.leadTime.met ? ' Lead time is met.' : ` Lead time is NOT met: ${c.leadTime.rule}.`) : '';
      return result(`Tier ${c.tier} (${c.label}), ${c.approvalLevel} approval: ${c.reasons.join('; ')}.${lead}`, { ...c });
    },
  }),
  tool({
    name: 'create_campaign',
    title: 'Create a campaign',
    description:
      'Starts building a campaign from a brief. Without `confirm: true` it only returns what it would create (tier, approval level, lead time) and creates nothing: show that to the user and call again with `confirm: true` once they agree.',
    input: z.strictObject({ ...BriefInput, confirm: z.boolean().optional().describe('true to create; anything else only previews') }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    async run(deps, caller, { confirm, ...input }) {
      const person = requirePerson(caller, MARKETERS);
      const now = deps.now();
      if (confirm !== true) {
        // The same parse and tier rules Save applies, with a placeholder ID: nothing is written or sent.
        const brief = briefFromInput(input, person.email);
        const summary = campaignView({ campaign: newCampaign({ tenantId: person.tenantId, campaignId: 'preview', brief, now }) });
        for (const notYet of ['campaignId', 'createdAt', 'updatedAt', 'history']) delete summary[notYet];
        const lead = classifyCampaign({ ...brief, now }).leadTime;
        return result(
          `Not created yet. Would create "${brief.name}": Tier ${String(summary.tier)}, ${String(summary.approvalLevel)} approval, ${brief.channels.length} channel(s), ${brief.launchDate} to ${brief.endDate}. Call again with confirm: true to create it.`,
          { created: false, campaign: summary, ...(lead ? { leadTime: lead } : {}) },
        );
      }
      const campaign = await createCampaign(deps.builds, { tenantId: person.tenantId, input, ...(person.email ? { callerEmail: person.email } : {}), now });
      return result(`Created campaign ${campaign.campaignId} ("${campaign.brief.name}"), status ${campaign.status}; it builds now.`, {
        created: true,
        campaign: campaignView({ campaign }),
        uri: `mcc://campaigns/${campaign.campaignId}`,
      });
    },
  }),
  tool({
    name: 'get_campaign',
    title: 'Get a campaign',
    description: 'One campaign of your organisation with its posts and latest approval.',
    input: z.strictObject({ campaignId: Id }),
    annotations: { readOnlyHint: true },
    async run(deps, caller, { campaignId }) {
      const details = await getCampaign(deps.readers, caller.tenantId, campaignId, { posts: true, approval: true });
      if (!details) return { ...result(`Campaign ${campaignId} was not found.`, { error: { code: 'NotFound', message: `Campaign ${campaignId} was not found` } }), isError: true };
      const c = details.campaign;
      return result(`${c.brief.name} (${c.campaignId}): ${c.status}, Tier ${c.tier}, ${details.posts?.length ?? 0} post(s).`, { campaign: campaignView(details) });
    },
  }),
  tool({
    name: 'list_campaigns',
    title: 'List campaigns',
    description: "Your organisation's campaigns, newest first, optionally in one status; pass nextToken to page on.",
    input: z.strictObject({ status: CampaignStatus.optional(), limit: z.number().int().min(1).max(50).optional(), nextToken: str(2048).optional() }),
    annotations: { readOnlyHint: true },
    async run(deps, caller, args) {
      const page = await listCampaigns(deps.readers, { tenantId: caller.tenantId, limit: args.limit ?? 20, ...(args.status ? { status: args.status } : {}), ...(args.nextToken ? { nextToken: args.nextToken } : {}) });
      const items = page.items.map((d) => campaignView(d));
      const text = items.length === 0 ? 'No campaigns.' : items.map((c) => `${String(c.campaignId)}: ${String(c.name)} — ${String(c.status)}`).join('\n');
      return result(text, { items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) });
    },
  }),
  tool({
    name: 'decide_approval',
    title: 'Approve or reject a campaign',
    description: 'Records your decision on a campaign awaiting approval (members of the approvers group to whom the request was sent). A rejection comment becomes the revision guidance.',
    input: z.strictObject({ campaignId: Id, decision: Decision, comment: str(4000).optional() }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    async run(deps, caller, args) {
      const person = requirePerson(caller, APPROVERS);
      const comment = args.comment?.trim();
      const approval = await decideAsApprover(deps.approvals, {
        tenantId: person.tenantId,
        campaignId: args.campaignId,
        approverEmail: person.email,
        decision: args.decision,
        ...(comment ? { comment } : {}),
        now: deps.now(),
      });
      return result(`Campaign ${args.campaignId}: ${approval.status.toLowerCase()}.`, { approval: approvalView(approval) });
    },
  }),
  tool({
    name: 'get_workfront_status',
    title: 'Workfront project status',
    description: "The campaign's Adobe Workfront project as Workfront reports it now: status, planned dates, link.",
    input: z.strictObject({ campaignId: Id }),
    annotations: { readOnlyHint: true },
    async run(deps, caller, { campaignId }) {
      const status = AGENT_FUNCTIONS.getWorkfrontProjectStatus;
      if (!status) throw new Error('the agent actions lost getWorkfrontProjectStatus');
      const project = (await status(deps.workfront(), caller.tenantId, { campaignId })) as Record<string, unknown>;
      return result(`Workfront project ${String(project.projectId)} "${String(project.name)}": ${String(project.status)}.`, { project });
    },
  }),
  tool({
    name: 'get_calendar',
    title: 'Campaign calendar',
    description: "Your organisation's planned campaigns between two dates (YYYY-MM-DD, at most a year apart): each one's start, launch and end, and the posts that go out in the range.",
    input: z.strictObject({ from: CalendarDate, to: CalendarDate }),
    annotations: { readOnlyHint: true },
    async run(deps, caller, { from, to }) {
      const entries = await calendar(deps.schedule, caller.tenantId, from, to);
      const posts = entries.reduce((n, e) => n + e.posts.length, 0);
      const text = entries.length === 0 ? `No planned campaigns between ${from} and ${to}.` : `${entries.length} campaign(s) and ${posts} post(s) between ${from} and ${to}:\n${entries.map((e) => `${e.campaignId}: ${e.name} — launch ${e.launchDate}, ends ${e.endDate}`).join('\n')}`;
      return result(text, { from, to, campaigns: entries });
    },
  }),
  tool({
    name: 'get_conflicts',
    title: 'Schedule conflicts',
    description: 'Conflicts in your calendar between two dates: the same audience on the same channel on one day, posts on blackout dates, a team member over capacity in a week, a launch inside its tier\'s minimum lead time. Each names the campaigns involved.',
    input: z.strictObject({ from: CalendarDate, to: CalendarDate }),
    annotations: { readOnlyHint: true },
    async run(deps, caller, { from, to }) {
      const found = await conflicts(deps.schedule, caller.tenantId, from, to);
      const text = found.length === 0 ? `No conflicts between ${from} and ${to}.` : `${found.length} conflict(s) between ${from} and ${to}:\n${found.map((c) => `${c.date} ${c.kind}: ${c.campaignIds.join(', ')}`).join('\n')}`;
      return result(text, { from, to, conflicts: found });
    },
  }),
];
