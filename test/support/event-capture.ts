// A tiny local EventBridge endpoint: answers PutEvents (AWS JSON 1.1) and
// keeps every entry, so tests see the Campaign Updated events a real
// EventBridgeClient sends.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedEvent {
  readonly source: string;
  readonly detailType: string;
  readonly busName: string;
  readonly detail: Record<string, unknown>;
}

export class EventCapture {
  readonly events: CapturedEvent[] = [];
  #server: Server | undefined;

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        if (target !== 'AWSEvents.PutEvents') {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'UnknownOperationException' }));
          return;
        }
        const entries = (JSON.parse(body) as { Entries: Array<{ Source: string; DetailType: string; EventBusName: string; Detail: string }> }).Entries;
        for (const e of entries) {
          this.events.push({ source: e.Source, detailType: e.DetailType, busName: e.EventBusName, detail: JSON.parse(e.Detail) as Record<string, unknown> });
        }
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `event-${this.events.length}-${i}` })) }));
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  statusesOf(campaignId: string): unknown[] {
    return this.events.filter((e) => e.detail.campaignId === campaignId).map((e) => e.detail.status);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
