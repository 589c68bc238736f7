import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLANNING_RATES_TO_USD, TIER_RULES } from '../../functions/domain/campaign-tiers.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import { parseKnowledgeDocument, type KnowledgeDocument } from '../../functions/knowledge/knowledge-document.ts';

const root = fileURLToPath(new URL('../../knowledge-content/', import.meta.url));

function loadAll(): KnowledgeDocument[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => parseKnowledgeDocument(relative(root, join(root, file)), readFileSync(join(root, file), 'utf8')));
}

describe('knowledge-content/', () => {
  const documents = loadAll();
  const byId = new Map(documents.map((d) => [d.id, d]));

  it('holds at least 8 documents, each with valid front matter and a real body', () => {
    expect(documents.length).toBeGreaterThanOrEqual(8);
    for (const doc of documents) expect(doc.body.trim().length, doc.id).toBeGreaterThan(500);
  });

  it('has the playbooks, guideline and templates the agent is grounded in', () => {
    for (const id of ['playbooks/campaign-tiers.md', 'playbooks/email-campaign-checklist.md', 'guidelines/brand-voice.md']) {
      expect(byId.has(id), id).toBe(true);
    }
    const kinds = new Set(documents.map((d) => d.frontMatter.kind));
    expect(kinds).toEqual(new Set(['playbook', 'guideline', 'template']));
  });

  it('states the same tier rules and planning rates as the code that classifies campaigns', () => {
    const tiers = byId.get('playbooks/campaign-tiers.md')?.frontMatter;
    expect(tiers?.tiers).toEqual(TIER_RULES.map((rule) => ({ ...rule, types: [...rule.types] })));
    expect(tiers?.planningRatesToUsd).toEqual(PLANNING_RATES_TO_USD);
  });

  it('asks for three subject-line variants in the e-mail checklist', () => {
    expect(byId.get('playbooks/email-campaign-checklist.md')?.body).toMatch(/3 subject[- ]line variants|three subject[- ]line variants/i);
  });
});

describe('parseKnowledgeDocument', () => {
  it('refuses a document without front matter', () => {
    expect(() => parseKnowledgeDocument('x.md', '# Title\n')).toThrow(/no YAML front matter/);
  });

  it('names the bad front-matter fields', () => {
    const error = (() => {
      try {
        parseKnowledgeDocument('x.md', '---\ntitle: X\nkind: memo\napplies-to: [EMAIL, TIKTOK]\n---\nbody');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual(expect.arrayContaining(['kind', 'applies-to.1']));
  });
});
