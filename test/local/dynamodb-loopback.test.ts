// DynamoDB Local holds every tenant's data and the task tokens: like the
// gateway and s3rver it must listen on the loopback address only, never on
// every interface (issue 21). Read from the kernel's own socket table.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/free-port.ts';

/** Local addresses of the sockets listening on `port` (Linux /proc/net/tcp{,6}; state 0A = LISTEN). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) out.push(local.split(':')[0] ?? '');
    }
  }
  return out;
}

/** 127.0.0.1 as /proc writes it: little-endian IPv4, or IPv4-mapped in IPv6. */
const LOOPBACK = new Set(['0100007F', '0000000000000000FFFF00000100007F']);

describe('DynamoDB Local', () => {
  let dynamo: RunningDynamoDb;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    dynamo = await startDynamoDbLocal({ port });
  }, 120_000);
  afterAll(() => dynamo.stop());

  it('listens on 127.0.0.1 only and answers there', async () => {
    const addresses = listeners(port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(LOOPBACK.has(address), `listening on ${address}`).toBe(true);
    const res = await fetch(`${dynamo.endpoint}/`, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0', authorization: 'AWS4-HMAC-SHA256 Credential=local/20270101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' }, body: '{}' });
    expect(res.status).toBe(200);
  });
});
