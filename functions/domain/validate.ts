// One way to turn untrusted input into a typed value: zod parses, and every
// issue becomes a field-named ValidationError. Nothing downstream sees raw input.
import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.ts';

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(what, toFieldIssues(result.error));
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}
