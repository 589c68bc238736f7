// Where the Workfront credentials come from: a Secrets Manager JSON secret,
// `{"clientId","clientSecret","scopes"?}` for Adobe IMS OAuth Server-to-Server
// or `{"apiKey"}` for sandboxes. The loader is a port (a function) so tests and
// the local sandbox hand credentials over directly.
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { WorkfrontAuthError } from './errors.ts';

export const OAuthCredentials = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Comma-separated or a list; IMS wants them comma-separated. */
  scopes: z.union([z.string(), z.array(z.string())]).optional(),
});
export type OAuthCredentials = z.infer<typeof OAuthCredentials>;

export const ApiKeyCredentials = z.strictObject({ apiKey: z.string().min(1) });
export type ApiKeyCredentials = z.infer<typeof ApiKeyCredentials>;

export type CredentialsLoader<T> = () => Promise<T>;

/** Reads and validates the secret once; later calls share the first result (one read per cold start). */
export function secretCredentials<S extends z.ZodType>(
  client: SecretsManagerClient,
  secretId: string,
  schema: S,
): CredentialsLoader<z.output<S>> {
  let pending: Promise<z.output<S>> | undefined;
  return () => {
    pending ??= (async () => {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      let parsed: unknown;
      try {
        parsed = JSON.parse(SecretString ?? '');
      } catch {
        throw new WorkfrontAuthError('The Workfront credentials secret is not JSON');
      }
      const result = schema.safeParse(parsed);
      // Never echo the secret's content: name the missing shape only.
      if (!result.success) throw new WorkfrontAuthError('The Workfront credentials secret does not have the expected fields');
      return result.data;
    })().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
