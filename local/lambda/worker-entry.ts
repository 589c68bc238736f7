// Runs one Lambda function's bundle inside a worker thread, as the Node.js
// Lambda runtime would: the module loads once when the worker starts (the
// init phase, reported to the pool, which times it apart from invocations),
// then each message is one invocation with Lambda's context object. A thrown error comes back in Lambda's shape (errorType =
// error.name), which Step Functions' Retry and Catch match on.
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { InitResponse, InvokeRequest, InvokeResponse, LambdaErrorPayload, WorkerData } from './worker-protocol.ts';

type Handler = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void) => unknown;

const data = workerData as WorkerData;
process.setSourceMapsEnabled(true);

interface CjsModule {
  exports: Record<string, unknown>;
  paths: string[];
  filename: string;
  _compile(source: string, filename: string): void;
}
type ModuleStatics = { new (id: string): CjsModule; _nodeModulePaths(dir: string): string[] };

/**
 * `.js` bundles are CommonJS, but a `"type": "module"` package.json above
 * cdk.out would make Node read them as ESM, so they are compiled as CommonJS
 * explicitly. Bare requires fall back to the project's node_modules, as the
 * Lambda runtime provides the AWS SDK.
 */
function loadCommonJs(file: string): Record<string, unknown> {
  const Ctor = Module as unknown as ModuleStatics;
  const mod = new Ctor(file);
  mod.filename = file;
  mod.paths = [...Ctor._nodeModulePaths(dirname(file)), data.fallbackNodeModules];
  mod._compile(readFileSync(file, 'utf8'), file);
  return mod.exports;
}

/** ESM bundles: bare imports the bundle left external resolve from the project's node_modules when not found beside it. */
function registerFallbackResolution(): void {
  const fallbackParent = pathToFileURL(join(data.fallbackNodeModules, '..', 'package.json')).href;
  Module.registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (/^[./]|^node:|^file:/.test(specifier)) throw error;
        return nextResolve(specifier, { ...context, parentURL: fallbackParent });
      }
    },
  });
}

let handler: Handler | undefined;
let invoked = false;

async function load(): Promise<Handler> {
  let exported: Record<string, unknown>;
  if (data.entryFile.endsWith('.mjs')) {
    registerFallbackResolution();
    exported = (await import(pathToFileURL(data.entryFile).href)) as Record<string, unknown>;
  } else {
    exported = loadCommonJs(data.entryFile);
  }
  const fn = exported[data.exportName] ?? (exported.default as Record<string, unknown> | undefined)?.[data.exportName];
  if (typeof fn !== 'function') {
    throw Object.assign(new Error(`${data.entryFile} does not export a function named ${data.exportName}`), { name: 'Runtime.HandlerNotFound' });
  }
  return fn as Handler;
}

function toLambdaError(error: unknown): LambdaErrorPayload {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: 'Error', errorMessage: typeof error === 'string' ? error : JSON.stringify(error) };
}

async function invoke(request: InvokeRequest): Promise<unknown> {
  const fn = handler ?? (handler = await load());
  const { deadlineMs, ...fields } = request.context;
  const context = {
    ...fields,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, result?: unknown) => (error ? reject(error) : resolve(result));
    try {
      const returned = fn(request.event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(resolve, reject);
      else if (fn.length < 3) resolve(returned);
    } catch (error) {
      reject(error);
    }
  });
}

// Init: load the bundle now, so its time is the init phase's, not the first invocation's.
load().then(
  (loaded) => {
    handler = loaded;
    parentPort?.postMessage({ init: true, ok: true } satisfies InitResponse);
  },
  (error: unknown) => parentPort?.postMessage({ init: true, ok: false, error: toLambdaError(error) } satisfies InitResponse),
);

parentPort?.on('message', (request: InvokeRequest) => {
  const coldStart = !invoked;
  invoked = true;
  invoke(request).then(
    (payload) => {
      // Lambda serializes the result as JSON: undefined becomes null, class instances plain objects.
      const json = payload === undefined ? null : (JSON.parse(JSON.stringify(payload)) as unknown);
      parentPort?.postMessage({ id: request.id, ok: true, payload: json, coldStart } satisfies InvokeResponse);
    },
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, error: toLambdaError(error), coldStart } satisfies InvokeResponse),
  );
});
