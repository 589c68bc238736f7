// A brief as it arrives in a Campaign Build Requested event. Events come from
// integrations written against the original schema, which spelled the closed
// vocabularies in lower case (`"type": "content"`, `"channels": ["blog"]`).
// Case is the one thing with a single right answer, so it is normalised here,
// before validation; everything else is validated as sent. GraphQL keeps its
// enums strict, as the GraphQL spec has them, so this runs for events only.
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const upper = (value: unknown): unknown => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** The brief with `type`, `channels[]` and `budget.currency` upper-cased; anything else, and any non-object, unchanged. */
export function normaliseEventBrief(brief: unknown): unknown {
  if (!isObject(brief)) return brief;
  const normalised: Json = { ...brief };
  if ('type' in brief) normalised.type = upper(brief.type);
  if (Array.isArray(brief.channels)) normalised.channels = brief.channels.map(upper);
  if (isObject(brief.budget) && 'currency' in brief.budget) normalised.budget = { ...brief.budget, currency: upper(brief.budget.currency) };
  return normalised;
}
