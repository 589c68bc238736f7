// Full-text retrieval over the knowledge documents with MiniSearch: each
// document is cut into passages at its `##` headings, so a hit points at the
// section that answers, not a whole playbook.
import MiniSearch from 'minisearch';
import { parseKnowledgeDocument, type KnowledgeDocument } from '../../knowledge/knowledge-document.ts';
import type { KnowledgeFile } from '../../knowledge/knowledge-source.ts';
import type { Passage } from '../../ports/agent.ts';

interface IndexedPassage {
  readonly id: string;
  readonly documentId: string;
  readonly title: string;
  readonly heading: string;
  readonly text: string;
  readonly appliesTo: string;
}

const MAX_PASSAGE_CHARS = 1_500;

function passagesOf(doc: KnowledgeDocument): IndexedPassage[] {
  const sections = doc.body.split(/^(?=## )/m);
  return sections
    .map((section, n) => {
      const heading = /^## (.+)$/m.exec(section)?.[1]?.trim() ?? doc.frontMatter.title;
      return {
        id: `${doc.id}#${n}`,
        documentId: doc.id,
        title: doc.frontMatter.title,
        heading,
        text: section.trim(),
        appliesTo: doc.frontMatter['applies-to'].join(' '),
      };
    })
    .filter((p) => p.text.length > 0);
}

export class KnowledgeIndex {
  readonly #search: MiniSearch<IndexedPassage>;
  readonly #documents: ReadonlyMap<string, KnowledgeDocument>;

  private constructor(documents: KnowledgeDocument[]) {
    this.#documents = new Map(documents.map((d) => [d.id, d]));
    this.#search = new MiniSearch<IndexedPassage>({
      fields: ['heading', 'text', 'appliesTo', 'title'],
      storeFields: ['documentId', 'title', 'heading', 'text'],
      searchOptions: { boost: { heading: 2, title: 1.5, appliesTo: 1.5 }, prefix: true, fuzzy: 0.15, combineWith: 'OR' },
    });
    this.#search.addAll(documents.flatMap(passagesOf));
  }

  static fromFiles(files: readonly KnowledgeFile[]): KnowledgeIndex {
    return new KnowledgeIndex(files.map((f) => parseKnowledgeDocument(f.id, f.text)));
  }

  get size(): number {
    return this.#documents.size;
  }

  document(id: string): KnowledgeDocument | undefined {
    return this.#documents.get(id);
  }

  titleOf(id: string): string {
    return this.#documents.get(id)?.frontMatter.title ?? id;
  }

  /** Best passages first; ties broken by passage ID so results are deterministic. */
  search(query: string, maxResults = 5): Passage[] {
    const hits = this.#search.search(query).sort((a, b) => b.score - a.score || String(a.id).localeCompare(String(b.id)));
    return hits.slice(0, maxResults).map((hit) => ({
      documentId: String(hit.documentId),
      title: `${String(hit.title)} — ${String(hit.heading)}`,
      text: String(hit.text).slice(0, MAX_PASSAGE_CHARS),
      score: Math.round(hit.score * 1000) / 1000,
    }));
  }
}
