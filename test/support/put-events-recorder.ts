// A tiny local endpoint speaking the AWS JSON 1.1 protocol for EventBridge's
// PutEvents (X-Amz-Target: AWSEvents.PutEvents), so a real EventBridgeClient
// can be pointed at it and each entry it sent can be asserted.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';

export interface RecordedEntry {
  readonly EventBusName?: string;
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
}

export interface PutEventsRecorder {
  readonly client: EventBridgeClient;
  readonly entries: RecordedEntry[];
  close(): Promise<void>;
}

export async function startPutEventsRecorder(): Promise<PutEventsRecorder> {
  const entries: RecordedEntry[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'UnknownOperationException' }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: RecordedEntry[] };
      entries.push(...body.Entries);
      res
        .writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
        .end(JSON.stringify({ FailedEntryCount: 0, Entries: body.Entries.map(() => ({ EventId: randomUUID() })) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    client: new EventBridgeClient({ endpoint: `http://127.0.0.1:${port}`, ...LOCAL_AWS }),
    entries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
