// Cold init of each MCC Lambda bundle: a fresh Node process (the pinned Node
// 24 this script runs on — the Lambda runtime's major) imports the bundle from
// cdk.out and makes one first call with a minimal event, with the function's
// template environment pointed at the running local runtime. Measured from
// spawn to the first result, so it covers process start, module load with its
// cold-start work (config parsing, clients, the local agent's index) and the
// first call. A minimal event is not a valid request: most handlers reject it
// (the result says how), which still runs the code path up to validation.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { HANDLER_NAMES, type HandlerName } from '../lib/constructs/mcc-function.ts';
import { entryFileOf } from '../local/lambda/function-pool.ts';
import type { LocalRuntime } from '../local/runtime.ts';

export interface BundleFigure {
  /** The handler name; with the function's logical ID when several functions share a handler. */
  readonly name: string;
  readonly bytes: number;
  readonly coldInitMs: number;
  /** How the first call ended: `ok`, or `threw <ErrorName>` for a handler that rejects the minimal event. */
  readonly firstCall: string;
}

const RESULT = '@@mcc-bench-result@@';

/** API Gateway HTTP API v2 for the HTTP handlers; an empty object for the rest. */
export function minimalEvent(name: HandlerName): unknown {
  if (name !== 'approval-callback' && name !== 'workfront-webhook') return {};
  const path = name === 'approval-callback' ? '/approvals/x' : '/webhooks/workfront';
  return {
    version: '2.0',
    routeKey: name === 'approval-callback' ? 'GET /approvals/{token}' : 'POST /webhooks/workfront',
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: name === 'approval-callback' ? 'GET' : 'POST', path, sourceIp: '127.0.0.1' }, requestId: 'bench', timeEpoch: Date.now() },
    pathParameters: name === 'approval-callback' ? { token: 'x' } : {},
    isBase64Encoded: false,
  };
}

const CHILD = `
const [url, eventJson, fnName] = process.argv.slice(1);
const context = { awsRequestId: 'bench', functionName: fnName, functionVersion: '$LATEST', memoryLimitInMB: '512', getRemainingTimeInMillis: () => 30000, callbackWaitsForEmptyEventLoop: true };
let outcome;
try {
  const mod = await import(url);
  await mod.handler(JSON.parse(eventJson), context);
  outcome = 'ok';
} catch (error) {
  outcome = 'threw ' + (error && error.name ? error.name : 'Error');
}
process.stdout.write('\\n${RESULT}' + outcome + '\\n', () => process.exit(0));
`;

function runOnce(file: string, event: unknown, env: Record<string, string>, fnName: string): Promise<{ ms: number; outcome: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(file).href, JSON.stringify(event), fnName], {
      env: { ...env, PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let done = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const at = out.indexOf(RESULT);
      const end = at >= 0 ? out.indexOf('\n', at) : -1;
      if (!done && end > at) {
        done = true;
        resolve({ ms: performance.now() - started, outcome: out.slice(at + RESULT.length, end) });
      }
    });
    child.stderr.resume();
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!done) reject(new Error(`${fnName}: the cold-init process exited (code ${code}) without a result`));
    });
  });
}

export async function measureColdInit(runtime: LocalRuntime): Promise<BundleFigure[]> {
  const figures: BundleFigure[] = [];
  const handlers = new Set<string>(HANDLER_NAMES);
  for (const fn of runtime.model.functions) {
    const name = fn.environment.POWERTOOLS_SERVICE_NAME;
    if (!name || !handlers.has(name) || !fn.codeDir) continue;
    const file = entryFileOf(fn);
    // One at a time: the machine is shared, and parallel starts would measure contention.
    const { ms, outcome } = await runOnce(file, minimalEvent(name as HandlerName), runtime.lambda.environmentOf(fn), fn.name);
    const shared = runtime.model.functions.filter((f) => f.environment.POWERTOOLS_SERVICE_NAME === name).length > 1;
    figures.push({ name: shared ? `${name} (${fn.logicalId})` : name, bytes: statSync(file).size, coldInitMs: Math.round(ms), firstCall: outcome });
  }
  return figures.sort((a, b) => a.name.localeCompare(b.name));
}
