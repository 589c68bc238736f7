// Auto-assignment: each task goes to a member with its skill (discipline,
// and its channel when someone has both), who is not out of office on the
// task's dates, choosing the lowest load over the task's weeks among those
// with room left. When the greedy pass would put someone over capacity, a
// bounded search looks for an assignment that keeps everyone within it; only
// when none is found does the least-loaded member go over (a bottleneck the
// workload shows). Every choice carries its explanation.
import { isAway, type TeamMember } from './team-member.ts';
import { dateOfWorkingIndex, weekOfWorkingIndex } from './working-days.ts';
import type { Channel } from './vocabulary.ts';
import type { Discipline } from './team-member.ts';

export interface AssignableTask {
  readonly taskId: string;
  readonly discipline: Discipline;
  readonly channel?: Channel | undefined;
  /** Working-day indexes: first day worked, first day after. */
  readonly start: number;
  readonly finish: number;
  readonly hoursPerDay: number;
  /** A person's choice the assigner keeps (a manual assignment, work already started). */
  readonly lockedAssigneeId?: string | undefined;
}

export type Member = Pick<TeamMember, 'memberId' | 'name' | 'skills' | 'weeklyCapacityHours' | 'outOfOffice'>;

/** Hours already booked per member per week (week = working index of its Monday). */
export type Workload = Map<string, Map<number, number>>;

export interface Assignment {
  readonly taskId: string;
  readonly assigneeId?: string;
  readonly reason: string;
  readonly overCapacity: boolean;
}

/** Search steps the exact fallback may take before settling for the greedy result. */
const SEARCH_BUDGET = 50_000;

export function weeklyHours(task: Pick<AssignableTask, 'start' | 'finish' | 'hoursPerDay'>): Map<number, number> {
  const weeks = new Map<number, number>();
  if (task.hoursPerDay <= 0) return weeks;
  for (let day = task.start; day < task.finish; day++) {
    const week = weekOfWorkingIndex(day);
    weeks.set(week, (weeks.get(week) ?? 0) + task.hoursPerDay);
  }
  return weeks;
}

function lastDay(task: AssignableTask): string {
  return dateOfWorkingIndex(Math.max(task.start, task.finish - 1));
}

interface Candidates {
  /** Available members with the discipline, best skill match first. */
  readonly members: readonly Member[];
  readonly why?: string;
}

function candidatesFor(task: AssignableTask, team: readonly Member[]): Candidates {
  const skilled = team.filter((m) => m.skills.includes(task.discipline));
  if (skilled.length === 0) return { members: [], why: `no team member has the ${task.discipline} skill` };
  const from = dateOfWorkingIndex(task.start);
  const to = lastDay(task);
  const available = skilled.filter((m) => !isAway(m, from, to));
  if (available.length === 0) return { members: [], why: `all ${skilled.length} members with ${task.discipline} are out of office between ${from} and ${to}` };
  const channel = task.channel;
  const full = channel ? available.filter((m) => m.skills.includes(channel)) : available;
  const partial = channel ? available.filter((m) => !m.skills.includes(channel)) : [];
  return { members: [...full, ...partial] };
}

function loadOf(load: Workload, memberId: string, weeks: Map<number, number>): number {
  const booked = load.get(memberId);
  let total = 0;
  for (const week of weeks.keys()) total += booked?.get(week) ?? 0;
  return total;
}

function fits(load: Workload, member: Member, weeks: Map<number, number>): boolean {
  const booked = load.get(member.memberId);
  for (const [week, hours] of weeks) if ((booked?.get(week) ?? 0) + hours > member.weeklyCapacityHours + 1e-9) return false;
  return true;
}

function book(load: Workload, memberId: string, weeks: Map<number, number>, sign: 1 | -1): void {
  let booked = load.get(memberId);
  if (!booked) load.set(memberId, (booked = new Map()));
  for (const [week, hours] of weeks) booked.set(week, (booked.get(week) ?? 0) + sign * hours);
}

function cloneLoad(load: Workload): Workload {
  return new Map([...load].map(([id, weeks]) => [id, new Map(weeks)]));
}

/** Order of work: earliest start first, then the task ID, so the result is deterministic. */
function byStart(a: AssignableTask, b: AssignableTask): number {
  return a.start - b.start || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);
}

export function assignTasks(tasks: readonly AssignableTask[], team: readonly Member[], existing: Workload = new Map()): { assignments: Assignment[]; load: Workload } {
  const load = cloneLoad(existing);
  const byId = new Map(team.map((m) => [m.memberId, m]));
  const out = new Map<string, Assignment>();
  const open: { task: AssignableTask; weeks: Map<number, number>; candidates: readonly Member[] }[] = [];

  for (const task of [...tasks].sort(byStart)) {
    const weeks = weeklyHours(task);
    if (task.lockedAssigneeId) {
      const member = byId.get(task.lockedAssigneeId);
      book(load, task.lockedAssigneeId, weeks, 1);
      out.set(task.taskId, { taskId: task.taskId, assigneeId: task.lockedAssigneeId, reason: `kept: assigned to ${member?.name ?? task.lockedAssigneeId} by a person`, overCapacity: false });
      continue;
    }
    if (weeks.size === 0) {
      out.set(task.taskId, { taskId: task.taskId, reason: 'no hours of work (a milestone or buffer): nobody assigned', overCapacity: false });
      continue;
    }
    const { members, why } = candidatesFor(task, team);
    if (members.length === 0) {
      out.set(task.taskId, { taskId: task.taskId, reason: `unassigned: ${why ?? 'nobody matches'}`, overCapacity: false });
      continue;
    }
    open.push({ task, weeks, candidates: members });
  }

  const base = cloneLoad(load);
  const greedy = greedyPass(open, load);
  let chosen = greedy;
  if (greedy.some((g) => g.overCapacity)) {
    const exact = search(open, cloneLoad(base));
    if (exact) {
      chosen = exact;
      for (const g of greedy) if (g.memberId) book(load, g.memberId, g.weeks, -1);
      for (const e of exact) if (e.memberId) book(load, e.memberId, e.weeks, 1);
    }
  }
  for (const c of chosen) out.set(c.taskId, { taskId: c.taskId, ...(c.memberId ? { assigneeId: c.memberId } : {}), reason: c.reason, overCapacity: c.overCapacity });
  return { assignments: tasks.map((t) => out.get(t.taskId) as Assignment), load };
}

interface Choice {
  readonly taskId: string;
  readonly memberId?: string;
  readonly weeks: Map<number, number>;
  readonly reason: string;
  readonly overCapacity: boolean;
}

function describe(member: Member, task: AssignableTask, booked: number, pool: number, note: string): string {
  const skill = task.channel && member.skills.includes(task.channel) ? `${task.discipline} and ${task.channel}` : task.discipline;
  return `${member.name}: has ${skill}; ${booked} h already booked in the task's weeks (capacity ${member.weeklyCapacityHours} h a week); ${note} among ${pool} available matching member${pool === 1 ? '' : 's'}; not out of office ${dateOfWorkingIndex(task.start)}–${lastDay(task)}`;
}

function greedyPass(open: readonly { task: AssignableTask; weeks: Map<number, number>; candidates: readonly Member[] }[], load: Workload): Choice[] {
  const choices: Choice[] = [];
  for (const { task, weeks, candidates } of open) {
    const fitting = candidates.filter((m) => fits(load, m, weeks));
    const pool = fitting.length > 0 ? fitting : candidates;
    // Prefer the full skill match (candidates are ordered so), then the lowest load.
    let best = pool[0] as Member;
    let bestLoad = loadOf(load, best.memberId, weeks);
    for (const m of pool.slice(1)) {
      const l = loadOf(load, m.memberId, weeks);
      const betterMatch = task.channel !== undefined && m.skills.includes(task.channel) && !best.skills.includes(task.channel);
      const worseMatch = task.channel !== undefined && !m.skills.includes(task.channel) && best.skills.includes(task.channel);
      if (betterMatch || (!worseMatch && (l < bestLoad || (l === bestLoad && m.memberId < best.memberId)))) {
        best = m;
        bestLoad = l;
      }
    }
    const over = fitting.length === 0;
    book(load, best.memberId, weeks, 1);
    choices.push({
      taskId: task.taskId,
      memberId: best.memberId,
      weeks,
      overCapacity: over,
      reason: over
        ? `${best.name}: OVER CAPACITY — no available member with ${task.discipline} has room in the task's weeks; ${bestLoad} h were already booked, the lowest of ${pool.length}`
        : describe(best, task, bestLoad, candidates.length, 'lowest load with room left'),
    });
  }
  return choices;
}

/** Depth-first search for an assignment that keeps everyone within capacity; undefined if none was found in budget. */
function search(open: readonly { task: AssignableTask; weeks: Map<number, number>; candidates: readonly Member[] }[], load: Workload): Choice[] | undefined {
  let steps = 0;
  const picked: Member[] = [];
  const go = (i: number): boolean => {
    if (i === open.length) return true;
    if (++steps > SEARCH_BUDGET) return false;
    const { weeks, candidates } = open[i] as (typeof open)[number];
    const ordered = [...candidates].filter((m) => fits(load, m, weeks)).sort((a, b) => loadOf(load, a.memberId, weeks) - loadOf(load, b.memberId, weeks));
    for (const m of ordered) {
      book(load, m.memberId, weeks, 1);
      picked[i] = m;
      if (go(i + 1)) return true;
      book(load, m.memberId, weeks, -1);
      if (steps > SEARCH_BUDGET) return false;
    }
    return false;
  };
  if (!go(0)) return undefined;
  return open.map(({ task, weeks, candidates }, i) => {
    const m = picked[i] as Member;
    return { taskId: task.taskId, memberId: m.memberId, weeks, overCapacity: false, reason: describe(m, task, Math.max(0, loadOf(load, m.memberId, weeks) - [...weeks.values()].reduce((a, b) => a + b, 0)), candidates.length, 'chosen so that nobody goes over capacity') };
  });
}
