// Items are domain objects plus the table's key attributes; reading one back
// drops those attributes before the domain schema parses what is left.
import { TABLE_DESIGN } from './table-design.ts';

const KEY_ATTRIBUTES: ReadonlySet<string> = new Set([
  TABLE_DESIGN.partitionKey,
  TABLE_DESIGN.sortKey,
  ...TABLE_DESIGN.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  TABLE_DESIGN.timeToLiveAttribute,
]);

export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name)));
}
