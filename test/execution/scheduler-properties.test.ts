// Properties of the scheduler: precedence (start ≥ predecessor finish + lag),
// the critical path is a longest path (checked by enumerating every path of
// small networks), and bad networks (cycles, unknown tasks) are refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/domain/errors.ts';
import { chainLength, schedule, type NetworkNode } from '../../functions/domain/task-network.ts';

/** A random DAG: each node may depend only on nodes before it, so there is no cycle. */
const dag = (maxNodes: number, withConstraints = false): fc.Arbitrary<NetworkNode[]> =>
  fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          durationDays: fc.integer({ min: 0, max: 10 }),
          deps: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : Math.min(i, 4) }),
          lags: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
          notBefore: withConstraints ? fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }) : fc.constant(undefined),
        }),
      ),
    ).map((specs) =>
      specs.map((s, i) => ({
        id: `t${i}`,
        durationDays: s.durationDays,
        dependsOn: i === 0 ? [] : s.deps.map((d, k) => ({ taskId: `t${d}`, lagDays: s.lags[k] ?? 0 })),
        ...(s.notBefore === undefined ? {} : { notBefore: s.notBefore }),
      })),
    ),
  );

/** Longest path by brute force: every path ending at every node. */
function bruteForceLongest(nodes: readonly NetworkNode[]): number {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const longestEndingAt = (id: string): number => {
    const node = byId.get(id) as NetworkNode;
    let best = 0;
    for (const dep of node.dependsOn) best = Math.max(best, longestEndingAt(dep.taskId) + dep.lagDays);
    return best + node.durationDays;
  };
  return Math.max(0, ...nodes.map((n) => longestEndingAt(n.id)));
}

describe('schedule', () => {
  it('never starts a task before a predecessor finishes plus its lag, nor before its constraint or the origin', () => {
    fc.assert(
      fc.property(dag(25, true), fc.integer({ min: 0, max: 20 }), (nodes, origin) => {
        const result = schedule(nodes, origin);
        for (const node of nodes) {
          const at = result.nodes.get(node.id);
          expect(at).toBeDefined();
          if (!at) return;
          expect(at.start).toBeGreaterThanOrEqual(origin);
          if (node.notBefore !== undefined) expect(at.start).toBeGreaterThanOrEqual(node.notBefore);
          expect(at.finish - at.start).toBe(node.durationDays);
          for (const dep of node.dependsOn) expect(at.start).toBeGreaterThanOrEqual((result.nodes.get(dep.taskId)?.finish ?? Infinity) + dep.lagDays);
        }
      }),
    );
  });

  it('returns a critical path that is a longest path of the network', () => {
    fc.assert(
      fc.property(dag(12), (nodes) => {
        const result = schedule(nodes);
        const longest = bruteForceLongest(nodes);
        expect(result.finish).toBe(longest);
        expect(chainLength(nodes, result.criticalPath)).toBe(longest);
        // It is a chain: each task depends on the one before it.
        result.criticalPath.slice(1).forEach((id, i) => {
          expect(nodes.find((n) => n.id === id)?.dependsOn.map((d) => d.taskId)).toContain(result.criticalPath[i]);
        });
      }),
    );
  });

  it('refuses a cycle, naming the tasks in it', () => {
    const cycle: NetworkNode[] = [
      { id: 'a', durationDays: 1, dependsOn: [{ taskId: 'c', lagDays: 0 }] },
      { id: 'b', durationDays: 1, dependsOn: [{ taskId: 'a', lagDays: 0 }] },
      { id: 'c', durationDays: 1, dependsOn: [{ taskId: 'b', lagDays: 2 }] },
      { id: 'd', durationDays: 1, dependsOn: [] },
    ];
    expect(() => schedule(cycle)).toThrow(ValidationError);
    expect(() => schedule(cycle)).toThrow(/cycle through a, b, c/);
  });

  it('refuses a dependency on an unknown task and a task that depends on itself', () => {
    expect(() => schedule([{ id: 'a', durationDays: 1, dependsOn: [{ taskId: 'ghost', lagDays: 0 }] }])).toThrow(/unknown task ghost/);
    expect(() => schedule([{ id: 'a', durationDays: 1, dependsOn: [{ taskId: 'a', lagDays: 0 }] }])).toThrow(/depends on itself/);
  });
});
