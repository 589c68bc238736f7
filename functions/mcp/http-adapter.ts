// The MCP endpoint over API Gateway HTTP API (payload format 2.0): the v2
// event becomes a web Request for the SDK's Streamable HTTP transport in
// stateless mode (no session ID, JSON responses, a fresh server and transport
// per request), and its Response becomes the v2 result. Before the SDK sees
// anything: the RFC 9728 metadata document, the Origin check against DNS
// rebinding, 405 for anything but POST, the body-size cap, and the bearer
// token (401 with the `WWW-Authenticate` challenge MCP clients follow).
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../shared/observability.ts';
import type { BearerVerifier } from './bearer-auth.ts';
import { createMcpServer, type McpDeps } from './mcp-server.ts';
import { challenge, metadataDocument, type ProtectedResource } from './protected-resource.ts';

/** Tool arguments are small (a brief is under 10 KB); anything far bigger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface McpEndpoint {
  readonly deps: McpDeps;
  readonly verify: BearerVerifier;
  readonly resource: ProtectedResource;
  /** Browser origins allowed to call (the console's); requests without an Origin header are not from a browser page. */
  readonly allowedOrigins: readonly string[];
}

type Result = APIGatewayProxyStructuredResultV2;

function jsonRpcError(statusCode: number, code: number, message: string, headers: Record<string, string> = {}): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }),
  };
}

function originAllowed(endpoint: McpEndpoint, origin: string | undefined): boolean {
  if (origin === undefined) return true;
  return origin === new URL(endpoint.resource.resource).origin || endpoint.allowedOrigins.includes(origin);
}

export async function serveMcp(endpoint: McpEndpoint, event: APIGatewayProxyEventV2): Promise<Result> {
  const method = event.requestContext.http.method.toUpperCase();
  const path = event.rawPath;
  if (path.startsWith('/.well-known/oauth-protected-resource')) {
    if (method !== 'GET') return jsonRpcError(405, -32000, 'Method not allowed', { allow: 'GET' });
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'max-age=3600' }, body: JSON.stringify(metadataDocument(endpoint.resource)) };
  }
  // A page on a rebinding domain can reach a local server; it cannot forge its Origin.
  if (!originAllowed(endpoint, event.headers.origin)) return jsonRpcError(403, -32000, 'Forbidden: this Origin may not call the MCP server');
  // Stateless: no SSE stream to open (GET) and no session to end (DELETE).
  if (method !== 'POST') return jsonRpcError(405, -32000, 'Method not allowed: this MCP server is stateless and accepts POST only', { allow: 'POST' });

  const caller = await endpoint.verify(event.headers.authorization);
  if (!caller) {
    const invalid = event.headers.authorization !== undefined;
    return jsonRpcError(401, -32001, invalid ? 'Unauthorized: the bearer token is not valid' : 'Unauthorized: sign in and send a bearer token', {
      'www-authenticate': challenge(endpoint.resource, invalid),
    });
  }

  const body = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return jsonRpcError(413, -32600, `Request too large: at most ${MAX_BODY_BYTES} bytes`);

  logger.appendKeys({ tenantId: caller.tenantId });
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers)) if (value !== undefined && name !== 'content-length') headers.set(name, value);
  const request = new Request(endpoint.resource.resource, { method: 'POST', headers, body });

  const server = createMcpServer(endpoint.deps, caller);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  try {
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    return { statusCode: response.status, headers: out, body: await response.text() };
  } finally {
    await server.close();
  }
}
