// The web console on the gateway port, as CloudFront serves it deployed: GET
// and HEAD of a built file under web/dist, index.html for every other path
// without a file extension (the SPA's routes), and /config.json pointing the
// console at this gateway's GraphQL (HTTP and graphql-ws) and development
// tokens. AWS protocol calls never reach here: they are POSTs with
// X-Amz-Target or under /v2/, matched first.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { send } from './http-util.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** What the console reads at start (web/src/config.ts): relative URLs resolve against the page. */
export const LOCAL_CONSOLE_CONFIG = {
  graphqlUrl: '/graphql',
  realtime: { kind: 'graphql-ws', url: '/graphql' },
  auth: { kind: 'local', tokenUrl: '/_local/token' },
} as const;

// The same headers the Web stack's CloudFront response policy sets (lib/constructs/console-site.ts), with ws: for local GraphQL.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export interface ConsoleSite {
  /** True when the request was answered. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
}

export function consoleSite(distDir: string): ConsoleSite {
  const root = normalize(distDir);
  const file = (path: string) => {
    const resolved = normalize(join(root, decodeURIComponent(path)));
    if (resolved !== root && !resolved.startsWith(root + sep)) return undefined;
    return existsSync(resolved) && statSync(resolved).isFile() ? resolved : undefined;
  };
  return {
    serve(req, res, pathname) {
      const method = (req.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') return false;
      const reply = (status: number, body: Buffer | string, type: string, cache: string) => {
        if (method === 'HEAD') {
          res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), 'cache-control': cache, ...SECURITY_HEADERS });
          res.end();
        } else send(res, status, body, { 'content-type': type, 'cache-control': cache, ...SECURITY_HEADERS });
        return true;
      };
      if (pathname === '/config.json') return reply(200, JSON.stringify(LOCAL_CONSOLE_CONFIG), TYPES['.json'] ?? '', 'no-store');
      let path: string | undefined;
      try {
        path = pathname === '/' ? undefined : file(pathname);
      } catch {
        return false; // malformed percent-encoding: not a console file
      }
      if (path) {
        const hashed = pathname.startsWith('/assets/');
        return reply(200, readFileSync(path), TYPES[extname(path)] ?? 'application/octet-stream', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      }
      if (extname(pathname) !== '') return false;
      const index = file('/index.html');
      if (!index) return reply(503, 'The console is not built: run `npm start` (it builds web/ when stale).', 'text/plain; charset=utf-8', 'no-store');
      return reply(200, readFileSync(index), TYPES['.html'] ?? '', 'no-cache');
    },
  };
}
