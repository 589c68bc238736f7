// `npm run workfront:subscribe -- --tenant acme --webhook-url https://…/webhooks/workfront`
// Creates the Workfront event subscriptions MCC listens to (PROJ and TASK ×
// CREATE, UPDATE, DELETE) for one tenant, pointing at the deployed webhook with
// that tenant's bearer token. Existing identical subscriptions are kept.
// Flags override environment variables:
//   --base-url / WORKFRONT_BASE_URL          Workfront instance root
//   --auth-mode / WORKFRONT_AUTH_MODE        oauth (default) or apikey
//   --ims-url / WORKFRONT_IMS_URL            IMS root (oauth), default https://ims-na1.adobelogin.com
//   WORKFRONT_CLIENT_ID, WORKFRONT_CLIENT_SECRET, WORKFRONT_SCOPES (oauth) or WORKFRONT_API_KEY (apikey)
//   --webhook-url / WEBHOOK_URL              deployed POST /webhooks/workfront URL (without ?tenant)
//   --tenant / TENANT_ID                     the tenant this Workfront instance belongs to
//   WEBHOOK_TOKEN_SECRET                     the webhook token secret's value (Secrets Manager WEBHOOK_TOKEN_SECRET_ID)
import { parseArgs } from 'node:util';
import { ApiKeyAuth, ImsTokenAuth } from '../functions/workfront/auth.ts';
import { ensureSubscriptions, EventSubscriptionClient } from '../functions/workfront/subscriptions.ts';
import { tenantWebhookToken } from '../functions/workfront/webhook-token.ts';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    'auth-mode': { type: 'string' },
    'ims-url': { type: 'string' },
    'webhook-url': { type: 'string' },
    tenant: { type: 'string' },
  },
});

function required(name: string, value: string | undefined): string {
  if (!value) {
    console.error(`workfront:subscribe: ${name} is required (see the header of scripts/workfront-subscribe.ts)`);
    process.exit(2);
  }
  return value;
}

const env = process.env;
const baseUrl = required('--base-url or WORKFRONT_BASE_URL', values['base-url'] ?? env.WORKFRONT_BASE_URL);
const mode = values['auth-mode'] ?? env.WORKFRONT_AUTH_MODE ?? 'oauth';
const tenant = required('--tenant or TENANT_ID', values.tenant ?? env.TENANT_ID);
const webhookUrl = new URL(required('--webhook-url or WEBHOOK_URL', values['webhook-url'] ?? env.WEBHOOK_URL));
webhookUrl.searchParams.set('tenant', tenant);
const secret = required('WEBHOOK_TOKEN_SECRET', env.WEBHOOK_TOKEN_SECRET);

const auth =
  mode === 'apikey'
    ? new ApiKeyAuth(async () => ({ apiKey: required('WORKFRONT_API_KEY', env.WORKFRONT_API_KEY) }))
    : new ImsTokenAuth({
        imsUrl: values['ims-url'] ?? env.WORKFRONT_IMS_URL ?? 'https://ims-na1.adobelogin.com',
        credentials: async () => ({
          clientId: required('WORKFRONT_CLIENT_ID', env.WORKFRONT_CLIENT_ID),
          clientSecret: required('WORKFRONT_CLIENT_SECRET', env.WORKFRONT_CLIENT_SECRET),
          ...(env.WORKFRONT_SCOPES ? { scopes: env.WORKFRONT_SCOPES } : {}),
        }),
      });

const result = await ensureSubscriptions(new EventSubscriptionClient(baseUrl, auth), {
  url: webhookUrl.toString(),
  authToken: tenantWebhookToken(secret, tenant),
});
console.log(`Workfront subscriptions for ${webhookUrl.toString()}`);
console.log(`  created:  ${result.created.join(', ') || 'none'}`);
console.log(`  existing: ${result.existing.join(', ') || 'none'}`);
