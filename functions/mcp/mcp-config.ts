// The MCP function's environment (read once at cold start; see
// functions/shared/config.ts). AUTH_* name the user pool whose ID tokens are
// accepted — locally the runtime points them at its development-token JWKS.
import { z } from 'zod';

export const McpConfig = {
  /** The user pool's JWKS, https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json. */
  AUTH_JWKS_URL: z.url(),
  /** The pool's issuer, https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  AUTH_ISSUER: z.string().min(1),
  /** The app client ID (an ID token's `aud`). */
  AUTH_AUDIENCE: z.string().min(1),
  /** This endpoint's public URL, e.g. https://<api>/mcp: the protected resource of RFC 9728. */
  MCP_RESOURCE_URL: z.url(),
  /** Comma-separated browser origins allowed besides the resource's own. */
  MCP_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
} as const;

/** Issuers that are URLs are authorization servers an MCP client can discover; the local one is not. */
export function authorizationServers(issuer: string): string[] {
  return /^https?:\/\//.test(issuer) ? [issuer] : [];
}
