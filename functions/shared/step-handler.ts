// The adapter every Step Functions Task Lambda goes through: parse the state's
// input with its contract schema, correlate logs by campaign, run the use case,
// and turn failures into named Step Functions errors. Lambda reports a thrown
// error's `name` as the error type, which is what Retry and Catch match on, so
// DomainError codes (Throttled, InvalidPlan, …) become error names here, in
// one place.
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { asDependencyError } from '../adapters/dependency-errors.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validate.ts';
import { correlate, flushMetrics, logger } from './observability.ts';

export class StepFunctionsError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Domain errors keep their code as the error name; an AWS throttle or transient
 * failure becomes `Throttled` / `DependencyUnavailable` (so every Task can raise
 * the retryable codes and every Task's Retry lists them); anything else is an
 * unexpected `InternalError`.
 */
export function toStepFunctionsError(error: unknown): StepFunctionsError {
  const named = asDependencyError(error);
  if (named instanceof DomainError) return new StepFunctionsError(named.code, named.message);
  return new StepFunctionsError('InternalError', 'An unexpected error occurred; see the function logs');
}

export function stepHandler<S extends z.ZodType, O>(
  what: string,
  schema: S,
  run: (input: z.output<S>, context: Context) => Promise<O>,
): (event: unknown, context: Context) => Promise<O> {
  return async (event, context) => {
    logger.addContext(context);
    try {
      const input = parseOrThrow(schema, event, what);
      const ids = input as { tenantId?: string; campaignId?: string };
      correlate({ tenantId: ids.tenantId, campaignId: ids.campaignId });
      return await run(input, context);
    } catch (error) {
      const mapped = toStepFunctionsError(error);
      logger.error(`${what} failed: ${mapped.name}`, { error });
      throw mapped;
    } finally {
      // Business metrics recorded during this invocation go out as one EMF line.
      flushMetrics();
      logger.resetKeys();
    }
  };
}
