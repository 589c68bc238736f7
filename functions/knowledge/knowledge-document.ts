// A knowledge document: a Markdown playbook, guideline or template with YAML
// front matter. The same parsing serves the local agent's retrieval and the
// checks that keep the playbooks well-formed.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CAMPAIGN_TYPES, CHANNELS } from '../domain/vocabulary.ts';
import { parseOrThrow } from '../domain/validate.ts';

export const DOCUMENT_KINDS = ['playbook', 'guideline', 'template'] as const;

const AppliesTo = z.enum(['all', ...CAMPAIGN_TYPES, ...CHANNELS]);

export const FrontMatter = z.looseObject({
  title: z.string().min(1),
  kind: z.enum(DOCUMENT_KINDS),
  'applies-to': z.array(AppliesTo).min(1),
});
export type FrontMatter = z.infer<typeof FrontMatter>;

export interface KnowledgeDocument {
  /** Path under knowledge-content/, e.g. `playbooks/campaign-tiers.md`. */
  readonly id: string;
  readonly frontMatter: FrontMatter;
  readonly body: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function parseKnowledgeDocument(id: string, text: string): KnowledgeDocument {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`${id}: no YAML front matter (a leading --- block)`);
  const frontMatter = parseOrThrow(FrontMatter, parseYaml(match[1] ?? ''), `front matter of ${id}`);
  return { id, frontMatter, body: text.slice(match[0].length) };
}
