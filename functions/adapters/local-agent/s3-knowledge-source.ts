// Knowledge documents from the KNOWLEDGE_BUCKET, keyed by their path under
// knowledge-content/ — the same objects the Bedrock knowledge base ingests.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { KnowledgeFile, KnowledgeSource } from '../../knowledge/knowledge-source.ts';

export class S3KnowledgeSource implements KnowledgeSource {
  readonly #s3: S3Client;
  readonly #bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
  }

  async load(): Promise<KnowledgeFile[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#s3.send(new ListObjectsV2Command({ Bucket: this.#bucket, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key?.endsWith('.md') ? [o.Key] : [])));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    keys.sort();
    return Promise.all(
      keys.map(async (id) => {
        const object = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: id }));
        if (!object.Body) throw new Error(`knowledge document ${id} has no body`);
        return { id, text: await object.Body.transformToString('utf8') };
      }),
    );
  }
}
