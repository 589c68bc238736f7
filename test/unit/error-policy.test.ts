// The one error policy as each mapper reads it: the Step Functions error name
// is the code, the GraphQL errorType is the policy's, and an AWS throttle or
// outage becomes the retryable code at every boundary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_POLICY, type ErrorCode, isRetryableCode, RETRYABLE_ERROR_CODES } from '../../functions/domain/error-policy.ts';
import { DomainError, errorPolicyOf } from '../../functions/domain/errors.ts';
import { toGraphqlError } from '../../functions/graphql/graphql-errors.ts';
import { toStepFunctionsError } from '../../functions/shared/step-handler.ts';

const CODES = Object.keys(ERROR_POLICY) as ErrorCode[];

class Coded extends DomainError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode) {
    super(`failed with ${code}`);
    this.code = code;
  }
}

function awsError(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

describe('the error policy', () => {
  it('names each code the same way at the Step Functions and GraphQL boundaries', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODES), (code) => {
        const error = new Coded(code);
        expect(toStepFunctionsError(error).name).toBe(code);
        expect(toGraphqlError(error).name).toBe(ERROR_POLICY[code].graphqlType);
        expect(errorPolicyOf(error)).toBe(ERROR_POLICY[code]);
      }),
    );
  });

  it('answers 503 exactly for the retryable codes, and never asks the model to re-prompt for them', () => {
    for (const code of CODES) {
      const policy = ERROR_POLICY[code];
      expect(policy.httpStatus === 503, code).toBe(policy.retryable);
      if (policy.retryable) expect(policy.agentState, code).toBe('FAILURE');
      expect(isRetryableCode(code)).toBe(policy.retryable);
    }
    expect(RETRYABLE_ERROR_CODES).toEqual(CODES.filter((c) => ERROR_POLICY[c].retryable));
    expect(isRetryableCode('toString')).toBe(false);
  });

  it('turns a DynamoDB throttle into Throttled and a 5xx into DependencyUnavailable at both boundaries', () => {
    const throttle = awsError('ProvisionedThroughputExceededException', 400);
    expect(toStepFunctionsError(throttle).name).toBe('Throttled');
    expect(toGraphqlError(throttle).name).toBe('Throttled');
    const outage = awsError('InternalServerError', 500);
    expect(toStepFunctionsError(outage).name).toBe('DependencyUnavailable');
    expect(toGraphqlError(outage).name).toBe('DependencyUnavailable');
  });

  it('hides the message of anything that is not a named error', () => {
    const mapped = toGraphqlError(new Error('table mcc-dev at arn:aws:dynamodb:… refused'));
    expect(mapped.name).toBe('InternalError');
    expect(mapped.message).not.toMatch(/arn|mcc-dev/);
    expect(toStepFunctionsError(new TypeError('x is undefined')).name).toBe('InternalError');
  });
});
