// Named errors for calls to Adobe Workfront. Throttling (429) and outages
// (5xx, timeouts, network) extend the domain's retryable errors, so
// stepHandler names them `Throttled` / `DependencyUnavailable` and the state
// machine's Retry blocks back off and try again; a rejected request (other
// 4xx) is the caller's fault and is never retried.
import { DependencyUnavailableError, DomainError, ThrottledError } from '../domain/errors.ts';

/** Workfront answered 429 on every attempt. */
export class WorkfrontThrottledError extends ThrottledError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Workfront answered 5xx, timed out or could not be reached on every attempt. */
export class WorkfrontUnavailableError extends DependencyUnavailableError {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

/**
 * Workfront refused the request (4xx other than 429, or an `error` envelope):
 * retrying the same request cannot succeed. `errorClass` is the `class` field
 * of Workfront's `{ "error": { "class", "message" } }` envelope when present.
 */
export class WorkfrontRequestError extends DomainError {
  readonly code = 'WorkfrontRequestRejected';
  readonly status: number;
  readonly errorClass: string | undefined;
  constructor(status: number, message: string, errorClass?: string) {
    super(`Workfront rejected the request (${status}): ${message}`);
    this.status = status;
    this.errorClass = errorClass;
  }
}

/** Credentials were refused (IMS token request or a 401 that a fresh token did not cure). */
export class WorkfrontAuthError extends DomainError {
  readonly code = 'WorkfrontAuthFailed';
}

/** Workfront answered 2xx with a body that is not the documented envelope. */
export class WorkfrontProtocolError extends DomainError {
  readonly code = 'WorkfrontProtocolError';
}
