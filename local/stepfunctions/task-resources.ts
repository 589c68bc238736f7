// What each Task state does locally, by its Resource: Lambda integrations
// (`lambda:invoke`, `.waitForTaskToken`, and a bare function ARN) run the
// function in the Lambda runner. The result of `lambda:invoke` has the real
// integration's shape, so `ResultSelector: {"x.$": "$.Payload…"}` works; a
// function error fails the task with the function's errorType as the error
// name and Lambda's JSON as the cause, so Retry and Catch behave as deployed.
import { randomUUID } from 'node:crypto';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { TaskTokens } from './task-tokens.ts';
import type { StateDefinition } from './definition.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type TaskHandler = (input: JsonValue) => Promise<JsonValue>;

export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

export interface TaskContext {
  readonly executionArn: string;
  readonly lambda: LambdaRunner;
  readonly tokens: TaskTokens;
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Step Functions reports a function that crashed or timed out (no error of its own) as Lambda.Unknown. */
const CRASHES = new Set(['Runtime.ExitError', 'Sandbox.Timedout', 'Runtime.OutOfMemory']);

async function invokeOrThrow(ctx: TaskContext, functionName: string, payload: unknown): Promise<JsonValue> {
  if (!ctx.lambda.find(functionName)) throw new TaskError('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
  const result = await ctx.lambda.invoke(functionName, payload);
  if (!result.ok) throw new TaskError(CRASHES.has(result.error.errorType) ? 'Lambda.Unknown' : result.error.errorType, JSON.stringify({ errorMessage: result.error.errorMessage, errorType: result.error.errorType, trace: result.error.trace ?? [] }));
  return result.payload as JsonValue;
}

function integrationResult(payload: JsonValue): JsonValue {
  const requestId = randomUUID();
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: { 'X-Amz-Executed-Version': ['$LATEST'], 'x-amzn-RequestId': [requestId], 'Content-Type': ['application/json'] },
      HttpHeaders: { 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': requestId, 'Content-Type': 'application/json' },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

export function taskHandlerFor(stateName: string, state: StateDefinition, ctx: TaskContext): TaskHandler {
  const resource = String(state.Resource ?? '');
  const service = /^arn:[^:]+:states:::(.+)$/.exec(resource)?.[1];
  if (service === 'lambda:invoke') {
    return async (input) => {
      const p = record(input);
      return integrationResult(await invokeOrThrow(ctx, String(p.FunctionName), p.Payload ?? {}));
    };
  }
  if (service === 'lambda:invoke.waitForTaskToken') {
    return async (input) => {
      // Resumed after a restart: the task keeps waiting on the token its function already handed out.
      const carried = ctx.tokens.carried(ctx.executionArn, stateName);
      if (carried) return (await carried.result) as JsonValue;
      const waits = ctx.tokens.claim(ctx.executionArn, stateName, input);
      const first = waits[0];
      if (!first) throw new TaskError('States.Runtime', `State ${stateName} waits for a task token but its Parameters do not pass $$.Task.Token`);
      const p = record(input);
      await invokeOrThrow(ctx, String(p.FunctionName), p.Payload ?? {});
      ctx.tokens.invoked(waits.map((w) => w.token));
      return (await first.result) as JsonValue;
    };
  }
  if (/^arn:[^:]+:lambda:/.test(resource)) {
    return async (input) => invokeOrThrow(ctx, resource, input);
  }
  return async () => {
    throw new TaskError('States.Runtime', `The local runtime does not serve the Task resource ${resource} (state ${stateName})`);
  };
}
