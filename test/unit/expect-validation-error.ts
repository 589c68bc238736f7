// Test helper: runs `action`, which must throw a ValidationError, and returns
// that error so a test can assert which fields it names.
import { ValidationError } from '../../functions/domain/errors.ts';

export function validationErrorFrom(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw new Error(`expected a ValidationError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}
