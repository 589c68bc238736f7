// The one GraphQL resolver Lambda: every field of schema/schema.graphql is a
// route keyed by `parentTypeName.fieldName` of the AppSync direct-resolver
// event. Each route parses its arguments, takes the tenant from the caller's
// identity (never from arguments), calls a use case and maps the result; all
// failures become AppSync errors in one place (toGraphqlError).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import type { ApprovalPolicyRepository } from '../data/approval-policy-repository.ts';
import type { ApprovalRepository } from '../data/approval-repository.ts';
import type { PostVersionRepository } from '../data/post-version-repository.ts';
import type { StageDecisionRepository } from '../data/stage-decision-repository.ts';
import type { CampaignRepository } from '../data/campaign-repository.ts';
import type { ConversationRepository } from '../data/conversation-repository.ts';
import type { DeduplicationStore } from '../data/deduplication-store.ts';
import { Decision } from '../domain/approval.ts';
import { CampaignStatus } from '../domain/campaign-status.ts';
import { Id, TenantId } from '../domain/vocabulary.ts';
import { parseOrThrow } from '../domain/validate.ts';
import type { CampaignUpdates, CampaignUpdatedDetail } from '../shared/campaign-updates.ts';
import { correlate, logger } from '../shared/observability.ts';
import { recordSecurityEvent, SECURITY_EVENTS } from '../shared/security-events.ts';
import { ERROR_POLICY } from '../domain/error-policy.ts';
import { cancelCampaign } from '../use-cases/cancel-campaign.ts';
import { createCampaign } from '../use-cases/create-campaign.ts';
import { getCampaign, type Include } from '../use-cases/get-campaign.ts';
import { listCampaigns } from '../use-cases/list-campaigns.ts';
import { updateCampaign } from '../use-cases/update-campaign.ts';
import { AppSyncResolverEvent } from './appsync-event.ts';
import { decideAsApprover } from '../use-cases/approver-decision.ts';
import { approvalView, campaignView, updateView } from './campaign-view.ts';
import type { ConversationAgent } from '../ports/conversation-agent.ts';
import { ASSISTANT_ROUTES } from './routes/assistant.ts';
import { APPROVAL_ROUTES } from './routes/approvals.ts';
import { toGraphqlError, UnauthorizedError, GraphqlError } from './graphql-errors.ts';
import { APPROVERS, callerOf, MARKETERS, requireBackend, requirePerson, type Caller } from './identity.ts';
import type { BuildRequests } from '../ports/build-requests.ts';
import type { TaskCallbacks } from '../ports/task-callbacks.ts';
import type { ReminderSchedules } from '../ports/reminder-schedules.ts';
import { EXECUTION_ROUTES } from './routes/execution.ts';

export interface ResolverDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly busName: string;
  readonly events: EventBridgeClient;
  readonly campaigns: CampaignRepository;
  readonly approvals: ApprovalRepository;
  /** Campaign Build Requested events (createCampaign). */
  readonly builds: BuildRequests;
  /** createCampaign's clientRequestId claims. */
  readonly deduplication: DeduplicationStore;
  readonly conversations: ConversationRepository;
  readonly updates: CampaignUpdates;
  readonly tasks: TaskCallbacks;
  readonly agent: ConversationAgent;
  readonly clock?: () => Date;
  /** notifications (issue 17): cleared when a decision or a cancellation ends the wait. */
  readonly reminders?: ReminderSchedules;
  // --- approvals (issue 16)
  readonly decisions: StageDecisionRepository;
  readonly postVersions: PostVersionRepository;
  readonly policies: ApprovalPolicyRepository;
}

export interface FieldContext {
  readonly args: Record<string, unknown>;
  readonly caller: Caller;
  /** AppSync's selectionSetList: top-level names and `parent/child` paths. */
  readonly selection: ReadonlySet<string>;
  readonly now: Date;
}

export type Route = (deps: ResolverDeps, ctx: FieldContext) => Promise<unknown>;

const args = <S extends z.ZodRawShape>(shape: S, ctx: FieldContext) => parseOrThrow(z.object(shape), ctx.args, 'arguments');
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** Posts and the approval cost a Query each: read them only when the query selects them. */
function includeFor(selection: ReadonlySet<string>, prefix = ''): Include {
  return { posts: selection.has(`${prefix}posts`), approval: selection.has(`${prefix}approval`) };
}

const CampaignUpdateInput = z.object({
  tenantId: TenantId,
  campaignId: Id,
  status: CampaignStatus,
  statusReason: optional(z.string().max(2000)),
  revision: z.number().int().min(0),
  workfrontProjectId: optional(z.string().min(1)),
  updatedAt: z.iso.datetime(),
});

export const ROUTES: Readonly<Record<string, Route>> = {
  'Query.getCampaign': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const { id } = args({ id: Id }, ctx);
    const details = await getCampaign(deps, tenantId, id, includeFor(ctx.selection));
    return details ? campaignView(details) : null;
  },
  'Query.listCampaigns': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const a = args({ limit: optional(z.number().int()), nextToken: optional(z.string()), status: optional(CampaignStatus) }, ctx);
    const page = await listCampaigns(deps, { tenantId, ...a }, includeFor(ctx.selection, 'items/'));
    return { items: page.items.map(campaignView), nextToken: page.nextToken ?? null };
  },
  'Mutation.createCampaign': async (deps, ctx) => {
    const person = requirePerson(ctx.caller, MARKETERS);
    const { input } = args({ input: z.record(z.string(), z.unknown()) }, ctx);
    const campaign = await createCampaign(
      deps,
      { tenantId: person.tenantId, input, callerEmail: person.email, now: ctx.now },
    );
    correlate({ tenantId: person.tenantId, campaignId: campaign.campaignId });
    return campaignView({ campaign });
  },
  'Mutation.updateCampaign': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller, MARKETERS);
    const a = args({ id: Id, input: z.object({ name: z.string().nullish(), objective: z.string().nullish(), targetAudience: z.string().nullish() }) }, ctx);
    const campaign = await updateCampaign(deps, { tenantId, campaignId: a.id, input: a.input, now: ctx.now });
    return campaignView(await getCampaignOrSelf(deps, campaign.tenantId, campaign.campaignId, ctx, campaign));
  },
  'Mutation.cancelCampaign': async (deps, ctx) => {
    const person = requirePerson(ctx.caller, MARKETERS);
    const a = args({ id: Id, reason: optional(z.string().max(1500)) }, ctx);
    const campaign = await cancelCampaign(deps.campaigns, deps.updates, {
      tenantId: person.tenantId,
      campaignId: a.id,
      cancelledBy: person.email ?? person.username,
      ...(a.reason ? { reason: a.reason } : {}),
      now: ctx.now,
    }, deps.reminders);
    return campaignView(await getCampaignOrSelf(deps, person.tenantId, a.id, ctx, campaign));
  },
  'Mutation.decideApproval': async (deps, ctx) => {
    const person = requirePerson(ctx.caller, APPROVERS);
    const a = args({ campaignId: Id, decision: Decision, comment: optional(z.string().max(4000)) }, ctx);
    const approval = await decideAsApprover(deps, {
      tenantId: person.tenantId,
      campaignId: a.campaignId,
      approverEmail: person.email,
      decision: a.decision,
      ...(a.comment ? { comment: a.comment } : {}),
      now: ctx.now,
    });
    return approvalView(approval);
  },
  'Mutation.publishCampaignUpdate': async (_deps, ctx) => {
    requireBackend(ctx.caller);
    const { input } = args({ input: CampaignUpdateInput }, ctx);
    // Nothing to store: the result is what AppSync fans out to onCampaignUpdated subscribers.
    return updateView(input as CampaignUpdatedDetail);
  },
  ...APPROVAL_ROUTES, // approvals (issue 16)
  'Subscription.onCampaignUpdated': async (_deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const a = args({ tenantId: z.string(), campaignId: optional(Id) }, ctx);
    if (a.tenantId !== tenantId) throw new UnauthorizedError('You can only subscribe to your own tenant’s campaigns');
    return null;
  },
  // The campaign assistant (issue 13): conversations, messages, confirmations.
  ...ASSISTANT_ROUTES,
  // Execution (issue 15): timeline, tasks, team, schedule.
  ...EXECUTION_ROUTES,
};

/** After a write, the campaign as the client selected it (posts / approval only when asked). */
async function getCampaignOrSelf(deps: ResolverDeps, tenantId: string, campaignId: string, ctx: FieldContext, self: Parameters<typeof campaignView>[0]['campaign']) {
  const include = includeFor(ctx.selection);
  if (!include.posts && !include.approval) return { campaign: self };
  return (await getCampaign(deps, tenantId, campaignId, include)) ?? { campaign: self };
}

export function createResolver(deps: ResolverDeps): (event: unknown) => Promise<unknown> {
  const clock = deps.clock ?? (() => new Date());
  return async (raw) => {
    let field = 'unknown';
    try {
      const event = parseOrThrow(AppSyncResolverEvent, raw, 'AppSync event');
      field = `${event.info.parentTypeName}.${event.info.fieldName}`;
      const route = ROUTES[field];
      if (!route) throw new GraphqlError('UnknownField', `No resolver for ${field}`);
      const caller = callerOf(event.identity);
      if (caller.kind === 'person') correlate({ tenantId: caller.tenantId });
      logger.appendKeys({ field });
      return await route(deps, { args: event.arguments, caller, selection: new Set(event.info.selectionSetList ?? []), now: clock() });
    } catch (error) {
      const mapped = error instanceof GraphqlError ? error : toGraphqlError(error);
      if (mapped.name === 'InternalError') logger.error(`${field} failed`, { error });
      else if (mapped.name === ERROR_POLICY.Unauthorized.graphqlType) recordSecurityEvent(SECURITY_EVENTS.graphqlUnauthorized, { field });
      else logger.info(`${field} refused: ${mapped.name}`);
      throw mapped;
    } finally {
      logger.resetKeys();
    }
  };
}
