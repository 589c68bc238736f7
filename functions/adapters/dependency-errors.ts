// How an error from an AWS dependency (Bedrock, DynamoDB, EventBridge, S3)
// should be treated: throttling, a transient failure worth retrying, or a
// permanent one. Adapters retry on it; handlers turn what is left into the
// named Throttled / DependencyUnavailable errors Step Functions retries.
import { DependencyUnavailableError, DomainError, ThrottledError } from '../domain/errors.ts';

const THROTTLING = new Set([
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
]);
const TRANSIENT = new Set([
  'InternalServerException',
  'BadGatewayException',
  'DependencyFailedException',
  'ModelNotReadyException',
  'ServiceUnavailableException',
  // Two writers on one agent session at once; the session is free again moments later.
  'ConflictException',
  'TimeoutError',
  'RequestTimeout',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

export type Retryability = 'throttled' | 'transient' | 'permanent';

export function classify(error: unknown): Retryability {
  if (!(error instanceof Error)) return 'permanent';
  if (THROTTLING.has(error.name)) return 'throttled';
  if (TRANSIENT.has(error.name)) return 'transient';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'transient';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'transient';
  return 'permanent';
}

/** A throttling or transient AWS error as the matching domain error; anything else unchanged. */
export function asDependencyError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const kind = classify(error);
  const name = error instanceof Error ? error.name : 'Error';
  if (kind === 'throttled') return new ThrottledError(`A dependency is throttling requests (${name})`);
  if (kind === 'transient') return new DependencyUnavailableError(`A dependency failed transiently (${name})`);
  return error;
}

/** Runs `work`, rethrowing throttling and transient AWS errors as the named retryable errors. */
export async function mappingDependencyErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asDependencyError(error);
  }
}
