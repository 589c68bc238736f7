// A tiny AWS JSON-protocol endpoint for tests: records EventBridge PutEvents
// entries and serves Secrets Manager GetSecretValue from a map, so handlers run
// their real SDK clients (pointed here by AWS_ENDPOINT_URL_* variables).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PutEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly EventBusName?: string;
}

export interface FakeAws {
  readonly endpoint: string;
  readonly entries: PutEntry[];
  readonly secrets: Map<string, string>;
  close(): Promise<void>;
}

export async function startFakeAws(): Promise<FakeAws> {
  const entries: PutEntry[] = [];
  const secrets = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const reply = (status: number, payload: unknown) =>
        res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' }).end(JSON.stringify(payload));
      if (target === 'AWSEvents.PutEvents') {
        const batch = (body.Entries ?? []) as PutEntry[];
        entries.push(...batch);
        return reply(200, { FailedEntryCount: 0, Entries: batch.map((_, i) => ({ EventId: `evt-${entries.length + i}` })) });
      }
      if (target === 'secretsmanager.GetSecretValue') {
        const value = secrets.get(String(body.SecretId));
        if (value === undefined) return reply(400, { __type: 'ResourceNotFoundException', message: 'not found' });
        return reply(200, { ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${String(body.SecretId)}`, SecretString: value, VersionId: 'v1' });
      }
      reply(400, { __type: 'UnknownOperationException', message: target });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    entries,
    secrets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
