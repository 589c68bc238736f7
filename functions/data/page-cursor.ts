// Opaque pagination cursors. A cursor is bound to the tenant and the query it
// came from: one minted for tenant A, or for another status, is refused rather
// than quietly reading from the wrong place.
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';

const CursorBody = z.strictObject({
  v: z.literal(1),
  /** tenant + query the cursor belongs to */
  q: z.string().min(1),
  k: z.record(z.string(), z.string()),
});

export function encodeCursor(query: string, lastEvaluatedKey: Record<string, unknown>): string {
  const k = Object.fromEntries(Object.entries(lastEvaluatedKey).map(([name, value]) => [name, String(value)]));
  return Buffer.from(JSON.stringify({ v: 1, q: query, k }), 'utf8').toString('base64url');
}

export function decodeCursor(query: string, cursor: string): Record<string, string> {
  const invalid = () => new ValidationError('cursor', [{ field: 'cursor', message: 'is not a cursor this query returned' }]);
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = CursorBody.safeParse(body);
  if (!parsed.success || parsed.data.q !== query) throw invalid();
  return parsed.data.k;
}
