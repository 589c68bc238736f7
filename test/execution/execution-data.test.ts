// Execution data on DynamoDB Local: a tenant sees only its own team, tasks
// and conflicts; concurrent reassignments of one task end with exactly one
// assignee (and one entry in the "my tasks" index); regeneration keeps the
// assignments and progress of unchanged tasks; bad input changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../functions/domain/errors.ts';
import { conflicts } from '../../functions/use-cases/execution/schedule-conflicts.ts';
import { listTeam, putTeamMember } from '../../functions/use-cases/execution/manage-team.ts';
import { planExecution } from '../../functions/use-cases/execution/plan-execution.ts';
import { changeTask, createTask } from '../../functions/use-cases/execution/task-actions.ts';
import { workload } from '../../functions/use-cases/execution/workload.ts';
import { createTestTable, type TestTable } from '../support/dynamodb.ts';
import { aPlannedCampaign, executionDeps, SAMPLE_TEAM } from '../support/execution.ts';
import type { ExecutionDeps } from '../../functions/use-cases/execution/execution-deps.ts';

let table: TestTable;
let deps: ExecutionDeps;

beforeAll(async () => {
  table = await createTestTable();
  deps = executionDeps(table);
});

async function seedTeam(tenantId: string, members = SAMPLE_TEAM) {
  for (const m of members) await putTeamMember(deps, tenantId, m);
}

describe('execution data', () => {
  it('gives each tenant only its own team, tasks and conflicts', async () => {
    await seedTeam('iso-a');
    await seedTeam('iso-b', SAMPLE_TEAM.slice(0, 2));
    // Same campaign ID and audience in both tenants, posting on the same day: a clash only across tenants.
    await aPlannedCampaign(deps, { tenantId: 'iso-a', campaignId: 'same' });
    await aPlannedCampaign(deps, { tenantId: 'iso-a', campaignId: 'other' });
    await aPlannedCampaign(deps, { tenantId: 'iso-b', campaignId: 'same' });
    await planExecution(deps, { tenantId: 'iso-a', campaignId: 'same' });
    await planExecution(deps, { tenantId: 'iso-a', campaignId: 'other' });

    expect((await listTeam(deps, 'iso-b')).map((m) => m.memberId)).toEqual(['ana', 'ben']);
    expect(await deps.team.get('iso-b', 'cy')).toBeUndefined();
    expect(await deps.execution.listTasks('iso-b', 'same')).toEqual([]);
    expect(await deps.execution.tasksOf('iso-b', 'ana')).toEqual([]);
    expect((await deps.execution.tasksOf('iso-a', 'ana')).length).toBeGreaterThan(0);

    const a = await conflicts(deps, 'iso-a', '2027-03-01', '2027-03-31');
    expect(a.find((c) => c.kind === 'AUDIENCE_CHANNEL_CLASH')?.campaignIds).toEqual(['other', 'same']);
    expect(await conflicts(deps, 'iso-b', '2027-03-01', '2027-03-31')).toEqual([]);
  });

  it('ends concurrent reassignments of one task with exactly one assignee', async () => {
    await seedTeam('race');
    await aPlannedCampaign(deps, { tenantId: 'race', campaignId: 'c1' });
    const { tasks } = await planExecution(deps, { tenantId: 'race', campaignId: 'c1' });
    const task = tasks.find((t) => t.discipline === 'COPY' && t.hoursPerDay > 0);
    if (!task) throw new Error('no COPY task planned');
    const contenders = ['ana', 'ben', 'cy', 'dee', 'eli', 'ana', 'ben', 'cy'];
    const results = await Promise.allSettled(
      contenders.map((memberId) => changeTask(deps, { tenantId: 'race', campaignId: 'c1', taskId: task.taskId, expectedVersion: task.version }, { kind: 'assign', memberId, by: 'test' })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    const stored = await deps.execution.requireTask('race', 'c1', task.taskId);
    expect(stored.version).toBe(task.version + 1);
    expect(stored.assigneeId).toBe((won[0] as PromiseFulfilledResult<{ assigneeId?: string }>).value.assigneeId);
    const holders = [];
    for (const m of SAMPLE_TEAM) if ((await deps.execution.tasksOf('race', m.memberId)).some((t) => t.taskId === task.taskId)) holders.push(m.memberId);
    expect(holders).toEqual([stored.assigneeId]);
  });

  it('keeps assignments and progress of unchanged tasks when the timeline is regenerated', async () => {
    await seedTeam('regen');
    await aPlannedCampaign(deps, { tenantId: 'regen', campaignId: 'c1', brief: { channels: ['EMAIL', 'LINKEDIN'] } });
    const first = await planExecution(deps, { tenantId: 'regen', campaignId: 'c1' });
    const draft = first.tasks.find((t) => t.taskId === 'post-post-1-draft');
    if (!draft) throw new Error('no draft task');
    const moved = await changeTask(deps, { tenantId: 'regen', campaignId: 'c1', taskId: draft.taskId, expectedVersion: draft.version }, { kind: 'assign', memberId: 'dee', by: 'lead' });
    await changeTask(deps, { tenantId: 'regen', campaignId: 'c1', taskId: draft.taskId, expectedVersion: moved.version }, { kind: 'progress', percentComplete: 40 });

    const second = await planExecution(deps, { tenantId: 'regen', campaignId: 'c1' });
    const again = second.tasks.find((t) => t.taskId === draft.taskId);
    expect(again).toMatchObject({ assigneeId: 'dee', percentComplete: 40, state: 'IN_PROGRESS', assignmentReason: 'assigned to Dee Social by lead' });
    expect(second.tasks.map((t) => t.taskId).sort()).toEqual(first.tasks.map((t) => t.taskId).sort());
  });

  it('refuses bad input and changes nothing: cycles, unknown members, dates out of range', async () => {
    await seedTeam('bad');
    await aPlannedCampaign(deps, { tenantId: 'bad', campaignId: 'c1' });
    await planExecution(deps, { tenantId: 'bad', campaignId: 'c1' });
    const before = await deps.execution.listTasks('bad', 'c1');

    await expect(createTask(deps, 'bad', 'c1', { taskId: 'brief', name: 'Again', phase: 'STRATEGY', discipline: 'COPY', durationDays: 1 })).rejects.toThrow(/already exists/);
    await expect(createTask(deps, 'bad', 'c1', { taskId: 'extra', name: 'Extra', phase: 'QA', discipline: 'COPY', durationDays: 1, dependsOn: [{ taskId: 'ghost', lagDays: 0 }] })).rejects.toThrow(/unknown task ghost/);
    await expect(createTask(deps, 'bad', 'c1', { taskId: 'extra', name: 'Extra', phase: 'QA', discipline: 'COPY', durationDays: 1, dependsOn: [{ taskId: 'extra', lagDays: 0 }] })).rejects.toThrow(ValidationError);
    const target = before.find((t) => t.hoursPerDay > 0) ?? before[0];
    if (!target) throw new Error('no task');
    await expect(changeTask(deps, { tenantId: 'bad', campaignId: 'c1', taskId: target.taskId, expectedVersion: target.version }, { kind: 'assign', memberId: 'nobody', by: 'x' })).rejects.toThrow(NotFoundError);
    await expect(changeTask(deps, { tenantId: 'bad', campaignId: 'c1', taskId: target.taskId, expectedVersion: target.version }, { kind: 'progress', percentComplete: 101 })).rejects.toThrow(/percentComplete/);
    await expect(changeTask(deps, { tenantId: 'bad', campaignId: 'c1', taskId: target.taskId, expectedVersion: target.version }, { kind: 'unblock' })).rejects.toThrow(/only a blocked task/);
    await expect(workload(deps, 'bad', '2027-04-01', '2027-03-01')).rejects.toThrow(/must not be before from/);
    await expect(conflicts(deps, 'bad', '2027-01-01', '2029-01-01')).rejects.toThrow(/within 366 days/);
    await expect(putTeamMember(deps, 'bad', { ...SAMPLE_TEAM[0], memberId: 'zed', timeZone: 'Mars/Olympus', weeklyCapacityHours: -1 })).rejects.toThrow(/timeZone.*weeklyCapacityHours|weeklyCapacityHours.*timeZone/);

    expect(await deps.execution.listTasks('bad', 'c1')).toEqual(before);
    expect(await deps.team.get('bad', 'zed')).toBeUndefined();
  });

  it('blocks, unblocks and completes a task with its notes, and reports blocked critical tasks as bottlenecks', async () => {
    await seedTeam('flow');
    await aPlannedCampaign(deps, { tenantId: 'flow', campaignId: 'c1' });
    const { tasks } = await planExecution(deps, { tenantId: 'flow', campaignId: 'c1' });
    const brief = tasks.find((t) => t.taskId === 'brief');
    if (!brief?.assigneeId) throw new Error('brief not assigned');
    const ref = { tenantId: 'flow', campaignId: 'c1', taskId: 'brief' };
    const blocked = await changeTask(deps, { ...ref, expectedVersion: brief.version }, { kind: 'block', reason: 'Waiting for pricing from finance' });
    const report = await workload(deps, 'flow', '2026-12-01', '2027-04-30');
    expect(report.bottlenecks).toContainEqual(expect.objectContaining({ kind: 'BLOCKED_CRITICAL', taskId: 'brief', campaignId: 'c1' }));
    const unblocked = await changeTask(deps, { ...ref, expectedVersion: blocked.version }, { kind: 'unblock' });
    const done = await changeTask(deps, { ...ref, expectedVersion: unblocked.version }, { kind: 'complete', notes: 'Signed off by the VP' });
    expect(done).toMatchObject({ state: 'DONE', percentComplete: 100, completionNotes: 'Signed off by the VP' });
    expect(done.blockedReason).toBeUndefined();
  });
});
