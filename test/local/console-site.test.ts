// The gateway's web console: built files and SPA paths for GET and HEAD,
// config.json for the local endpoints, and nothing outside the build folder;
// what is not the console's (other methods, unknown files) falls through.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSite, LOCAL_CONSOLE_CONFIG } from '../../local/gateway/console-site.ts';
import { parseConfig } from '../../web/src/config.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'console-site-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the build');
  const site = consoleSite(dist);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!site.serve(req, res, url.pathname)) {
      res.writeHead(404, { 'x-fell-through': 'yes' });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the console on the gateway', () => {
  it('GIVEN an SPA path or /, THEN index.html, not cached, with the security headers', async () => {
    for (const path of ['/', '/campaigns/cmp-1', '/calendar']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('GIVEN a hashed asset, THEN it is served immutable with its type; HEAD sends the headers only', async () => {
    const response = await fetch(`${base}/assets/index-abc.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('console.log(1)');
    const head = await fetch(`${base}/assets/index-abc.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('14');
    expect(await head.text()).toBe('');
  });

  it('GIVEN config.json, THEN it points the console at this gateway, and the console accepts it', async () => {
    const response = await fetch(`${base}/config.json`);
    const body = (await response.json()) as unknown;
    expect(body).toEqual(LOCAL_CONSOLE_CONFIG);
    const parsed = parseConfig(body, new URL(`${base}/calendar`));
    expect(parsed).toEqual({ graphqlUrl: `${base}/graphql`, realtime: { kind: 'graphql-ws', url: `${base.replace('http', 'ws')}/graphql` }, auth: { kind: 'local', tokenUrl: `${base}/_local/token` } });
  });

  it('GIVEN a path that escapes the build folder, an unknown file or another method, THEN the console does not answer', async () => {
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/missing.js', '/%E0%A4%A']) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status, fell: response.headers.get('x-fell-through') }).toEqual({ path, status: 404, fell: 'yes' });
    }
    const post = await fetch(`${base}/`, { method: 'POST', body: '{}' });
    expect(post.headers.get('x-fell-through')).toBe('yes');
  });

  it('GIVEN a deployed config.json without some field, THEN the console refuses it by name', () => {
    expect(() => parseConfig({ graphqlUrl: 'https://x/graphql', realtime: { kind: 'poll' }, auth: { kind: 'cognito', authority: 'https://idp', clientId: '' } }, new URL('https://d.example/'))).toThrow(/clientId/);
    expect(parseConfig({ graphqlUrl: 'https://x/graphql', realtime: { kind: 'poll', intervalMs: 5 }, auth: { kind: 'local', tokenUrl: '/t' } }, new URL('https://d.example/')).realtime).toEqual({ kind: 'poll', intervalMs: 10_000 });
  });
});
