// Errors as AppSync reports them. A direct Lambda resolver's thrown error
// becomes the GraphQL error: its name is the `errorType`, its message the
// `message`. Every failure passes through `toGraphqlError` once, so callers
// see a named type and a clear message while the logs keep the detail.
import { asDependencyError } from '../adapters/dependency-errors.ts';
import { DomainError, errorPolicyOf, ValidationError } from '../domain/errors.ts';

/** Lives in the domain now (use cases raise it); re-exported for the GraphQL modules that import it from here. */
export { UnauthorizedError } from '../domain/errors.ts';

export class GraphqlError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}

/** Domain codes → AppSync errorType, from the error policy. Unknown failures never leak their message. */
export function toGraphqlError(error: unknown): GraphqlError {
  const named = asDependencyError(error);
  const { graphqlType } = errorPolicyOf(named);
  if (named instanceof ValidationError) {
    return new GraphqlError(graphqlType, `${named.message} (fields: ${named.fields.join(', ')})`);
  }
  if (named instanceof DomainError) return new GraphqlError(graphqlType, named.message);
  return new GraphqlError(graphqlType, 'An unexpected error occurred; see the function logs');
}
