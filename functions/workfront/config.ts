// Environment for the functions that call Workfront (sync-to-workfront,
// agent-actions) and the one place that turns it into a client. The auth
// adapter is picked by WORKFRONT_AUTH_MODE, never by "is this local?".
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { ApiKeyAuth, ImsTokenAuth, type WorkfrontAuth } from './auth.ts';
import { WorkfrontClient } from './client.ts';
import { ApiKeyCredentials, OAuthCredentials, secretCredentials } from './credentials.ts';

const url = z.url().transform((u) => u.replace(/\/+$/, ''));

export const WorkfrontConfig = {
  /** Instance root; the REST base is `{WORKFRONT_BASE_URL}/attask/api/{WORKFRONT_API_VERSION}`. */
  WORKFRONT_BASE_URL: url,
  WORKFRONT_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'must look like v22.0'),
  WORKFRONT_AUTH_MODE: z.enum(['oauth', 'apikey']),
  WORKFRONT_CREDENTIALS_SECRET_ID: z.string().trim().min(1),
  /** IMS root for `oauth`, e.g. https://ims-na1.adobelogin.com. */
  WORKFRONT_IMS_URL: url,
} as const;

export type WorkfrontSettings = z.output<z.ZodObject<typeof WorkfrontConfig>>;

export function workfrontAuth(settings: WorkfrontSettings, secrets: SecretsManagerClient = new SecretsManagerClient({})): WorkfrontAuth {
  const id = settings.WORKFRONT_CREDENTIALS_SECRET_ID;
  return settings.WORKFRONT_AUTH_MODE === 'oauth'
    ? new ImsTokenAuth({ imsUrl: settings.WORKFRONT_IMS_URL, credentials: secretCredentials(secrets, id, OAuthCredentials) })
    : new ApiKeyAuth(secretCredentials(secrets, id, ApiKeyCredentials));
}

export function workfrontClient(settings: WorkfrontSettings, auth: WorkfrontAuth = workfrontAuth(settings)): WorkfrontClient {
  return new WorkfrontClient({ baseUrl: settings.WORKFRONT_BASE_URL, apiVersion: settings.WORKFRONT_API_VERSION, auth });
}
