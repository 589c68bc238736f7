// Where the Workfront sandbox (local/workfront-sandbox/, written separately)
// joins the runtime: when its module is present it is created and mounted
// under /_local/workfront/, functions get WORKFRONT_BASE_URL pointing at it
// (and its auth mode), its credentials seed the Workfront credentials secret,
// and its webhooks are posted to the app's /webhooks/workfront route with the
// subscription token. Until then the runtime runs without it.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

export interface WorkfrontSandbox {
  handle(req: IncomingMessage, res: ServerResponse, pathAfterPrefix: string): void | Promise<void>;
  /** Optional: the credentials the sandbox accepts, as the secret's JSON (`{"apiKey"}` or `{"clientId","clientSecret"}`). */
  readonly credentials?: unknown;
  /** Optional: `apikey` or `oauth`. */
  readonly authMode?: string;
  /** Optional: the IMS token endpoint base the sandbox serves. */
  readonly imsUrl?: string;
  close?(): void | Promise<void>;
}

export interface WorkfrontSandboxOptions {
  readonly dataFile?: string;
  readonly publicBaseUrl: string;
  readonly deliverWebhook?: (payload: unknown) => Promise<void>;
}

type Factory = (options: WorkfrontSandboxOptions) => WorkfrontSandbox | Promise<WorkfrontSandbox>;

const MODULE = new URL('./workfront-sandbox/index.ts', import.meta.url);

/** Loads the sandbox if its module is in this checkout; undefined otherwise. */
export async function loadWorkfrontSandbox(options: WorkfrontSandboxOptions): Promise<WorkfrontSandbox | undefined> {
  if (!existsSync(fileURLToPath(MODULE))) return undefined;
  const mod = (await import(MODULE.href)) as { createWorkfrontSandbox?: Factory };
  if (typeof mod.createWorkfrontSandbox !== 'function') throw new Error('local/workfront-sandbox/index.ts does not export createWorkfrontSandbox');
  return mod.createWorkfrontSandbox(options);
}
