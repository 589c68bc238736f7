// agentFromConfig starts indexing the local agent's knowledge at cold start
// only when asked: the GraphQL resolver must not read the knowledge bucket on
// every cold start when most of its calls never reach the agent.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { agentFromConfig } from '../../functions/adapters/agent-from-config.ts';

let requests = 0;
const server = createServer((req, res) => {
  requests += 1;
  res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchBucket</Code></Error>');
});
const SDK_ENV = ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const;
const saved = Object.fromEntries(SDK_ENV.map((k) => [k, process.env[k]]));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The S3 client reads its endpoint and credentials from the process environment, as in Lambda.
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
});
afterAll(async () => {
  for (const key of SDK_ENV) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await new Promise((resolve) => server.close(resolve));
});

const env = { AGENT_PROVIDER: 'local', KNOWLEDGE_BUCKET: 'knowledge', S3_FORCE_PATH_STYLE: 'true' };
// Only the negative case waits a fixed time: nothing can be awaited for "no request"; the
// positive case waits for the request itself, so a loaded machine cannot fail it.
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('agentFromConfig warm-up', () => {
  it('GIVEN warm: false THEN nothing is read until the agent is used', async () => {
    requests = 0;
    agentFromConfig({ ...process.env, ...env }, { warm: false });
    await settle();
    expect(requests).toBe(0);
  });

  it('GIVEN the default THEN the knowledge bucket is read at cold start', async () => {
    requests = 0;
    agentFromConfig({ ...process.env, ...env });
    await vi.waitFor(() => expect(requests).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
  });
});
