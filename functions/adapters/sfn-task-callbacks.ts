// The TaskCallbacks port over Step Functions SendTaskSuccess / SendTaskFailure.
// The service's refusals become named errors; anything else propagates.
import { InvalidToken, SendTaskFailureCommand, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut, type SFNClient } from '@aws-sdk/client-sfn';
import { InvalidTaskTokenError, TaskDoesNotExistError, TaskTimedOutError, type TaskCallbacks } from '../ports/task-callbacks.ts';

function named(error: unknown): unknown {
  if (error instanceof TaskTimedOut) return new TaskTimedOutError('The task timed out or was already closed');
  if (error instanceof TaskDoesNotExist) return new TaskDoesNotExistError('The task does not exist (its execution has ended)');
  if (error instanceof InvalidToken) return new InvalidTaskTokenError('Step Functions did not accept the task token');
  return error;
}

export class SfnTaskCallbacks implements TaskCallbacks {
  readonly #client: SFNClient;

  constructor(client: SFNClient) {
    this.#client = client;
  }

  async succeed(taskToken: string, output: unknown): Promise<void> {
    try {
      await this.#client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    } catch (error) {
      throw named(error);
    }
  }

  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    try {
      // The API caps error at 256 and cause at 32,768 characters.
      await this.#client.send(new SendTaskFailureCommand({ taskToken, error: error.slice(0, 256), cause: cause.slice(0, 32_768) }));
    } catch (failure) {
      throw named(failure);
    }
  }
}
