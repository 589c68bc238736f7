// EventBridge, locally: PutEvents validates entries and builds events in the
// documented envelope; each enabled rule on the entry's bus whose pattern
// matches delivers to its targets (state machines: StartExecution; Lambda
// functions: an asynchronous invoke) with the target's input. A target that
// cannot be delivered to is retried within its RetryPolicy and then
// dead-lettered when it has a DLQ, as EventBridge does.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsServiceError } from '../aws-error.ts';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { StepFunctionsService } from '../stepfunctions/step-functions-service.ts';
import type { LocalRule, LocalTarget } from '../template/app-model.ts';
import type { DeadLetters } from './dead-letters.ts';
import { matchesPattern } from './event-pattern.ts';
import { targetInput, type EventEnvelope } from './input-transformer.ts';

export interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Resources?: readonly string[];
  readonly Time?: number | string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface EventBusOptions {
  readonly region: string;
  readonly account: string;
  readonly buses: readonly string[];
  readonly rules: readonly LocalRule[];
  readonly stepFunctions: StepFunctionsService;
  readonly lambda: LambdaRunner;
  readonly deadLetters: DeadLetters;
  /** Runs an AppSync target's GraphQL operation with the target input as variables (the local GraphQL endpoint). */
  readonly appSync?: (operation: string, variables: Record<string, unknown>) => Promise<void>;
  readonly log?: (line: string) => void;
}

class DeliveryError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, retryable = false) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }
}

const MAX_ENTRY_BYTES = 256 * 1024;

export class EventBusService {
  readonly #options: EventBusOptions;
  readonly #listeners = new Set<(event: EventEnvelope, busName: string) => void>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: EventBusOptions) {
    this.#options = options;
  }

  /** Observes every accepted event (e.g. for GraphQL subscriptions). Returns an unsubscribe function. */
  subscribe(listener: (event: EventEnvelope, busName: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when every delivery started so far has finished (tests). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  putEvents(entries: readonly PutEventsEntry[]): { FailedEntryCount: number; Entries: PutEventsResultEntry[] } {
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
      throw new AwsServiceError('ValidationException', '1 validation error detected: Value at \'entries\' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1');
    }
    const results = entries.map((entry) => this.#accept(entry));
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  #accept(entry: PutEventsEntry): PutEventsResultEntry {
    const busName = busNameOf(entry.EventBusName);
    if (!this.#options.buses.includes(busName)) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${busName} does not exist.` };
    for (const field of ['Source', 'DetailType', 'Detail'] as const) {
      if (typeof entry[field] !== 'string' || entry[field] === '') return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.` };
    }
    if (Buffer.byteLength(JSON.stringify(entry)) > MAX_ENTRY_BYTES) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Total size of the entries in the request is over the limit.' };
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail ?? '');
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    const time = entry.Time === undefined ? new Date() : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType ?? '',
      source: entry.Source ?? '',
      account: this.#options.account,
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.#options.region,
      resources: entry.Resources ?? [],
      detail,
    };
    for (const listener of this.#listeners) listener(event, busName);
    for (const rule of this.#options.rules) {
      if (!rule.enabled || rule.busName !== busName || !matchesPattern(rule.pattern, event)) continue;
      for (const target of rule.targets) this.#track(this.#deliver(rule, target, event));
    }
    return { EventId: event.id };
  }

  #track(delivery: Promise<void>): void {
    this.#inFlight.add(delivery);
    void delivery.finally(() => this.#inFlight.delete(delivery));
  }

  async #deliver(rule: LocalRule, target: LocalTarget, event: EventEnvelope): Promise<void> {
    const log = this.#options.log ?? ((line: string) => console.log(line));
    const attempts = 1 + Math.min(target.maximumRetryAttempts, 2);
    let last: DeliveryError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.#send(rule, target, event);
        return;
      } catch (error) {
        last = error instanceof DeliveryError ? error : new DeliveryError('SDK_CLIENT_ERROR', error instanceof Error ? error.message : String(error), true);
        if (!last.retryable) break;
        await sleep(100 * attempt);
      }
    }
    if (!last) return;
    log(`[mcc] rule ${rule.name} could not deliver event ${event.id} to ${target.arn}: ${last.code} ${last.message}`);
    if (target.deadLetterArn) {
      this.#options.deadLetters.add({
        queueArn: target.deadLetterArn,
        attributes: { RULE_ARN: rule.arn, TARGET_ARN: target.arn, ERROR_CODE: last.code, ERROR_MESSAGE: last.message },
        body: JSON.stringify(event),
      });
    }
  }

  async #send(rule: LocalRule, target: LocalTarget, event: EventEnvelope): Promise<void> {
    const input = targetInput(target, event, rule);
    if (target.arn.includes(':states:') && target.arn.includes(':stateMachine:')) {
      try {
        this.#options.stepFunctions.startExecution(target.arn, undefined, input);
      } catch (error) {
        if (error instanceof AwsServiceError) {
          const code = error.code === 'StateMachineDoesNotExist' ? 'RESOURCE_NOT_FOUND' : error.code === 'InvalidExecutionInput' ? 'INVALID_JSON' : error.code;
          throw new DeliveryError(code, error.message, false);
        }
        throw error;
      }
      return;
    }
    if (target.appSyncOperation) {
      if (!this.#options.appSync) throw new DeliveryError('RESOURCE_NOT_FOUND', `No local GraphQL API serves ${target.arn}`);
      try {
        await this.#options.appSync(target.appSyncOperation, JSON.parse(input) as Record<string, unknown>);
      } catch (error) {
        throw new DeliveryError('SDK_CLIENT_ERROR', error instanceof Error ? error.message : String(error), true);
      }
      return;
    }
    if (target.arn.startsWith('arn:aws:lambda:')) {
      const fn = this.#options.lambda.find(target.arn);
      if (!fn) throw new DeliveryError('RESOURCE_NOT_FOUND', `Function not found: ${target.arn}`);
      let payload: unknown;
      try {
        payload = JSON.parse(input);
      } catch {
        payload = input;
      }
      // EventBridge invokes Lambda asynchronously: the function's own failure is not a delivery failure.
      void this.#options.lambda.invoke(fn.arn, payload).then((result) => {
        if (!result.ok) (this.#options.log ?? console.log)(`[mcc] ${fn.name} failed on event ${event.id}: ${result.error.errorType}: ${result.error.errorMessage}`);
      });
      return;
    }
    throw new DeliveryError('RESOURCE_NOT_FOUND', `The local runtime has no target ${target.arn}`);
  }
}

function busNameOf(value: string | undefined): string {
  if (!value) return 'default';
  return value.startsWith('arn:') ? (value.split('/').pop() ?? 'default') : value;
}
