// S3, locally: s3rver (in this process) persisting under the data directory,
// with every bucket of the template created, and the sources of each
// CDK BucketDeployment uploaded into its bucket on start (keys = paths under
// the source folder, behind the deployment's key prefix). A bucket that no
// deployment fills but whose logical ID names it the knowledge bucket gets
// `knowledge-content/` as a fallback.
import { readdirSync, statSync, readFileSync, mkdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client, BucketAlreadyOwnedByYou, BucketAlreadyExists } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { LocalBucketDeployment } from '../template/app-model.ts';

/** s3rver checks signatures against its one built-in key pair; every local client uses it (DynamoDB Local and the gateway accept any). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface RunningS3 {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startLocalS3(options: { port: number; host: string; directory: string }): Promise<RunningS3> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({ port: options.port, address: options.host, directory: options.directory, silent: true });
  const address = await server.run();
  return { endpoint: `http://${options.host}:${address.port}`, stop: () => server.close() };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

export interface SeedResult {
  readonly buckets: readonly string[];
  /** Bucket name → number of objects uploaded. */
  readonly uploaded: Readonly<Record<string, number>>;
}

export async function seedBuckets(
  endpoint: string,
  buckets: readonly { logicalId: string; name: string }[],
  deployments: readonly LocalBucketDeployment[],
  fallbackKnowledgeDir: string | undefined,
): Promise<SeedResult> {
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: S3RVER_CREDENTIALS });
  const uploaded: Record<string, number> = {};
  try {
    for (const bucket of buckets) {
      try {
        await client.send(new CreateBucketCommand({ Bucket: bucket.name }));
      } catch (error) {
        if (!(error instanceof BucketAlreadyOwnedByYou || error instanceof BucketAlreadyExists)) throw error;
      }
    }
    const upload = async (bucket: string, prefix: string, dir: string) => {
      for (const file of filesUnder(dir)) {
        const key = `${prefix}${relative(dir, file).split(sep).join('/')}`;
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(file) }));
        uploaded[bucket] = (uploaded[bucket] ?? 0) + 1;
      }
    };
    for (const deployment of deployments) {
      for (const dir of deployment.sourceDirs) await upload(deployment.bucketName, deployment.keyPrefix, dir);
    }
    const deployed = new Set(deployments.map((d) => d.bucketName));
    const knowledge = buckets.find((b) => /knowledge/i.test(b.logicalId) && !deployed.has(b.name));
    if (knowledge && fallbackKnowledgeDir) await upload(knowledge.name, '', fallbackKnowledgeDir);
  } finally {
    client.destroy();
  }
  return { buckets: buckets.map((b) => b.name), uploaded };
}
