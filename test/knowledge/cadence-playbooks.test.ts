// The cadence rules in functions/knowledge/cadence.ts state what the playbooks
// in knowledge-content/ say (posts per tier, minimum gap), as the tier rules
// do for playbooks/campaign-tiers.md: editing one without the other fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CADENCE, type ChannelFamily } from '../../functions/knowledge/cadence.ts';

const playbook = (source: string) => readFileSync(new URL(`../../knowledge-content/${source}`, import.meta.url), 'utf8');

/** The first table whose header starts with `| Tier |`, as rows of cells, header dropped. */
function tierTable(markdown: string): { header: string[]; rows: string[][] } {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^\|\s*Tier\s*\|/.test(line));
  if (start < 0) throw new Error('no "| Tier |" table');
  const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return { header: cells(lines[start] ?? ''), rows };
}

const families = Object.keys(CADENCE) as ChannelFamily[];

describe('cadence rules and their playbooks', () => {
  it.each(families)('%s: posts per tier match the playbook table', (family) => {
    const rule = CADENCE[family];
    const { rows } = tierTable(playbook(rule.source));
    const counts = Object.fromEntries(rows.map(([tier, count]) => [Number(tier), Number(count)]));
    expect(counts).toEqual(rule.count);
  });

  it.each(families)('%s: the minimum gap is the playbook’s', (family) => {
    const rule = CADENCE[family];
    const text = playbook(rule.source);
    const { header, rows } = tierTable(text);
    const gapColumn = header.findIndex((h) => /minimum gap/i.test(h));
    if (gapColumn >= 0) {
      for (const row of rows) expect(row[gapColumn]).toBe(`${rule.minGapDays} days`);
    } else {
      expect(text).toMatch(new RegExp(`at least ${rule.minGapDays} days`, 'i'));
    }
  });

  it.each(families)('%s: the typical sequence has one purpose per planned post', (family) => {
    const rule = CADENCE[family];
    for (const tier of [1, 2, 3] as const) expect(rule.sequence[tier]).toHaveLength(rule.count[tier]);
  });
});
