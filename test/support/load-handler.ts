// The one way tests run a deployed handler: `loadHandler(name, env)` sets the
// environment the template would give the function, imports
// functions/handlers/<name>.ts (its cold start reads config and builds clients
// then), and puts process.env back the moment the import is done. The
// returned handler brings that environment back for the length of each
// invocation only, since SDK clients resolve endpoints and credentials
// lazily, at their first call — so no test file leaks its environment into
// another, and no hand-written save/restore is forgotten.
//
// A handler module initialises once per test file (vitest isolates files):
// load each handler once, in beforeAll.
import type { Context } from 'aws-lambda';

/** The handler files under functions/handlers/, by file name without `.ts`. */
export type HandlerName =
  | 'agent-actions'
  | 'approval-callback'
  | 'campaign-outcome'
  | 'expire-approval'
  | 'generate-post'
  | 'graphql-resolver'
  | 'plan-campaign'
  | 'request-approval'
  | 'save-campaign'
  | 'sync-to-workfront'
  | 'workfront-webhook';

/** What every handler needs to build SDK clients without a real account; `env` adds and overrides. */
export const TEST_LAMBDA_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
} as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler signature; callers name theirs with H
type AnyHandler = (...args: any[]) => Promise<any>;

/** Variables set by running handlers, with the value each had before; restored when the last call ends. */
const saved = new Map<string, string | undefined>();
let running = 0;

function enter(env: Readonly<Record<string, string>>): void {
  running += 1;
  for (const [name, value] of Object.entries(env)) {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    process.env[name] = value;
  }
}

function leave(): void {
  running -= 1;
  if (running > 0) return;
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  saved.clear();
}

/**
 * Imports functions/handlers/<name>.ts under `env` (plus TEST_LAMBDA_ENV) and
 * returns its `handler`, wrapped so each call runs under that environment too.
 * Overlapping calls share one environment, restored when the last one ends.
 */
export async function loadHandler<H extends AnyHandler = (event: unknown, context?: Context) => Promise<unknown>>(
  name: HandlerName,
  env: Readonly<Record<string, string>>,
): Promise<H> {
  const lambdaEnv = { ...TEST_LAMBDA_ENV, ...env };
  enter(lambdaEnv);
  let handler: unknown;
  try {
    handler = ((await import(`../../functions/handlers/${name}.ts`)) as { handler?: unknown }).handler;
  } finally {
    leave();
  }
  if (typeof handler !== 'function') throw new Error(`functions/handlers/${name}.ts exports no handler`);
  const run = handler as H;
  const wrapped = async (...args: Parameters<H>): Promise<Awaited<ReturnType<H>>> => {
    enter(lambdaEnv);
    try {
      return await run(...args);
    } finally {
      leave();
    }
  };
  return wrapped as H;
}
