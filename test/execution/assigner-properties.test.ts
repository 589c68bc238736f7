// Properties of the assigner, against brute force on small teams: whenever
// some assignment keeps everyone within capacity, the assigner finds one;
// nobody is ever given a task on a day they are out of office, nor one
// outside their skills; every choice is explained.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignTasks, weeklyHours, type AssignableTask, type Member } from '../../functions/domain/assigner.ts';
import { DISCIPLINES, isAway } from '../../functions/domain/team-member.ts';
import { dateOfWorkingIndex, workingIndex } from '../../functions/domain/working-days.ts';

const BASE = workingIndex('2027-03-01');
const discipline = fc.constantFrom(...DISCIPLINES.slice(0, 3));

const task = (i: number): fc.Arbitrary<AssignableTask> =>
  fc.record({ discipline, start: fc.integer({ min: 0, max: 12 }), duration: fc.integer({ min: 1, max: 4 }), hoursPerDay: fc.constantFrom(2, 4, 6, 8) }).map((t) => ({
    taskId: `t${i}`,
    discipline: t.discipline,
    start: BASE + t.start,
    finish: BASE + t.start + t.duration,
    hoursPerDay: t.hoursPerDay,
  }));

const member = (i: number): fc.Arbitrary<Member> =>
  fc
    .record({
      skills: fc.uniqueArray(discipline, { minLength: 1, maxLength: 3 }),
      weeklyCapacityHours: fc.constantFrom(8, 16, 24, 40),
      away: fc.option(fc.record({ from: fc.integer({ min: 0, max: 14 }), length: fc.integer({ min: 0, max: 4 }) }), { nil: undefined }),
    })
    .map((m) => ({
      memberId: `m${i}`,
      name: `Member ${i}`,
      skills: m.skills,
      weeklyCapacityHours: m.weeklyCapacityHours,
      outOfOffice: m.away ? [{ from: dateOfWorkingIndex(BASE + m.away.from), to: dateOfWorkingIndex(BASE + m.away.from + m.away.length) }] : [],
    }));

const instance = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }))
  .chain(([t, m]) => fc.tuple(fc.tuple(...Array.from({ length: t }, (_, i) => task(i))), fc.tuple(...Array.from({ length: m }, (_, i) => member(i)))));

const lastDate = (t: AssignableTask) => dateOfWorkingIndex(t.finish - 1);
const eligible = (t: AssignableTask, team: readonly Member[]) => team.filter((m) => m.skills.includes(t.discipline) && !isAway(m, dateOfWorkingIndex(t.start), lastDate(t)));

function withinCapacity(tasks: readonly AssignableTask[], team: readonly Member[], chosen: ReadonlyMap<string, string>): boolean {
  const load = new Map<string, number>();
  for (const t of tasks) {
    const who = chosen.get(t.taskId);
    if (!who) continue;
    for (const [week, hours] of weeklyHours(t)) load.set(`${who}|${week}`, (load.get(`${who}|${week}`) ?? 0) + hours);
  }
  return [...load].every(([key, hours]) => hours <= (team.find((m) => m.memberId === key.split('|')[0])?.weeklyCapacityHours ?? 0));
}

/** Does any assignment of every assignable task keep everyone within capacity? */
function feasibleExists(tasks: readonly AssignableTask[], team: readonly Member[]): boolean {
  const open = tasks.filter((t) => eligible(t, team).length > 0);
  const chosen = new Map<string, string>();
  const go = (i: number): boolean => {
    if (i === open.length) return withinCapacity(tasks, team, chosen);
    const t = open[i] as AssignableTask;
    for (const m of eligible(t, team)) {
      chosen.set(t.taskId, m.memberId);
      if (go(i + 1)) return true;
    }
    chosen.delete(t.taskId);
    return false;
  };
  return go(0);
}

describe('assignTasks', () => {
  it('keeps everyone within capacity whenever a feasible assignment exists', () => {
    fc.assert(
      fc.property(instance, ([tasks, team]) => {
        const { assignments } = assignTasks(tasks, team);
        const chosen = new Map(assignments.filter((a) => a.assigneeId).map((a) => [a.taskId, a.assigneeId as string]));
        if (feasibleExists(tasks, team)) {
          expect(withinCapacity(tasks, team, chosen)).toBe(true);
          expect(assignments.some((a) => a.overCapacity)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never gives a task to someone out of office on its dates or without its skill, and explains every choice', () => {
    fc.assert(
      fc.property(instance, ([tasks, team]) => {
        const { assignments } = assignTasks(tasks, team);
        for (const a of assignments) {
          const t = tasks.find((x) => x.taskId === a.taskId) as AssignableTask;
          expect(a.reason.length).toBeGreaterThan(0);
          if (!a.assigneeId) {
            expect(eligible(t, team)).toEqual([]);
            continue;
          }
          expect(eligible(t, team).map((m) => m.memberId)).toContain(a.assigneeId);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('prefers the member who also has the channel, then the lowest load', () => {
    const t = (id: string, start: number): AssignableTask => ({ taskId: id, discipline: 'COPY', channel: 'EMAIL', start: BASE + start, finish: BASE + start + 1, hoursPerDay: 4 });
    const team: Member[] = [
      { memberId: 'a', name: 'Ana', skills: ['COPY'], weeklyCapacityHours: 40, outOfOffice: [] },
      { memberId: 'b', name: 'Ben', skills: ['COPY', 'EMAIL'], weeklyCapacityHours: 40, outOfOffice: [] },
      { memberId: 'c', name: 'Cy', skills: ['COPY', 'EMAIL'], weeklyCapacityHours: 40, outOfOffice: [] },
    ];
    const { assignments } = assignTasks([t('x', 0), t('y', 1)], team);
    expect(assignments.map((a) => a.assigneeId)).toEqual(['b', 'c']);
    expect(assignments[0]?.reason).toMatch(/Ben: has COPY and EMAIL; 0 h already booked/);
  });

  it('says why a task stays unassigned', () => {
    const { assignments } = assignTasks([{ taskId: 'x', discipline: 'LEGAL', start: BASE, finish: BASE + 1, hoursPerDay: 2 }], [
      { memberId: 'a', name: 'Ana', skills: ['COPY'], weeklyCapacityHours: 40, outOfOffice: [] },
    ]);
    expect(assignments[0]).toMatchObject({ reason: 'unassigned: no team member has the LEGAL skill', overCapacity: false });
    expect(assignments[0]?.assigneeId).toBeUndefined();
  });
});
