// Cognito's part in the local runtime (issue 18): a function configured to
// verify user-pool ID tokens (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE from
// the template) is pointed at the gateway's development-token JWKS instead, so
// it verifies `/_local/token` tokens with its deployed code path; a function
// that names its public URL (MCP_RESOURCE_URL) gets the gateway's.
import { DEV_AUDIENCE, DEV_ISSUER } from '../graphql/dev-tokens.ts';

export function withLocalSignIn(fnEnv: Record<string, string>, gatewayUrl: string): Record<string, string> {
  const env = { ...fnEnv };
  if (env.AUTH_JWKS_URL !== undefined) {
    env.AUTH_JWKS_URL = `${gatewayUrl}/_local/.well-known/jwks.json`;
    env.AUTH_ISSUER = DEV_ISSUER;
    env.AUTH_AUDIENCE = DEV_AUDIENCE;
  }
  if (env.MCP_RESOURCE_URL !== undefined) env.MCP_RESOURCE_URL = `${gatewayUrl}/mcp`;
  return env;
}
