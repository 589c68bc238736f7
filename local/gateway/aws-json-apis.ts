// The AWS JSON protocol operations the gateway serves, by X-Amz-Target:
// EventBridge (AWSEvents.*), Step Functions (AWSStepFunctions.*) and Secrets
// Manager (secretsmanager.*). Each takes the parsed request body and returns
// the response body; errors are AwsServiceErrors with the documented codes.
import { AwsServiceError } from '../aws-error.ts';
import type { EventBusService, PutEventsEntry } from '../eventbridge/event-bus.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { ExecutionRecord, ExecutionStatus } from '../stepfunctions/execution-store.ts';
import type { StepFunctionsService } from '../stepfunctions/step-functions-service.ts';
import { epochSeconds } from './http-util.ts';

export type Operation = (body: Record<string, unknown>) => unknown;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function page<T>(items: readonly T[], body: Record<string, unknown>, fallback = 100): { items: T[]; nextToken?: string } {
  const start = Number(str(body.nextToken) ?? 0);
  const size = Math.min(Number(body.maxResults ?? fallback) || fallback, 1000);
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, nextToken: String(start + size) } : { items: slice };
}

const summary = (r: ExecutionRecord) => ({
  executionArn: r.executionArn,
  stateMachineArn: r.stateMachineArn,
  name: r.name,
  status: r.status,
  startDate: epochSeconds(r.startDate),
  ...(r.stopDate ? { stopDate: epochSeconds(r.stopDate) } : {}),
});

export function eventBridgeOperations(bus: EventBusService): Record<string, Operation> {
  return {
    PutEvents: (body) => bus.putEvents((body.Entries ?? []) as PutEventsEntry[]),
  };
}

export function stepFunctionsOperations(sfn: StepFunctionsService): Record<string, Operation> {
  const required = (body: Record<string, unknown>, field: string): string => {
    const value = str(body[field]);
    if (value === undefined) throw new AwsServiceError('ValidationException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    return value;
  };
  return {
    StartExecution: (body) => {
      const record = sfn.startExecution(required(body, 'stateMachineArn'), str(body.name), str(body.input));
      return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
    },
    DescribeExecution: (body) => {
      const r = sfn.execution(required(body, 'executionArn'));
      return {
        ...summary(r),
        input: r.input,
        inputDetails: { included: true },
        ...(r.output !== undefined ? { output: r.output, outputDetails: { included: true } } : {}),
        ...(r.error !== undefined ? { error: r.error } : {}),
        ...(r.cause !== undefined ? { cause: r.cause } : {}),
        redriveCount: 0,
        redriveStatus: 'NOT_REDRIVABLE',
      };
    },
    ListStateMachines: (body) => {
      const { items, nextToken } = page(sfn.stateMachines, body);
      return { stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: epochSeconds(sfn.created) })), ...(nextToken ? { nextToken } : {}) };
    },
    DescribeStateMachine: (body) => {
      const m = sfn.machine(required(body, 'stateMachineArn'));
      return { stateMachineArn: m.arn, name: m.name, status: 'ACTIVE', definition: JSON.stringify(m.definition), roleArn: `arn:aws:iam::000000000000:role/${m.name}Role`, type: m.type, creationDate: epochSeconds(sfn.created) };
    },
    ListExecutions: (body) => {
      const machineArn = required(body, 'stateMachineArn');
      sfn.machine(machineArn);
      const { items, nextToken } = page(sfn.executions(machineArn, str(body.statusFilter) as ExecutionStatus | undefined), body);
      return { executions: items.map(summary), ...(nextToken ? { nextToken } : {}) };
    },
    GetExecutionHistory: (body) => {
      const r = sfn.execution(required(body, 'executionArn'));
      const includeData = body.includeExecutionData !== false;
      const ordered = body.reverseOrder === true ? [...r.events].reverse() : r.events;
      const { items, nextToken } = page(ordered, body);
      return {
        events: items.map((e) => {
          const { timestamp, ...rest } = e;
          const out: Record<string, unknown> = { ...rest, timestamp: epochSeconds(timestamp) };
          if (!includeData) {
            for (const [key, value] of Object.entries(out)) {
              if (key.endsWith('EventDetails') && value && typeof value === 'object') {
                const keep: Record<string, unknown> = { ...(value as Record<string, unknown>) };
                delete keep.input;
                delete keep.output;
                out[key] = keep;
              }
            }
          }
          return out;
        }),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    StopExecution: (body) => {
      const r = sfn.stopExecution(required(body, 'executionArn'), str(body.error), str(body.cause));
      return { stopDate: epochSeconds(r.stopDate ?? Date.now()) };
    },
    SendTaskSuccess: (body) => {
      const output = required(body, 'output');
      let parsed: unknown;
      try {
        parsed = JSON.parse(output);
      } catch {
        throw new AwsServiceError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
      }
      if (Buffer.byteLength(output) > 256 * 1024) throw new AwsServiceError('InvalidOutput', 'Invalid Output: the output is larger than 256 KiB');
      sfn.tokens.succeed(required(body, 'taskToken'), parsed);
      return {};
    },
    SendTaskFailure: (body) => {
      sfn.tokens.fail(required(body, 'taskToken'), str(body.error) ?? '', str(body.cause) ?? '');
      return {};
    },
    SendTaskHeartbeat: (body) => {
      sfn.tokens.heartbeat(required(body, 'taskToken'));
      return {};
    },
  };
}

export function secretsManagerOperations(secrets: SecretStore): Record<string, Operation> {
  return {
    GetSecretValue: (body) => {
      const id = str(body.SecretId);
      if (!id) throw new AwsServiceError('InvalidParameterException', 'You must provide a SecretId');
      return secrets.get(id, str(body.VersionId), str(body.VersionStage));
    },
  };
}
