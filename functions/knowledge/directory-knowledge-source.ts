// Knowledge documents read from a directory (knowledge-content/ in the
// repository), for tests and tools that run beside the sources.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnowledgeFile, KnowledgeSource } from './knowledge-source.ts';

export class DirectoryKnowledgeSource implements KnowledgeSource {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  async load(): Promise<KnowledgeFile[]> {
    const files = (await readdir(this.#root, { recursive: true, encoding: 'utf8' }))
      .map((f) => f.split('\\').join('/'))
      .filter((f) => f.endsWith('.md'))
      .sort();
    return Promise.all(files.map(async (id) => ({ id, text: await readFile(join(this.#root, id), 'utf8') })));
  }
}
