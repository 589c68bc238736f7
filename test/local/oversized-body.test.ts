// Oversized request bodies on the gateway's HTTP API routes (the Workfront
// webhook, the approval pages): 413 before any function runs, with or without
// a token, whether the size is declared up front or only found while reading
// a chunked body — and the keep-alive connection is not left half-read, so
// the next request is served.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../local/gateway/http-util.ts';
import { matchRoute, serveRoute } from '../../local/gateway/http-api.ts';
import type { LambdaRunner } from '../../local/lambda/lambda-runner.ts';

const ROUTES = [{ routeKey: 'POST /webhooks/workfront', method: 'POST', path: '/webhooks/workfront', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:webhook', payloadFormatVersion: '2.0' }];
const invoked: unknown[] = [];
// The function stands in for the webhook Lambda: what matters is whether it is reached at all.
const lambda = {
  find: () => ({ name: 'webhook' }),
  invoke: async (_name: string, event: unknown) => {
    invoked.push(event);
    return { ok: true, payload: { statusCode: 202, body: 'accepted' } };
  },
} as unknown as LambdaRunner;

let server: Server;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const matched = matchRoute(ROUTES, req.method ?? 'GET', url.pathname);
    if (matched) void serveRoute(req, res, url, matched, lambda);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** POSTs `size` bytes through the one keep-alive socket, declared (Content-Length) or chunked. */
function postBody(size: number, declared: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/webhooks/workfront?tenant=acme', method: 'POST', agent, headers: { 'content-type': 'application/json', ...(declared ? { 'content-length': String(size) } : {}) } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('oversized bodies on HTTP API routes', () => {
  it.each([
    ['declared by Content-Length', true],
    ['found while reading a chunked body', false],
  ])('GIVEN a body over the limit %s THEN 413, no function runs, and the next request is served', async (_how, declared) => {
    const before = invoked.length;
    const big = await postBody(MAX_BODY_BYTES + 1024, declared);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toEqual({ message: 'Request Entity Too Large' });
    expect(invoked.length).toBe(before);
    const next = await postBody(100, true);
    expect(next).toEqual({ status: 202, body: 'accepted' });
    expect(invoked.length).toBe(before + 1);
  });
});
