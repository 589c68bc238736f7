// EventBridge Scheduler, locally: schedule groups and one-time `at()`
// schedules, persisted in the data directory (a restart keeps them and fires
// the ones whose time passed while it was down, late, as Scheduler would
// retry), each fired on time by a timer that invokes its target. Targets are
// delivered through `deliver` (the runtime invokes Lambda ARNs); a failed
// delivery is retried with backoff within the target's RetryPolicy, then goes
// to the dead letters. `ActionAfterCompletion: DELETE` removes a schedule
// once it has run. Generic: nothing here knows MCC.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwsServiceError } from '../aws-error.ts';
import type { DeadLetters } from '../eventbridge/dead-letters.ts';

export interface ScheduleTarget {
  readonly Arn: string;
  readonly RoleArn: string;
  readonly Input?: string;
  readonly RetryPolicy?: { readonly MaximumRetryAttempts?: number; readonly MaximumEventAgeInSeconds?: number };
  readonly DeadLetterConfig?: { readonly Arn?: string };
}

export interface StoredSchedule {
  readonly Name: string;
  readonly GroupName: string;
  readonly Arn: string;
  readonly ScheduleExpression: string;
  readonly ScheduleExpressionTimezone: string;
  readonly State: 'ENABLED' | 'DISABLED';
  readonly Description?: string;
  readonly ActionAfterCompletion: 'NONE' | 'DELETE';
  readonly FlexibleTimeWindow: { readonly Mode: string; readonly MaximumWindowInMinutes?: number };
  readonly Target: ScheduleTarget;
  /** Epoch milliseconds. */
  readonly CreationDate: number;
  readonly LastModificationDate: number;
  /** Epoch milliseconds the `at()` expression names. */
  readonly fireAt: number;
  /** Set once the target was invoked (a kept `NONE` schedule does not run twice). */
  completedAt?: number;
}

interface StoredGroup {
  readonly Name: string;
  readonly Arn: string;
  readonly CreationDate: number;
}

interface SchedulerState {
  groups: StoredGroup[];
  schedules: StoredSchedule[];
}

export interface SchedulerServiceOptions {
  readonly region: string;
  readonly account: string;
  /** Persisted state; undefined keeps everything in memory. */
  readonly file: string | undefined;
  /** Invokes a target with its input; rejects or resolves `{ ok: false }` when the delivery failed. */
  readonly deliver: (targetArn: string, input: unknown) => Promise<{ ok: boolean; error?: string }>;
  readonly deadLetters?: DeadLetters;
  readonly log?: (line: string) => void;
  /**
   * Deliveries in flight at once (default 4). A thousand schedules due in one second would otherwise start a
   * thousand cold Lambda workers on a laptop, each timing out its init; AWS scales out, one machine queues.
   */
  readonly maxConcurrentDeliveries?: number;
  /** First retry delay; doubles up to 60 s. Default 1 s. */
  readonly retryBaseMs?: number;
  readonly now?: () => number;
}

const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;
const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
/** setTimeout's ceiling; longer waits re-arm. */
const MAX_TIMER_MS = 2_147_483_647;

export const DEFAULT_GROUP = 'default';

export interface CreateScheduleRequest {
  readonly Name: string;
  readonly GroupName?: string;
  readonly ScheduleExpression?: string;
  readonly ScheduleExpressionTimezone?: string;
  readonly State?: string;
  readonly Description?: string;
  readonly ActionAfterCompletion?: string;
  readonly FlexibleTimeWindow?: { Mode?: string; MaximumWindowInMinutes?: number };
  readonly Target?: Partial<ScheduleTarget>;
}

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || !NAME.test(value)) throw validation(`${what} must be 1-64 characters of [0-9a-zA-Z-_.]`);
  return value;
}

export class SchedulerService {
  readonly #options: SchedulerServiceOptions;
  readonly #state: SchedulerState;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #inFlight = new Set<Promise<void>>();
  #stopped = false;
  #delivering = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: SchedulerServiceOptions) {
    this.#options = options;
    this.#state = options.file && existsSync(options.file) ? (JSON.parse(readFileSync(options.file, 'utf8')) as SchedulerState) : { groups: [], schedules: [] };
  }

  /** Arms a timer for every schedule not yet run; due ones fire at once. */
  start(): void {
    for (const schedule of this.#state.schedules) this.#arm(schedule);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#inFlight]);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #key(group: string, name: string): string {
    return `${group}/${name}`;
  }

  #save(): void {
    const file = this.#options.file;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.#state));
    renameSync(`${file}.tmp`, file);
  }

  #groupArn(name: string): string {
    return `arn:aws:scheduler:${this.#options.region}:${this.#options.account}:schedule-group/${name}`;
  }

  #requireGroup(name: string): void {
    if (name === DEFAULT_GROUP) return;
    if (!this.#state.groups.some((g) => g.Name === name)) throw new AwsServiceError('ResourceNotFoundException', `Schedule group ${name} does not exist.`, 404);
  }

  createGroup(nameInput: unknown): StoredGroup {
    const name = requireName(nameInput, 'Name');
    if (name === DEFAULT_GROUP || this.#state.groups.some((g) => g.Name === name)) throw new AwsServiceError('ConflictException', `Schedule group ${name} already exists.`, 409);
    const group = { Name: name, Arn: this.#groupArn(name), CreationDate: this.#now() };
    this.#state.groups.push(group);
    this.#save();
    return group;
  }

  group(nameInput: unknown): StoredGroup {
    const name = requireName(nameInput, 'Name');
    if (name === DEFAULT_GROUP) return { Name: name, Arn: this.#groupArn(name), CreationDate: 0 };
    const group = this.#state.groups.find((g) => g.Name === name);
    if (!group) throw new AwsServiceError('ResourceNotFoundException', `Schedule group ${name} does not exist.`, 404);
    return group;
  }

  /** Deletes the group and every schedule in it (AWS does the latter asynchronously; here it is immediate). */
  deleteGroup(nameInput: unknown): void {
    const name = requireName(nameInput, 'Name');
    if (name === DEFAULT_GROUP) throw validation('The default schedule group cannot be deleted.');
    this.group(name);
    for (const s of this.#state.schedules.filter((x) => x.GroupName === name)) this.#disarm(s);
    this.#state.schedules = this.#state.schedules.filter((s) => s.GroupName !== name);
    this.#state.groups = this.#state.groups.filter((g) => g.Name !== name);
    this.#save();
  }

  createSchedule(request: CreateScheduleRequest): StoredSchedule {
    const name = requireName(request.Name, 'Name');
    const groupName = request.GroupName === undefined ? DEFAULT_GROUP : requireName(request.GroupName, 'GroupName');
    const expression = request.ScheduleExpression;
    if (typeof expression !== 'string') throw validation('ScheduleExpression is required');
    const at = AT.exec(expression);
    if (!at) throw validation(`The local Scheduler fires one-time at(yyyy-mm-ddThh:mm:ss) schedules only, not ${expression}`);
    const timezone = request.ScheduleExpressionTimezone ?? 'UTC';
    if (timezone !== 'UTC' && timezone !== 'Etc/UTC') throw validation(`The local Scheduler supports ScheduleExpressionTimezone UTC only, not ${timezone}`);
    const fireAt = Date.parse(`${at[1]}Z`);
    if (!Number.isFinite(fireAt)) throw validation(`Invalid date in ${expression}`);
    const window = request.FlexibleTimeWindow;
    if (!window || (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE')) throw validation('FlexibleTimeWindow.Mode must be OFF or FLEXIBLE');
    const target = request.Target;
    if (!target || typeof target.Arn !== 'string' || typeof target.RoleArn !== 'string') throw validation('Target.Arn and Target.RoleArn are required');
    if (target.Input !== undefined && typeof target.Input !== 'string') throw validation('Target.Input must be a string');
    const state = request.State ?? 'ENABLED';
    if (state !== 'ENABLED' && state !== 'DISABLED') throw validation('State must be ENABLED or DISABLED');
    const after = request.ActionAfterCompletion ?? 'NONE';
    if (after !== 'NONE' && after !== 'DELETE') throw validation('ActionAfterCompletion must be NONE or DELETE');
    this.#requireGroup(groupName);
    if (this.#find(groupName, name)) throw new AwsServiceError('ConflictException', `Schedule ${name} already exists.`, 409);
    const now = this.#now();
    const schedule: StoredSchedule = {
      Name: name,
      GroupName: groupName,
      Arn: `arn:aws:scheduler:${this.#options.region}:${this.#options.account}:schedule/${groupName}/${name}`,
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: timezone,
      State: state,
      ...(request.Description !== undefined ? { Description: request.Description } : {}),
      ActionAfterCompletion: after,
      FlexibleTimeWindow: { Mode: window.Mode, ...(window.MaximumWindowInMinutes !== undefined ? { MaximumWindowInMinutes: window.MaximumWindowInMinutes } : {}) },
      Target: target as ScheduleTarget,
      CreationDate: now,
      LastModificationDate: now,
      fireAt,
    };
    this.#state.schedules.push(schedule);
    this.#save();
    this.#arm(schedule);
    return schedule;
  }

  #find(group: string, name: string): StoredSchedule | undefined {
    return this.#state.schedules.find((s) => s.GroupName === group && s.Name === name);
  }

  schedule(nameInput: unknown, groupInput: unknown): StoredSchedule {
    const name = requireName(nameInput, 'Name');
    const group = groupInput === undefined || groupInput === null ? DEFAULT_GROUP : requireName(groupInput, 'GroupName');
    const found = this.#find(group, name);
    if (!found) throw new AwsServiceError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
    return found;
  }

  deleteSchedule(nameInput: unknown, groupInput: unknown): void {
    const found = this.schedule(nameInput, groupInput);
    this.#disarm(found);
    this.#state.schedules = this.#state.schedules.filter((s) => s !== found);
    this.#save();
  }

  list(filter: { group?: string; namePrefix?: string; state?: string }): StoredSchedule[] {
    return this.#state.schedules
      .filter((s) => (filter.group === undefined || s.GroupName === filter.group) && (!filter.namePrefix || s.Name.startsWith(filter.namePrefix)) && (!filter.state || s.State === filter.state))
      .sort((a, b) => a.Arn.localeCompare(b.Arn));
  }

  #disarm(schedule: StoredSchedule): void {
    const key = this.#key(schedule.GroupName, schedule.Name);
    const timer = this.#timers.get(key);
    if (timer) clearTimeout(timer);
    this.#timers.delete(key);
  }

  #arm(schedule: StoredSchedule): void {
    if (this.#stopped || schedule.completedAt !== undefined || schedule.State !== 'ENABLED') return;
    this.#disarm(schedule);
    const wait = Math.max(0, schedule.fireAt - this.#now());
    const key = this.#key(schedule.GroupName, schedule.Name);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      if (schedule.fireAt > this.#now()) return this.#arm(schedule);
      const run = this.#fire(schedule).finally(() => this.#inFlight.delete(run));
      this.#inFlight.add(run);
    }, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
    this.#timers.set(key, timer);
  }

  /** Still the same stored schedule (not deleted, not replaced by a new one of the same name)? */
  #current(schedule: StoredSchedule): boolean {
    return this.#find(schedule.GroupName, schedule.Name) === schedule;
  }

  async #fire(schedule: StoredSchedule): Promise<void> {
    const { Target } = schedule;
    const retries = Math.min(Target.RetryPolicy?.MaximumRetryAttempts ?? 185, 185);
    const maxAgeMs = (Target.RetryPolicy?.MaximumEventAgeInSeconds ?? 86_400) * 1000;
    const started = this.#now();
    let input: unknown;
    try {
      input = Target.Input === undefined ? {} : JSON.parse(Target.Input);
    } catch {
      input = Target.Input;
    }
    let delay = this.#options.retryBaseMs ?? 1000;
    let lastError = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (this.#stopped || !this.#current(schedule)) return;
      try {
        const result = await this.#deliver(Target.Arn, input);
        if (result.ok) {
          this.#completed(schedule);
          return;
        }
        lastError = result.error ?? 'the target failed';
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      if (this.#now() + delay - started > maxAgeMs) break;
      this.#options.log?.(`[scheduler] ${schedule.GroupName}/${schedule.Name}: delivery failed (${lastError}); retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      delay = Math.min(delay * 2, 60_000);
    }
    if (!this.#current(schedule)) return;
    this.#options.log?.(`[scheduler] ${schedule.GroupName}/${schedule.Name}: giving up after retries: ${lastError}`);
    this.#options.deadLetters?.add({
      queueArn: Target.DeadLetterConfig?.Arn ?? null,
      attributes: { RULE_ARN: schedule.Arn, TARGET_ARN: Target.Arn, ERROR_CODE: 'TargetInvocationFailed', ERROR_MESSAGE: lastError.slice(0, 1000) },
      body: Target.Input ?? '',
    });
    this.#completed(schedule);
  }

  async #deliver(arn: string, input: unknown): Promise<{ ok: boolean; error?: string }> {
    if (this.#delivering >= (this.#options.maxConcurrentDeliveries ?? 4)) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#delivering++;
    try {
      return await this.#options.deliver(arn, input);
    } finally {
      this.#delivering--;
      this.#waiting.shift()?.();
    }
  }

  #completed(schedule: StoredSchedule): void {
    if (!this.#current(schedule)) return;
    if (schedule.ActionAfterCompletion === 'DELETE') this.#state.schedules = this.#state.schedules.filter((s) => s !== schedule);
    else schedule.completedAt = this.#now();
    this.#save();
  }
}
