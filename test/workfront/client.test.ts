// The Workfront client against the sandbox over real HTTP: IMS OAuth and token
// caching, the documented envelopes, error mapping and retries.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyAuth, ImsTokenAuth } from '../../functions/workfront/auth.ts';
import { WorkfrontClient } from '../../functions/workfront/client.ts';
import {
  WorkfrontAuthError,
  WorkfrontRequestError,
  WorkfrontThrottledError,
  WorkfrontUnavailableError,
} from '../../functions/workfront/errors.ts';
import { toStepFunctionsError } from '../../functions/shared/step-handler.ts';
import { listen, type WorkfrontSandbox } from '../../local/workfront-sandbox/index.ts';

const CLIENT = { clientId: 'mcc-test', clientSecret: 's3cret' };
let sandbox: WorkfrontSandbox;
let url: string;
let close: () => Promise<void>;
let sleeps: number[];

beforeAll(async () => {
  ({ sandbox, url, close } = await listen({ clients: [CLIENT], apiKeys: ['sandbox-key'] }));
});
afterAll(() => close());
beforeEach(() => {
  sleeps = [];
});

function oauthClient(now: () => number = Date.now, clientSecret = CLIENT.clientSecret) {
  const auth = new ImsTokenAuth({ imsUrl: url, credentials: async () => ({ ...CLIENT, clientSecret, scopes: ['openid', 'AdobeID'] }), now });
  return new WorkfrontClient({
    baseUrl: url,
    apiVersion: 'v22.0',
    auth,
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 2_000 },
    sleep: async (ms) => void sleeps.push(ms),
  });
}

describe('OAuth Server-to-Server', () => {
  it('fetches one IMS token and reuses it until shortly before it expires', async () => {
    let now = 1_000_000;
    const client = oauthClient(() => now);
    const before = sandbox.stats.tokensIssued;
    await client.search('PROJ', { name: 'nothing' });
    await client.search('PROJ', { name: 'nothing' });
    expect(sandbox.stats.tokensIssued - before).toBe(1);
    now += 86_399_000 - 200_000; // inside the 5-minute renewal margin
    await client.search('PROJ', { name: 'nothing' });
    expect(sandbox.stats.tokensIssued - before).toBe(2);
  });

  it('shares one token request between concurrent callers', async () => {
    const client = oauthClient();
    const before = sandbox.stats.tokensIssued;
    await Promise.all([1, 2, 3, 4].map(() => client.search('PROJ', { name: 'x' })));
    expect(sandbox.stats.tokensIssued - before).toBe(1);
  });

  it('names refused client credentials as WorkfrontAuthError', async () => {
    await expect(oauthClient(Date.now, 'wrong').search('PROJ', {})).rejects.toBeInstanceOf(WorkfrontAuthError);
  });
});

describe('envelopes', () => {
  it('creates, reads and finds a project by extRefID through the data envelope', async () => {
    const client = oauthClient();
    const created = await client.createProject({ name: 'Spring launch', extRefID: 'cmp-env-1', plannedStartDate: '2027-02-15T09:00:00.000Z' });
    expect(created).toMatchObject({ ID: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Spring launch', objCode: 'PROJ', status: 'CUR' });
    expect(await client.getProject(created.ID)).toMatchObject({ ID: created.ID, extRefID: 'cmp-env-1' });
    expect((await client.findByExtRefId('PROJ', 'cmp-env-1'))?.ID).toBe(created.ID);
    expect(await client.findByExtRefId('PROJ', 'cmp-missing')).toBeUndefined();
    const task = await client.createTask({ name: 'E-mail 1', projectID: created.ID, extRefID: 'post-1' });
    expect(await client.search('TASK', { projectID: created.ID })).toEqual([expect.objectContaining({ ID: task.ID, extRefID: 'post-1' })]);
  });

  it('authenticates with an API key in apikey mode, and maps a 401 error envelope to WorkfrontAuthError', async () => {
    const good = new WorkfrontClient({ baseUrl: url, apiVersion: 'v22.0', auth: new ApiKeyAuth(async () => ({ apiKey: 'sandbox-key' })) });
    await expect(good.search('PROJ', {})).resolves.toBeInstanceOf(Array);
    const bad = new WorkfrontClient({ baseUrl: url, apiVersion: 'v22.0', auth: new ApiKeyAuth(async () => ({ apiKey: 'nope' })) });
    await expect(bad.search('PROJ', {})).rejects.toBeInstanceOf(WorkfrontAuthError);
  });
});

describe('errors and retries', () => {
  it('retries a 429, waiting at least what Retry-After asks, then succeeds', async () => {
    const client = oauthClient();
    await client.search('PROJ', {}); // token first, so the fault hits the REST call
    const before = sandbox.stats.apiRequests;
    sandbox.failNext({ status: 429, retryAfter: '1' });
    await expect(client.search('PROJ', {})).resolves.toBeInstanceOf(Array);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(1_000);
    expect(sandbox.stats.apiRequests - before).toBe(1); // the faulted request is answered before counting
  });

  it('gives up after the last attempt with Throttled for 429 and DependencyUnavailable for 5xx', async () => {
    const client = oauthClient();
    await client.search('PROJ', {});
    sandbox.failNext({ status: 429 }, 4);
    const throttled = await client.search('PROJ', {}).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(WorkfrontThrottledError);
    expect(toStepFunctionsError(throttled).name).toBe('Throttled');
    expect(sleeps).toHaveLength(3);

    sandbox.failNext({ status: 503 }, 4);
    const unavailable = await client.search('PROJ', {}).catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(WorkfrontUnavailableError);
    expect(toStepFunctionsError(unavailable).name).toBe('DependencyUnavailable');
  });

  it('does not wait out a Retry-After longer than its ceiling inside the function', async () => {
    const client = oauthClient();
    await client.search('PROJ', {});
    sleeps = [];
    sandbox.failNext({ status: 429, retryAfter: '120' });
    await expect(client.search('PROJ', {})).rejects.toBeInstanceOf(WorkfrontThrottledError);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a rejected request, and keeps the error class and message from the envelope', async () => {
    const client = oauthClient();
    await client.search('PROJ', {});
    const before = sandbox.stats.apiRequests;
    const error = await client.createProject({ description: 'no name' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkfrontRequestError);
    expect(error).toMatchObject({ status: 422, errorClass: 'com.attask.common.ValidationException' });
    expect(toStepFunctionsError(error).name).toBe('WorkfrontRequestRejected');
    expect(sandbox.stats.apiRequests - before).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('times out a request that never answers and reports the dependency unavailable', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const client = new WorkfrontClient({
        baseUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
        apiVersion: 'v22.0',
        auth: new ApiKeyAuth(async () => ({ apiKey: 'k' })),
        timeoutMs: 100,
        retry: { maxAttempts: 2, baseDelayMs: 1 },
      });
      await expect(client.search('PROJ', {})).rejects.toBeInstanceOf(WorkfrontUnavailableError);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});
