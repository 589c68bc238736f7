// Errors as AppSync reports them. A direct Lambda resolver's thrown error
// becomes the GraphQL error: its name is the `errorType`, its message the
// `message`. Every failure passes through `toGraphqlError` once, so callers
// see a named type and a clear message while the logs keep the detail.
import { DomainError, ValidationError } from '../domain/errors.ts';

export class UnauthorizedError extends DomainError {
  readonly code = 'Unauthorized';
}

export class GraphqlError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}

/** Domain codes → AppSync errorType. Unknown failures never leak their message. */
export function toGraphqlError(error: unknown): GraphqlError {
  if (error instanceof ValidationError) {
    return new GraphqlError('ValidationError', `${error.message} (fields: ${error.fields.join(', ')})`);
  }
  if (error instanceof DomainError) return new GraphqlError(error.code, error.message);
  return new GraphqlError('InternalError', 'An unexpected error occurred; see the function logs');
}
