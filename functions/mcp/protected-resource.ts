// OAuth 2.0 Protected Resource Metadata (RFC 9728) for the MCP endpoint, and
// the 401 challenge that points MCP clients at it (MCP authorization spec):
// `WWW-Authenticate: Bearer resource_metadata="<metadata URL>"`.

export interface ProtectedResource {
  /** The MCP endpoint's URL, e.g. https://api.example.com/mcp. */
  readonly resource: string;
  /** Issuer URLs of the authorization servers (the Cognito user pool); none locally. */
  readonly authorizationServers: readonly string[];
}

/** RFC 9728 §3.1: the well-known path is inserted between the host and the resource's path. */
export function metadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

export function metadataDocument(p: ProtectedResource): Record<string, unknown> {
  return {
    resource: p.resource,
    ...(p.authorizationServers.length > 0 ? { authorization_servers: [...p.authorizationServers] } : {}),
    bearer_methods_supported: ['header'],
    resource_name: 'Marketing Command Center',
  };
}

export function challenge(p: ProtectedResource, invalidToken: boolean): string {
  const error = invalidToken ? ', error="invalid_token", error_description="The bearer token is missing a valid signature, issuer, audience or expiry"' : '';
  return `Bearer resource_metadata="${metadataUrl(p.resource)}"${error}`;
}
