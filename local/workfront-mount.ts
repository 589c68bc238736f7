// The Workfront sandbox (local/workfront-sandbox/) as the local runtime mounts
// it under /_local/workfront/: functions reach it through WORKFRONT_BASE_URL
// with an API key that seeds the Workfront credentials secret, and each
// tenant gets the same event subscriptions `npm run workfront:subscribe`
// creates (through the same code), so the sandbox posts its webhooks to the
// app's /webhooks/workfront route with that tenant's bearer token.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiKeyAuth } from '../functions/workfront/auth.ts';
import { EventSubscriptionClient, ensureSubscriptions } from '../functions/workfront/subscriptions.ts';
import { tenantWebhookToken } from '../functions/workfront/webhook-token.ts';
import { createWorkfrontSandbox } from './workfront-sandbox/index.ts';

export interface MountedWorkfront {
  handle(req: IncomingMessage, res: ServerResponse, pathAfterPrefix: string): Promise<void>;
  /** The Workfront credentials secret's value. */
  readonly credentials: { readonly apiKey: string };
  readonly authMode: 'apikey';
  readonly imsUrl: string;
  /** Idempotent: PROJ and TASK × CREATE/UPDATE/DELETE subscriptions pointing at the tenant's webhook URL. */
  subscribeTenant(tenantId: string): Promise<void>;
  /** Resolves when every webhook delivery started so far has finished. */
  idle(): Promise<void>;
}

export interface WorkfrontMountOptions {
  readonly dataFile: string;
  /** `{gateway}/_local/workfront`: the sandbox's REST root. */
  readonly publicBaseUrl: string;
  /** Where the app's HTTP routes are served (the gateway). */
  readonly gatewayUrl: string;
  /** The webhook token secret's value; each tenant's token derives from it. */
  readonly webhookSecret: () => string;
}

export function mountWorkfrontSandbox(options: WorkfrontMountOptions): MountedWorkfront {
  // A fresh key each start: the sandbox and the credentials secret are seeded with it together.
  const apiKey = randomBytes(24).toString('base64url');
  const sandbox = createWorkfrontSandbox({ dataFile: options.dataFile, publicBaseUrl: options.publicBaseUrl, apiKeys: [apiKey] });
  const subscriptions = new EventSubscriptionClient(options.publicBaseUrl, new ApiKeyAuth(async () => ({ apiKey })));
  const subscribed = new Map<string, Promise<void>>();
  return {
    handle: (req, res, path) => sandbox.handle(req, res, path),
    credentials: { apiKey },
    authMode: 'apikey',
    imsUrl: options.publicBaseUrl,
    idle: () => sandbox.idle(),
    subscribeTenant(tenantId) {
      let done = subscribed.get(tenantId);
      if (!done) {
        const url = `${options.gatewayUrl}/webhooks/workfront?tenant=${encodeURIComponent(tenantId)}`;
        done = ensureSubscriptions(subscriptions, { url, authToken: tenantWebhookToken(options.webhookSecret(), tenantId) }).then(() => undefined);
        // A failed attempt is retried by the next event for the tenant.
        done.catch(() => subscribed.delete(tenantId));
        subscribed.set(tenantId, done);
      }
      return done;
    },
  };
}
