// A Task's error name is what Retry and Catch match: the function's own error
// type when it threw, and Lambda.Unknown when it crashed or timed out — as
// Step Functions reports it in AWS.
import { describe, expect, it } from 'vitest';
import type { LambdaRunner } from '../../local/lambda/lambda-runner.ts';
import { taskHandlerFor, TaskError } from '../../local/stepfunctions/task-resources.ts';
import type { TaskTokens } from '../../local/stepfunctions/task-tokens.ts';

function runnerFailingWith(errorType: string): LambdaRunner {
  return {
    find: () => ({ name: 'fn' }),
    invoke: async () => ({ ok: false, error: { errorType, errorMessage: 'boom' } }),
  } as unknown as LambdaRunner;
}

async function taskErrorFor(errorType: string): Promise<TaskError> {
  const handler = taskHandlerFor('Plan', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke' }, {
    executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e',
    lambda: runnerFailingWith(errorType),
    tokens: {} as TaskTokens,
  });
  const error = await handler({ FunctionName: 'fn', Payload: {} }).catch((e: unknown) => e);
  if (!(error instanceof TaskError)) throw new Error('expected a TaskError');
  return error;
}

describe('Task error names', () => {
  it.each(['Runtime.ExitError', 'Sandbox.Timedout', 'Runtime.OutOfMemory'])('GIVEN the function ended with %s THEN the task fails with Lambda.Unknown', async (errorType) => {
    const error = await taskErrorFor(errorType);
    expect(error.name).toBe('Lambda.Unknown');
    expect(JSON.parse(error.message)).toMatchObject({ errorType });
  });

  it('GIVEN the function threw a named error THEN the task fails with that name', async () => {
    expect((await taskErrorFor('Throttled')).name).toBe('Throttled');
  });
});
