// The local EventBridge Scheduler through the real @aws-sdk/client-scheduler:
// groups and one-time schedules, the documented errors, firing on time,
// ActionAfterCompletion DELETE, retries then dead letters, deleting a group
// with its pending schedules, and schedules that outlive a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { atExpression } from '../../functions/adapters/scheduler-reminder-schedules.ts';
import { DeadLetters } from '../../local/eventbridge/dead-letters.ts';
import { startLocalScheduler, type RunningScheduler } from '../support/local-scheduler.ts';

const running: RunningScheduler[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

interface Delivery {
  readonly arn: string;
  readonly input: unknown;
  readonly at: number;
}

async function scheduler(options: { failFirst?: number; file?: string; deadLetters?: DeadLetters } = {}) {
  const deliveries: Delivery[] = [];
  let failures = options.failFirst ?? 0;
  const r = await startLocalScheduler({
    file: options.file,
    ...(options.deadLetters ? { deadLetters: options.deadLetters } : {}),
    deliver: async (arn, input) => {
      if (failures-- > 0) return { ok: false, error: 'target failed on purpose' };
      deliveries.push({ arn, input, at: Date.now() });
      return { ok: true };
    },
  });
  running.push(r);
  return { ...r, deliveries };
}

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:reminder';
const ROLE = 'arn:aws:iam::000000000000:role/scheduler';
const inSeconds = (s: number) => new Date(Math.ceil(Date.now() / 1000) * 1000 + s * 1000);
const create = (name: string, at: Date, extra: Partial<ConstructorParameters<typeof CreateScheduleCommand>[0]> = {}) =>
  new CreateScheduleCommand({
    Name: name,
    GroupName: 'g1',
    ScheduleExpression: atExpression(at),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: FN, RoleArn: ROLE, Input: JSON.stringify({ name }) },
    ...extra,
  });

describe('local EventBridge Scheduler', () => {
  it('GIVEN a group and a schedule THEN Get and List show them as the SDK models them, and a second create conflicts', async () => {
    const { client } = await scheduler();
    const group = await client.send(new CreateScheduleGroupCommand({ Name: 'g1' }));
    expect(group.ScheduleGroupArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule-group/g1');
    await expect(client.send(new CreateScheduleGroupCommand({ Name: 'g1' }))).rejects.toBeInstanceOf(ConflictException);

    const at = inSeconds(3600);
    const created = await client.send(create('s1', at, { ActionAfterCompletion: 'DELETE', Description: 'one reminder' }));
    expect(created.ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/g1/s1');
    await expect(client.send(create('s1', at))).rejects.toBeInstanceOf(ConflictException);

    const got = await client.send(new GetScheduleCommand({ Name: 's1', GroupName: 'g1' }));
    expect(got).toMatchObject({ Name: 's1', GroupName: 'g1', State: 'ENABLED', ScheduleExpression: atExpression(at), ActionAfterCompletion: 'DELETE', Target: { Arn: FN, RoleArn: ROLE } });
    expect(got.CreationDate).toBeInstanceOf(Date);
    const listed = await client.send(new ListSchedulesCommand({ GroupName: 'g1' }));
    expect(listed.Schedules?.map((s) => [s.Name, s.GroupName, s.Target?.Arn])).toEqual([['s1', 'g1', FN]]);
    expect((await client.send(new ListSchedulesCommand({ GroupName: 'other' }))).Schedules).toEqual([]);

    await client.send(new DeleteScheduleCommand({ Name: 's1', GroupName: 'g1' }));
    await expect(client.send(new GetScheduleCommand({ Name: 's1', GroupName: 'g1' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new DeleteScheduleCommand({ Name: 's1', GroupName: 'g1' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses what it cannot honour with ValidationException or ResourceNotFoundException, and stores nothing', async () => {
    const { client } = await scheduler();
    await expect(client.send(create('s1', inSeconds(60)))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await client.send(new CreateScheduleGroupCommand({ Name: 'g1' }));
    await expect(client.send(create('s1', inSeconds(60), { ScheduleExpression: 'rate(5 minutes)' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(client.send(create('s1', inSeconds(60), { ScheduleExpressionTimezone: 'Europe/Paris' }))).rejects.toBeInstanceOf(ValidationException);
    await expect(client.send(create('bad name!', inSeconds(60)))).rejects.toBeInstanceOf(ValidationException);
    expect((await client.send(new ListSchedulesCommand({}))).Schedules).toEqual([]);
  });

  it('fires a one-time schedule at its time with its input, once, and DELETE removes it afterwards', async () => {
    const { client, deliveries } = await scheduler();
    await client.send(new CreateScheduleGroupCommand({ Name: 'g1' }));
    const at = inSeconds(1);
    await client.send(create('soon', at, { ActionAfterCompletion: 'DELETE' }));
    await client.send(create('kept', at));
    await vi.waitFor(() => expect(deliveries).toHaveLength(2), { timeout: 5000, interval: 50 });
    expect(deliveries.every((d) => d.at >= at.getTime())).toBe(true);
    expect(deliveries.map((d) => d.input).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([{ name: 'kept' }, { name: 'soon' }]);
    await vi.waitFor(async () => expect((await client.send(new ListSchedulesCommand({ GroupName: 'g1' }))).Schedules?.map((s) => s.Name)).toEqual(['kept']));
  });

  it('deleting a group deletes its pending schedules: they never fire', async () => {
    const { client, deliveries } = await scheduler();
    await client.send(new CreateScheduleGroupCommand({ Name: 'g1' }));
    await client.send(create('a', inSeconds(1)));
    await client.send(new CreateScheduleGroupCommand({ Name: 'g2' }));
    await client.send(create('b', inSeconds(1), { GroupName: 'g2' }));
    await client.send(new DeleteScheduleGroupCommand({ Name: 'g1' }));
    await expect(client.send(new DeleteScheduleGroupCommand({ Name: 'g1' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await vi.waitFor(() => expect(deliveries.map((d) => d.input)).toEqual([{ name: 'b' }]), { timeout: 5000, interval: 50 });
    expect((await client.send(new ListSchedulesCommand({}))).Schedules?.map((s) => s.Name)).toEqual(['b']);
  });

  it('retries a failing target, and after the retry policy gives up the input goes to the dead letters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcc-scheduler-'));
    try {
      const deadLetters = new DeadLetters(join(dir, 'dlq.jsonl'));
      const retried = await scheduler({ failFirst: 2 });
      await retried.client.send(new CreateScheduleGroupCommand({ Name: 'g1' }));
      await retried.client.send(create('flaky', inSeconds(1)));
      await vi.waitFor(() => expect(retried.deliveries).toHaveLength(1), { timeout: 5000, interval: 50 });

      const doomed = await scheduler({ failFirst: 100, deadLetters });
      await doomed.client.send(new CreateScheduleGroupCommand({ Name: 'g1' }));
      await doomed.client.send(create('doomed', inSeconds(1), { Target: { Arn: FN, RoleArn: ROLE, Input: '{"n":1}', RetryPolicy: { MaximumRetryAttempts: 2 } } }));
      await vi.waitFor(() => expect(deadLetters.all()).toHaveLength(1), { timeout: 5000, interval: 50 });
      expect(deadLetters.all()[0]).toMatchObject({ body: '{"n":1}', attributes: { TARGET_ARN: FN, ERROR_MESSAGE: 'target failed on purpose' } });
      expect(doomed.deliveries).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN a restart THEN schedules persisted in the data file are kept, and one that came due while down fires late', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcc-scheduler-'));
    try {
      const file = join(dir, 'schedules.json');
      const first = await scheduler({ file });
      await first.client.send(new CreateScheduleGroupCommand({ Name: 'g1' }));
      await first.client.send(create('due-while-down', inSeconds(1), { ActionAfterCompletion: 'DELETE' }));
      await first.client.send(create('later', inSeconds(3600)));
      await running.splice(0)[0]?.stop();
      expect(first.deliveries).toEqual([]);

      const second = await scheduler({ file });
      await vi.waitFor(() => expect(second.deliveries.map((d) => d.input)).toEqual([{ name: 'due-while-down' }]), { timeout: 5000, interval: 50 });
      expect((await second.client.send(new ListSchedulesCommand({ GroupName: 'g1' }))).Schedules?.map((s) => s.Name)).toEqual(['later']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
