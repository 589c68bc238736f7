// The execution fields through the one resolver: tenant from the identity,
// team management only for marketing-ops, versions enforced, conflicts name
// the campaigns involved, bad arguments are a ValidationError.
import { beforeAll, describe, expect, it } from 'vitest';
import { planExecution } from '../../functions/use-cases/execution/plan-execution.ts';
import { aPlannedCampaign, executionDeps, SAMPLE_TEAM } from '../support/execution.ts';
import { appsyncEvent, cognito, startHarness, type Harness } from './resolver-harness.ts';

let h: Harness;
const ops = cognito({ tenantId: 'acme', sub: 'olga', groups: ['marketing-ops'], email: 'olga@example.com' });
const marketer = cognito({ tenantId: 'acme', sub: 'ana', groups: ['marketers'], email: 'ana@example.com' });
const stranger = cognito({ tenantId: 'globex', sub: 'gus', groups: ['marketers', 'marketing-ops'] });
const call = (field: string, args: Record<string, unknown>, identity: unknown) => {
  const [type, name] = field.split('.') as [string, string];
  return h.resolve(appsyncEvent(type, name, args, identity));
};

beforeAll(async () => {
  h = await startHarness();
  for (const member of SAMPLE_TEAM) await call('Mutation.putTeamMember', { input: { ...member, outOfOffice: null } }, ops);
});

describe('execution GraphQL routes', () => {
  it('lets only marketing-ops manage the team, and gives each tenant its own', async () => {
    await expect(call('Mutation.putTeamMember', { input: SAMPLE_TEAM[0] }, marketer)).rejects.toMatchObject({ name: 'Unauthorized' });
    expect(((await call('Query.team', {}, marketer)) as { memberId: string }[]).map((m) => m.memberId)).toEqual(['ana', 'ben', 'cy', 'dee', 'eli']);
    expect(await call('Query.team', {}, stranger)).toEqual([]);
    await expect(call('Mutation.putTeamMember', { input: { ...SAMPLE_TEAM[0], weeklyCapacityHours: 200 } }, ops)).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining('weeklyCapacityHours') });
  });

  it('plans a campaign, serves its timeline and my tasks, and refuses a stale version', async () => {
    const deps = executionDeps(h.table);
    await aPlannedCampaign(deps, { tenantId: 'acme', campaignId: 'gql-1', brief: { channels: ['EMAIL', 'BLOG'] } });
    const timeline = (await call('Mutation.planCampaignExecution', { campaignId: 'gql-1' }, marketer)) as { tasks: { taskId: string; assigneeId?: string; version: number; critical: boolean }[]; criticalPath: string[] };
    expect(timeline.criticalPath.at(-1)).toBe('launch');
    expect(await call('Query.campaignTimeline', { campaignId: 'gql-1' }, stranger)).toBeNull();

    const mine = (await call('Query.myTasks', { from: null, to: null }, marketer)) as { taskId: string; assigneeId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((t) => t.assigneeId))).toEqual(new Set(['ana']));

    const task = timeline.tasks.find((t) => t.assigneeId === 'ana') as { taskId: string; version: number };
    const moved = (await call('Mutation.assignTask', { campaignId: 'gql-1', taskId: task.taskId, memberId: 'dee', expectedVersion: task.version }, marketer)) as { assigneeId: string; assignmentReason: string };
    expect(moved).toMatchObject({ assigneeId: 'dee', assignmentReason: 'assigned to Dee Social by ana@example.com' });
    await expect(call('Mutation.setTaskProgress', { campaignId: 'gql-1', taskId: task.taskId, percentComplete: 50, expectedVersion: task.version }, marketer)).rejects.toMatchObject({ name: 'Conflict' });
    await expect(call('Mutation.assignTask', { campaignId: 'gql-1', taskId: task.taskId, memberId: 'dee', expectedVersion: task.version + 1 }, stranger)).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('reports conflicts naming the campaigns by campaignId, and suggests a launch date past them', async () => {
    const deps = executionDeps(h.table);
    await aPlannedCampaign(deps, { tenantId: 'acme', campaignId: 'gql-2' });
    await aPlannedCampaign(deps, { tenantId: 'acme', campaignId: 'gql-3' });
    await planExecution(deps, { tenantId: 'acme', campaignId: 'gql-2' });
    await planExecution(deps, { tenantId: 'acme', campaignId: 'gql-3' });
    await call('Mutation.setBlackoutDates', { dates: ['2027-03-15'] }, ops);
    const found = (await call('Query.conflicts', { from: '2027-03-01', to: '2027-03-31' }, marketer)) as { kind: string; campaignIds: string[] }[];
    // gql-1 (planned above) e-mails the same audience on the same day too.
    expect(found).toContainEqual(expect.objectContaining({ kind: 'AUDIENCE_CHANNEL_CLASH', channel: 'EMAIL', date: '2027-03-15', campaignIds: ['gql-1', 'gql-2', 'gql-3'] }));
    expect([...new Set(found.filter((c) => c.kind === 'BLACKOUT_DATE').map((c) => c.campaignIds[0]))].sort()).toEqual(['gql-1', 'gql-2', 'gql-3']);
    expect(await call('Query.conflicts', { from: '2027-03-01', to: '2027-03-31' }, stranger)).toEqual([]);
    await expect(call('Query.conflicts', { from: '2027-03-31', to: '2027-03-01' }, marketer)).rejects.toMatchObject({ name: 'ValidationError' });

    const suggestion = (await call('Query.suggestLaunchDate', { input: { type: 'EMAIL', budget: { amount: 5000, currency: 'USD' }, channels: ['EMAIL'], audience: 'Finance leaders at companies with 200-2,000 employees', notBefore: '2027-03-15' } }, marketer)) as { date: string; reasons: string[] };
    // Tier 3: 14 days from today (NOW is 2027-01-04); 15 March is a blackout date and a clash for this audience.
    expect(suggestion.date).toBe('2027-03-16');
    expect(suggestion.reasons.join(' ')).toMatch(/2027-03-15 is a blackout date/);
  });
});
