// The knowledge bucket is filled from the asset CDK stages out of
// knowledge-content/: every playbook, guideline and template must be in it
// (an exclude list that re-includes files but not their folders ships nothing).
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSystem } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_PREFIXES, knowledgeAssetExcludes } from '../../lib/knowledge-base-stack.ts';

const contentDir = fileURLToPath(new URL('../../knowledge-content/', import.meta.url));
const markdownUnder = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => f.split('\\').join('/')).sort();

describe('knowledge content asset', () => {
  it('GIVEN the exclude list WHEN CDK stages knowledge-content/ THEN every indexed document is shipped, under its own path', () => {
    const staged = mkdtempSync(join(tmpdir(), 'mcc-knowledge-asset-'));
    FileSystem.copyDirectory(contentDir, staged, { exclude: knowledgeAssetExcludes() });
    const expected = markdownUnder(contentDir).filter((f) => KNOWLEDGE_PREFIXES.some((p) => f.startsWith(p)));
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(markdownUnder(staged)).toEqual(expected);
  });
});
