// The scheduler: a forward pass over a finish-to-start network with lags in
// working days, and the critical path as the chain of driving dependencies
// behind the latest finish. Pure integer arithmetic on working-day indexes
// (see working-days.ts); O(tasks + dependencies).
import { ValidationError, type FieldIssue } from './errors.ts';

export interface NetworkNode {
  readonly id: string;
  readonly durationDays: number;
  readonly dependsOn: readonly { readonly taskId: string; readonly lagDays: number }[];
  /** Earliest working-day index the task may start on (a fixed publish date, the project start). */
  readonly notBefore?: number;
}

export interface ScheduledNode {
  readonly id: string;
  /** First working day of the task. */
  readonly start: number;
  /** First working day after the task (start for a milestone). */
  readonly finish: number;
}

export interface Schedule {
  readonly nodes: ReadonlyMap<string, ScheduledNode>;
  /** Task IDs in topological order. */
  readonly order: readonly string[];
  /** Longest chain of driving dependencies, first task first. */
  readonly criticalPath: readonly string[];
  readonly finish: number;
  /** The chain of driving dependencies that ends at a task, first task first. */
  pathTo(id: string): string[];
}

/** Kahn's algorithm; unknown dependencies and cycles become one ValidationError naming the tasks. */
export function topologicalOrder(nodes: readonly NetworkNode[]): string[] {
  const byId = new Map<string, NetworkNode>();
  const issues: FieldIssue[] = [];
  for (const node of nodes) {
    if (byId.has(node.id)) issues.push({ field: `tasks.${node.id}`, message: 'appears twice' });
    byId.set(node.id, node);
  }
  const indegree = new Map<string, number>();
  const successors = new Map<string, string[]>();
  for (const node of nodes) {
    indegree.set(node.id, node.dependsOn.length);
    for (const dep of node.dependsOn) {
      if (!byId.has(dep.taskId)) issues.push({ field: `tasks.${node.id}.dependsOn`, message: `names unknown task ${dep.taskId}` });
      if (dep.taskId === node.id) issues.push({ field: `tasks.${node.id}.dependsOn`, message: 'depends on itself' });
      const list = successors.get(dep.taskId) ?? [];
      list.push(node.id);
      successors.set(dep.taskId, list);
    }
  }
  if (issues.length > 0) throw new ValidationError('task dependencies', issues);
  const ready = nodes.filter((n) => n.dependsOn.length === 0).map((n) => n.id);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i] as string;
    order.push(id);
    for (const next of successors.get(id) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  if (order.length < byId.size) {
    const stuck = [...byId.keys()].filter((id) => (indegree.get(id) ?? 0) > 0).sort();
    throw new ValidationError('task dependencies', [
      { field: 'tasks', message: `dependencies form a cycle through ${stuck.slice(0, 10).join(', ')}${stuck.length > 10 ? ', …' : ''}` },
    ]);
  }
  return order;
}

/** Every task as early as its predecessors (finish + lag) and its own notBefore allow. */
export function schedule(nodes: readonly NetworkNode[], origin = 0): Schedule {
  const order = topologicalOrder(nodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const scheduled = new Map<string, ScheduledNode>();
  // The dependency that set each start; null when the start came from notBefore or the origin.
  const driver = new Map<string, string | null>();
  let finish = origin;
  let last: string | undefined;
  for (const id of order) {
    const node = byId.get(id) as NetworkNode;
    let start = Math.max(origin, node.notBefore ?? origin);
    let drivenBy: string | null = null;
    for (const dep of node.dependsOn) {
      const earliest = (scheduled.get(dep.taskId) as ScheduledNode).finish + dep.lagDays;
      // On a tie the dependency, not the constraint, is named as the driver: the chain stays traceable.
      if (earliest > start || (earliest === start && drivenBy === null)) {
        start = earliest;
        drivenBy = dep.taskId;
      }
    }
    const end = start + node.durationDays;
    scheduled.set(id, { id, start, finish: end });
    driver.set(id, drivenBy);
    if (last === undefined || end > finish) {
      finish = end;
      last = id;
    }
  }
  const pathTo = (id: string): string[] => {
    const chain: string[] = [];
    for (let at: string | null | undefined = id; at; at = driver.get(at)) chain.push(at);
    return chain.reverse();
  };
  return { nodes: scheduled, order, criticalPath: last === undefined ? [] : pathTo(last), finish, pathTo };
}

/** Length of a chain in working days: durations plus the lags between consecutive tasks. */
export function chainLength(nodes: readonly NetworkNode[], chain: readonly string[]): number {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let total = 0;
  chain.forEach((id, i) => {
    const node = byId.get(id) as NetworkNode;
    total += node.durationDays;
    if (i > 0) total += node.dependsOn.find((d) => d.taskId === chain[i - 1])?.lagDays ?? Number.NaN;
  });
  return total;
}
