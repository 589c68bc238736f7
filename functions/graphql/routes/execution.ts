// GraphQL routes of execution (issue 15): timeline, tasks, team, workload,
// conflicts and launch dates. Same rules as every route: arguments parsed,
// tenant from the identity only, one use case per field.
import { z } from 'zod';
import { ExecutionRepository } from '../../data/execution-repository.ts';
import { TeamRepository } from '../../data/team-repository.ts';
import { CampaignBrief } from '../../domain/campaign-brief.ts';
import { classifyTier } from '../../domain/campaign-tiers.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import { CalendarDate, Channel, CampaignType, Id } from '../../domain/vocabulary.ts';
import type { ExecutionTask } from '../../domain/execution-task.ts';
import type { TimelineRecord } from '../../domain/timeline-record.ts';
import type { ExecutionDeps } from '../../use-cases/execution/execution-deps.ts';
import { listTeam, putTeamMember, removeTeamMember } from '../../use-cases/execution/manage-team.ts';
import { planExecution } from '../../use-cases/execution/plan-execution.ts';
import { campaignConflicts, conflicts } from '../../use-cases/execution/schedule-conflicts.ts';
import { suggestLaunchDate } from '../../use-cases/execution/suggest-launch-date.ts';
import { changeTask, createTask, type TaskAction } from '../../use-cases/execution/task-actions.ts';
import { checkRange, workload } from '../../use-cases/execution/workload.ts';
import { UnauthorizedError } from '../graphql-errors.ts';
import { MARKETERS, MARKETING_OPS, requirePerson, type Caller, type PersonCaller } from '../identity.ts';
import type { FieldContext, ResolverDeps, Route } from '../resolver.ts';

const args = <S extends z.ZodRawShape>(shape: S, ctx: FieldContext) => parseOrThrow(z.object(shape), ctx.args, 'arguments');
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** Repositories over the resolver's table, built once per resolver. */
const built = new WeakMap<ResolverDeps, ExecutionDeps>();
function execution(deps: ResolverDeps, ctx: FieldContext): ExecutionDeps {
  let found = built.get(deps);
  if (!found) {
    found = { campaigns: deps.campaigns, execution: new ExecutionRepository(deps.doc, deps.tableName), team: new TeamRepository(deps.doc, deps.tableName), now: () => ctx.now };
    built.set(deps, found);
  }
  return { ...found, now: () => ctx.now };
}

function requireAnyGroup(caller: Caller, groups: readonly string[]): PersonCaller {
  const person = requirePerson(caller);
  if (!groups.some((g) => person.groups.includes(g))) throw new UnauthorizedError(`This operation is for members of the ${groups.join(' or ')} group`);
  return person;
}

const TASK_EDITORS = [MARKETERS, MARKETING_OPS] as const;

function timelineView(record: TimelineRecord, tasks: readonly ExecutionTask[]) {
  return {
    campaignId: record.campaignId,
    startDate: record.startDate,
    launchDate: record.launchDate,
    endDate: record.endDate,
    slipDays: record.slipDays,
    criticalPath: record.criticalPath,
    tasks,
    generatedAt: record.generatedAt,
  };
}

const taskRef = { campaignId: Id, taskId: Id, expectedVersion: z.number().int().min(0) };

function taskRoute(action: (a: Record<string, unknown>, person: PersonCaller) => TaskAction, extra: z.ZodRawShape): Route {
  return async (deps, ctx) => {
    const person = requireAnyGroup(ctx.caller, TASK_EDITORS);
    const a = args({ ...taskRef, ...extra }, ctx) as { campaignId: string; taskId: string; expectedVersion: number } & Record<string, unknown>;
    return changeTask(execution(deps, ctx), { tenantId: person.tenantId, campaignId: a.campaignId, taskId: a.taskId, expectedVersion: a.expectedVersion }, action(a, person));
  };
}

export const EXECUTION_ROUTES: Readonly<Record<string, Route>> = {
  'Query.campaignTimeline': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const { campaignId } = args({ campaignId: Id }, ctx);
    const exec = execution(deps, ctx);
    const record = await exec.execution.getTimeline(tenantId, campaignId);
    return record ? timelineView(record, await exec.execution.listTasks(tenantId, campaignId)) : null;
  },
  'Query.tasks': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const { campaignId } = args({ campaignId: Id }, ctx);
    return execution(deps, ctx).execution.listTasks(tenantId, campaignId);
  },
  'Query.myTasks': async (deps, ctx) => {
    const person = requirePerson(ctx.caller);
    const a = args({ from: optional(CalendarDate), to: optional(CalendarDate) }, ctx);
    if (a.from && a.to) checkRange(a.from, a.to);
    const exec = execution(deps, ctx);
    const email = person.email?.toLowerCase();
    const me = (await exec.team.list(person.tenantId)).find((m) => (email && m.email.toLowerCase() === email) || m.memberId === person.username);
    return me ? exec.execution.tasksOf(person.tenantId, me.memberId, a.from, a.to) : [];
  },
  'Query.team': async (deps, ctx) => listTeam(execution(deps, ctx), requirePerson(ctx.caller).tenantId),
  'Query.workload': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const a = args({ from: CalendarDate, to: CalendarDate }, ctx);
    return workload(execution(deps, ctx), tenantId, a.from, a.to);
  },
  'Query.conflicts': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const a = args({ from: CalendarDate, to: CalendarDate }, ctx);
    return conflicts(execution(deps, ctx), tenantId, a.from, a.to);
  },
  'Query.campaignConflicts': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const { campaignId } = args({ campaignId: Id }, ctx);
    return campaignConflicts(execution(deps, ctx), tenantId, campaignId);
  },
  'Query.suggestLaunchDate': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller);
    const { input } = args(
      {
        input: z.object({
          type: CampaignType,
          budget: CampaignBrief.shape.budget,
          channels: z.array(Channel).min(1).max(6),
          audience: z.string().trim().min(3).max(500),
          notBefore: optional(CalendarDate),
        }),
      },
      ctx,
    );
    const { tier } = classifyTier(input);
    return suggestLaunchDate(execution(deps, ctx), tenantId, { tier, type: input.type, channels: input.channels, audience: input.audience, ...(input.notBefore ? { notBefore: input.notBefore } : {}) });
  },
  'Mutation.putTeamMember': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller, MARKETING_OPS);
    const { input } = args({ input: z.record(z.string(), z.unknown()) }, ctx);
    // GraphQL sends absent optionals as null; the member schema wants them absent.
    const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
    return putTeamMember(execution(deps, ctx), tenantId, clean);
  },
  'Mutation.removeTeamMember': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller, MARKETING_OPS);
    const { memberId } = args({ memberId: Id }, ctx);
    await removeTeamMember(execution(deps, ctx), tenantId, memberId);
    return true;
  },
  'Mutation.setBlackoutDates': async (deps, ctx) => {
    const { tenantId } = requirePerson(ctx.caller, MARKETING_OPS);
    const { dates } = args({ dates: z.array(CalendarDate).max(366) }, ctx);
    const unique = [...new Set(dates)].sort();
    const saved = await execution(deps, ctx).team.putSettings(tenantId, { blackoutDates: unique, updatedAt: ctx.now.toISOString() });
    return saved.blackoutDates;
  },
  'Mutation.planCampaignExecution': async (deps, ctx) => {
    const { tenantId } = requireAnyGroup(ctx.caller, TASK_EDITORS);
    const { campaignId } = args({ campaignId: Id }, ctx);
    const planned = await planExecution(execution(deps, ctx), { tenantId, campaignId });
    return timelineView(planned.timeline, planned.tasks);
  },
  'Mutation.createTask': async (deps, ctx) => {
    const { tenantId } = requireAnyGroup(ctx.caller, TASK_EDITORS);
    const a = args({ campaignId: Id, input: z.record(z.string(), z.unknown()) }, ctx);
    const clean = Object.fromEntries(Object.entries(a.input).filter(([, v]) => v !== null));
    return createTask(execution(deps, ctx), tenantId, a.campaignId, clean);
  },
  'Mutation.assignTask': taskRoute((a, person) => ({ kind: 'assign', memberId: (a.memberId as string | undefined) ?? null, by: person.email ?? person.username }), { memberId: optional(Id) }),
  'Mutation.blockTask': taskRoute((a) => ({ kind: 'block', reason: a.reason as string }), { reason: z.string() }),
  'Mutation.unblockTask': taskRoute(() => ({ kind: 'unblock' }), {}),
  'Mutation.setTaskProgress': taskRoute((a) => ({ kind: 'progress', percentComplete: a.percentComplete as number }), { percentComplete: z.number() }),
  'Mutation.completeTask': taskRoute((a) => ({ kind: 'complete', ...(typeof a.notes === 'string' ? { notes: a.notes } : {}) }), { notes: optional(z.string()) }),
};

