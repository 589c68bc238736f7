// The task-callbacks port: reporting a waitForTaskToken task's result to Step
// Functions. The adapter maps the service's refusals to the named errors
// below, so use cases decide what a closed task means without SDK types.
import { DomainError } from '../domain/errors.ts';

export interface TaskCallbacks {
  succeed(taskToken: string, output: unknown): Promise<void>;
  fail(taskToken: string, error: string, cause: string): Promise<void>;
}

/** The task timed out, or was already closed: the workflow no longer waits for this result. */
export class TaskTimedOutError extends DomainError {
  readonly code = 'TaskTimedOut';
}

/** No such task: its execution ended (stopped, failed) or never existed in this account. */
export class TaskDoesNotExistError extends DomainError {
  readonly code = 'TaskDoesNotExist';
}

/** Step Functions did not accept the token itself (corrupted or from another service). */
export class InvalidTaskTokenError extends DomainError {
  readonly code = 'InvalidTaskToken';
}

/** True when the workflow will never take this task's result, whatever we send. */
export function isTaskGone(error: unknown): error is TaskTimedOutError | TaskDoesNotExistError | InvalidTaskTokenError {
  return error instanceof TaskTimedOutError || error instanceof TaskDoesNotExistError || error instanceof InvalidTaskTokenError;
}
