// An s3rver bucket holding knowledge-content/, keyed as the deployed
// knowledge bucket is (paths under knowledge-content/).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { freePort } from '../../local/free-port.ts';

/** s3rver's built-in account; DynamoDB Local and the test endpoints accept any key, so tests use this one throughout. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export const KNOWLEDGE_ROOT = fileURLToPath(new URL('../../knowledge-content/', import.meta.url));

export interface KnowledgeBucket {
  readonly endpoint: string;
  readonly bucket: string;
  readonly s3: S3Client;
  stop(): Promise<void>;
}

export async function startKnowledgeBucket(bucket = 'mcc-knowledge-test'): Promise<KnowledgeBucket> {
  const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  const port = await freePort();
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const s3 = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: S3RVER_CREDENTIALS });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const files = readdirSync(KNOWLEDGE_ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
  for (const key of files) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key.split('\\').join('/'), Body: readFileSync(join(KNOWLEDGE_ROOT, key)), ContentType: 'text/markdown' }));
  }
  return {
    endpoint,
    bucket,
    s3,
    stop: async () => {
      s3.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
