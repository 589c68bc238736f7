// Step Functions, locally: the state machines of the synthesized templates,
// run by aws-local-stepfunctions with every Task state served by
// task-resources.ts. Tracks executions for the API, turns interpreter events
// into Step Functions history events, and on start resumes executions a
// previous run left inside a state (Tasks are idempotent, so re-entering the
// state is safe) — or marks them FAILED when their state no longer exists.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ExecutionAbortedError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { AwsServiceError } from '../aws-error.ts';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { LocalStateMachine } from '../template/app-model.ts';
import { allStates, forLocalRun, MAX_TIMEOUT_SECONDS, readPath, type Definition, type StateDefinition } from './definition.ts';
import { ExecutionStore, type ExecutionRecord, type ExecutionStatus } from './execution-store.ts';
import { taskHandlerFor, TaskError, type TaskHandler } from './task-resources.ts';
import { TaskTokens } from './task-tokens.ts';

export interface StepFunctionsOptions {
  readonly stateMachines: readonly LocalStateMachine[];
  readonly lambda: LambdaRunner;
  /** Where executions are persisted; in memory when undefined. */
  readonly executionsDir: string | undefined;
  readonly log?: (line: string) => void;
}

interface EventLike {
  type: string;
  timestamp: number;
  index?: number;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

export class StepFunctionsService {
  readonly tokens: TaskTokens;
  readonly #machines = new Map<string, LocalStateMachine>();
  readonly #store: ExecutionStore;
  readonly #lambda: LambdaRunner;
  readonly #aborts = new Map<string, () => void>();
  readonly #done = new Map<string, Promise<void>>();
  readonly #log: (line: string) => void;
  readonly created = Date.now();
  #stopped = false;

  constructor(options: StepFunctionsOptions) {
    for (const machine of options.stateMachines) this.#machines.set(machine.arn, machine);
    this.#store = new ExecutionStore(options.executionsDir);
    // Beside the executions, not inside (the store reads every *.json there as an execution).
    this.tokens = new TaskTokens(options.executionsDir ? join(dirname(options.executionsDir), 'task-tokens.json') : undefined);
    this.#lambda = options.lambda;
    this.#log = options.log ?? ((line) => console.log(line));
  }

  get stateMachines(): LocalStateMachine[] {
    return [...this.#machines.values()];
  }

  machine(arn: string): LocalStateMachine {
    const machine = this.#machines.get(arn);
    if (!machine) throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  execution(arn: string): ExecutionRecord {
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    const record = this.#store.get(arn);
    if (!record) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  executions(stateMachineArn?: string, status?: ExecutionStatus): ExecutionRecord[] {
    return this.#store.all().filter((r) => (!stateMachineArn || r.stateMachineArn === stateMachineArn) && (!status || r.status === status));
  }

  /** Resolves when the execution stops (for tests and the CLI). */
  async settled(executionArn: string): Promise<ExecutionRecord> {
    await this.#done.get(executionArn);
    return this.execution(executionArn);
  }

  startExecution(stateMachineArn: string, name: string | undefined, input: string | undefined): ExecutionRecord {
    const machine = this.machine(stateMachineArn);
    const executionName = name ?? randomUUID();
    if (!NAME_PATTERN.test(executionName)) throw new AwsServiceError('InvalidName', `Invalid Name: '${executionName}'`);
    const inputText = input ?? '{}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(inputText);
    } catch {
      throw new AwsServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON');
    }
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    const existing = this.#store.get(executionArn);
    if (existing) {
      // Standard workflows: the same name and input while running is idempotent; anything else is a conflict.
      if (existing.status === 'RUNNING' && existing.input === inputText) return existing;
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name: executionName,
      status: 'RUNNING',
      input: inputText,
      startDate: Date.now(),
      resumedCount: 0,
      events: [],
    };
    this.#store.addEvent(record, 'ExecutionStarted', { executionStartedEventDetails: { input: inputText, inputDetails: { truncated: false }, roleArn: `arn:aws:iam::000000000000:role/${machine.name}Role` } });
    this.#store.add(record);
    this.#run(record, machine, machine.definition as Definition, parsed);
    return record;
  }

  stopExecution(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.execution(executionArn);
    if (record.status !== 'RUNNING') return record;
    this.#finish(record, 'ABORTED', { error, cause });
    this.#aborts.get(executionArn)?.();
    return record;
  }

  /** Resumes (or fails) the executions a previous run left RUNNING. */
  resumeInterrupted(): { resumed: string[]; failed: string[] } {
    const resumed: string[] = [];
    const failed: string[] = [];
    for (const record of this.#store.all().filter((r) => r.status === 'RUNNING')) {
      const machine = this.#machines.get(record.stateMachineArn);
      const current = record.current;
      const definition = machine?.definition as Definition | undefined;
      const state = current && definition?.States[current.stateName];
      if (!machine || !definition || !current || !state) {
        const why = !machine ? 'its state machine is no longer in the app' : !current ? 'it had not entered a state' : `state ${current.stateName} is no longer in the definition`;
        this.#finish(record, 'FAILED', { error: 'States.Runtime', cause: `The local runtime restarted and could not resume this execution: ${why}` });
        failed.push(record.executionArn);
        continue;
      }
      record.resumedCount += 1;
      this.#store.addEvent(record, 'ExecutionResumedLocally', { resumedDetails: { stateName: current.stateName } });
      this.#store.save(record);
      this.#log(`[mcc] resuming ${record.name} at ${current.stateName}`);
      this.#run(record, machine, { ...definition, StartAt: current.stateName }, current.input, { stateName: current.stateName, state, enteredAt: current.enteredAt });
      resumed.push(record.executionArn);
    }
    return { resumed, failed };
  }

  #run(record: ExecutionRecord, machine: LocalStateMachine, definition: Definition, input: unknown, resumeAt?: { stateName: string; state: StateDefinition; enteredAt: number }): void {
    const ctx = { executionArn: record.executionArn, lambda: this.#lambda, tokens: this.tokens };
    const handlers: Record<string, TaskHandler> = {};
    for (const [name, state] of allStates(definition)) if (state.Type === 'Task') handlers[name] = taskHandlerFor(name, state, ctx);

    // A resumed Task gets only the time its timeout had left; if none is left it times out without running again.
    const local = forLocalRun(definition, (name, state) => {
      if (!resumeAt || name !== resumeAt.stateName || state.Type !== 'Task') return state;
      const timeout = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : Number(readPath(String(state.TimeoutSecondsPath ?? ''), input));
      if (!Number.isFinite(timeout) || timeout >= MAX_TIMEOUT_SECONDS) return state;
      const left = Math.ceil(timeout - (Date.now() - resumeAt.enteredAt) / 1000);
      if (left <= 0) {
        handlers[name] = async () => {
          throw new TaskError('States.Timeout', 'The task timed out while the local runtime was stopped');
        };
        return state;
      }
      const rest: StateDefinition = { ...state, TimeoutSeconds: left };
      delete rest.TimeoutSecondsPath;
      return rest;
    });

    const tokens = this.tokens;
    const context = {
      Execution: { Id: record.executionArn, Name: record.name, RoleArn: `arn:aws:iam::000000000000:role/${machine.name}Role`, StartTime: new Date(record.startDate).toISOString() },
      StateMachine: { Id: machine.arn, Name: machine.name },
      Task: {
        get Token() {
          return tokens.issue(record.executionArn);
        },
      },
    };
    const interpreter = new StateMachine(local as unknown as StateMachineDefinition, { validationOptions: { noValidate: resumeAt !== undefined } });
    const execution = interpreter.run(input as never, { overrides: { taskResourceLocalHandlers: handlers as never }, context, noThrowOnAbort: true });
    this.#aborts.set(record.executionArn, execution.abort);
    const topLevel = new Set(Object.keys(definition.States));

    const events = (async () => {
      for await (const raw of execution.eventLogs) this.#onEvent(record, raw as unknown as EventLike, topLevel);
    })();
    const result = execution.result.then(
      (output) => {
        if (record.status === 'RUNNING') this.#finish(record, 'SUCCEEDED', { output: text(output) });
      },
      (error: unknown) => {
        if (record.status !== 'RUNNING') return;
        if (error instanceof ExecutionTimeoutError) return this.#finish(record, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out' });
        if (error instanceof ExecutionAbortedError) return this.#finish(record, 'ABORTED', {});
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        const name = cause instanceof Error ? cause.name : 'States.Runtime';
        const message = cause instanceof Error ? cause.message : String(cause);
        this.#finish(record, 'FAILED', { error: name, cause: message });
      },
    );
    this.#done.set(
      record.executionArn,
      Promise.all([result, events.catch(() => undefined)]).then(() => {
        this.#aborts.delete(record.executionArn);
      }),
    );
  }

  #onEvent(record: ExecutionRecord, event: EventLike, topLevel: Set<string>): void {
    if (this.#stopped) return;
    const state = event.state;
    const nested = event.index !== undefined;
    const stateType = state ? `${state.type}State` : '';
    switch (event.type) {
      case 'StateEntered':
        if (!state) return;
        this.#store.addEvent(record, `${stateType}Entered`, { stateEnteredEventDetails: { name: state.name, input: text(state.input) } }, event.timestamp);
        if (!nested && topLevel.has(state.name)) record.current = { stateName: state.name, input: state.input, enteredAt: event.timestamp };
        this.#store.save(record);
        return;
      case 'StateExited':
        if (!state) return;
        this.#store.addEvent(record, `${stateType}Exited`, { stateExitedEventDetails: { name: state.name, output: text(state.output) } }, event.timestamp);
        this.tokens.close(record.executionArn, state.name);
        return;
      case 'StateFailed':
        if (!state) return;
        if (state.type === 'Task') this.#store.addEvent(record, event.Error === 'States.Timeout' ? 'TaskTimedOut' : 'TaskFailed', { taskFailedEventDetails: { resourceType: 'lambda', resource: state.name, error: event.Error, cause: text(event.Cause) } }, event.timestamp);
        this.tokens.close(record.executionArn, state.name);
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        this.#store.addEvent(record, event.type, { mapIterationEventDetails: { name: state?.name, index: event.index } }, event.timestamp);
        return;
      default:
        return;
    }
  }

  #finish(record: ExecutionRecord, status: ExecutionStatus, result: { output?: string; error?: string | undefined; cause?: string | undefined }): void {
    if (this.#stopped) return;
    record.status = status;
    record.stopDate = Date.now();
    if (result.output !== undefined) record.output = result.output;
    if (result.error !== undefined) record.error = result.error;
    if (result.cause !== undefined) record.cause = result.cause;
    const type = { SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted', RUNNING: 'ExecutionStarted' }[status];
    const details =
      status === 'SUCCEEDED'
        ? { executionSucceededEventDetails: { output: result.output, outputDetails: { truncated: false } } }
        : { [`${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`]: { error: result.error, cause: result.cause } };
    this.#store.addEvent(record, type, details);
    this.#store.save(record);
    this.tokens.close(record.executionArn);
  }

  async stop(): Promise<void> {
    // Executions stay RUNNING on disk: the next start resumes them. Nothing is recorded from here on, so
    // ending the interpreters does not write ABORTED for what is only a restart.
    this.#stopped = true;
    for (const abort of this.#aborts.values()) abort();
    this.#aborts.clear();
  }
}
