// Text a person typed, as the boundary accepts it. Control characters and
// bidirectional overrides are refused, never stored: a CR/LF in a campaign
// name would reach an e-mail subject (header injection), NUL and ESC corrupt
// logs and terminals, and bidi overrides make text read differently from
// what it contains. Single-line fields refuse line breaks and tabs too;
// multi-line fields keep them.
import { z } from 'zod';

/** C0 controls except TAB, LF, CR; DEL; C1 controls; bidi embeddings, overrides and isolates; line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;
const BREAKS = /[\t\n\r]/u;

export function singleLine(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !UNSAFE.test(s) && !BREAKS.test(s), 'must be one line of text, without control characters or direction overrides');
}

export function multiLine(min: number, max: number) {
  return z.string().trim().min(min).max(max).refine((s) => !UNSAFE.test(s), 'must not contain control characters or direction overrides');
}
