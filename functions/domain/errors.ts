// Named domain errors. Handlers map these to HTTP status codes or Step
// Functions error names in one place; callers see `message`, logs see the rest.
import type { Approval } from './approval.ts';
import { ERROR_POLICY, type ErrorCode, type ErrorPolicy } from './error-policy.ts';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `budget.amount`; `(root)` for the whole input. */
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  /** A row of ERROR_POLICY (error-policy.ts): what every boundary does with this error. */
  abstract readonly code: ErrorCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input broke a rule; names every offending field so one round trip fixes them all. */
export class ValidationError extends DomainError {
  readonly code = 'ValidationError';
  readonly issues: readonly FieldIssue[];
  constructor(what: string, issues: readonly FieldIssue[]) {
    super(`Invalid ${what}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
  get fields(): string[] {
    return [...new Set(this.issues.map((i) => i.field))];
  }
}

export class AlreadyExistsError extends DomainError {
  readonly code = 'AlreadyExists';
  constructor(what: string, id: string) {
    super(`${what} ${id} already exists`);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NotFound';
  constructor(what: string, id: string) {
    super(`${what} ${id} was not found`);
  }
}

/** A status change the transition table forbids, or one another writer got to first. */
export class InvalidTransitionError extends DomainError {
  readonly code = 'InvalidTransition';
  readonly from: string | undefined;
  readonly to: string;
  constructor(from: string | undefined, to: string, why: string) {
    super(`Cannot move campaign from ${from ?? 'an unknown status'} to ${to}: ${why}`);
    this.from = from;
    this.to = to;
  }
}

/** The approval link was already used, or its request expired; carries the recorded outcome. */
export class ApprovalClosedError extends DomainError {
  readonly code = 'ApprovalClosed';
  readonly approval: Approval;
  constructor(approval: Approval) {
    super(`Approval ${approval.approvalId} is already ${approval.status.toLowerCase()}`);
    this.approval = approval;
  }
}

/** The write would break a uniqueness rule, e.g. one Workfront object linked to two campaigns. */
export class ConflictError extends DomainError {
  readonly code = 'Conflict';
}

/** The caller's identity does not allow this (wrong group, not an approver of this request, another tenant). */
export class UnauthorizedError extends DomainError {
  readonly code = 'Unauthorized';
}

/** A dependency (the model, Workfront) asked us to slow down; the caller should retry with backoff. */
export class ThrottledError extends DomainError {
  readonly code = 'Throttled';
}

/** A dependency failed in a way that may pass (5xx, timeout); the caller may retry. */
export class DependencyUnavailableError extends DomainError {
  readonly code = 'DependencyUnavailable';
}

/** The planner's output could not be turned into a valid plan, even after repair and re-asking. */
export class InvalidPlanError extends DomainError {
  readonly code = 'InvalidPlan';
}

/** The writer's draft could not be turned into valid post content for its channel, even after re-asking. */
export class InvalidPostContentError extends DomainError {
  readonly code = 'InvalidPostContent';
}

/** Every post of the campaign failed to generate, so there is nothing to approve. */
export class AllPostsFailedError extends DomainError {
  readonly code = 'AllPostsFailed';
}

/** Error codes worth retrying: the Step Functions Retry blocks and every mapper use this list. */
export { RETRYABLE_ERROR_CODES } from './error-policy.ts';

/** The code a boundary reports for `error`: a named error's own, anything else `InternalError`. */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof DomainError ? error.code : 'InternalError';
}

/** The policy row every mapper reads for `error`. */
export function errorPolicyOf(error: unknown): ErrorPolicy {
  return ERROR_POLICY[errorCodeOf(error)];
}
