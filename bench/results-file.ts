// bench/results.json is shared by every benchmark: each run merges its keys
// into what is there, so a partial run (e.g. `npm exec -- node bench/mcp.ts`) keeps the
// other figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('./results.json', import.meta.url);

export function mergeResults(figures: Record<string, unknown>): void {
  const existing = existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(FILE, `${JSON.stringify({ ...existing, ...figures }, null, 2)}\n`);
}
