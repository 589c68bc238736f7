// A metering proxy in front of DynamoDB Local, for the cost benchmark only:
// every request the app makes passes through it, is counted by operation,
// and is sent on with `ReturnConsumedCapacity: TOTAL` so DynamoDB Local
// reports the read and write units it would bill (item sizes and index
// writes included). The functions are not changed; they are pointed at this
// endpoint instead of DynamoDB Local's.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export interface DynamoDbUsage {
  /** Requests by operation name (GetItem, Query, …). */
  readonly requests: Readonly<Record<string, number>>;
  readonly readRequests: number;
  readonly writeRequests: number;
  /** Read request units as DynamoDB reported them (on-demand bills these). */
  readonly readUnits: number;
  /** Write request units as DynamoDB reported them, index writes included. */
  readonly writeUnits: number;
}

interface Counters {
  requests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

export interface DynamoDbMeter {
  readonly endpoint: string;
  /** What passed through since the last reset. */
  usage(): DynamoDbUsage;
  reset(): void;
  stop(): Promise<void>;
}

/** Sums `ConsumedCapacity` (an object, or an array for batch and transact calls). */
export function capacityUnits(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum: number, c: unknown) => sum + (typeof (c as { CapacityUnits?: unknown }).CapacityUnits === 'number' ? (c as { CapacityUnits: number }).CapacityUnits : 0), 0);
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startDynamoDbMeter(target: string): Promise<DynamoDbMeter> {
  const upstream = new URL(target);
  let counters: Counters = { requests: {}, readUnits: 0, writeUnits: 0 };
  const server: Server = createServer((req, res) => {
    void (async () => {
      let body = await readBody(req);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
      const metered = READS.has(operation) || WRITES.has(operation);
      if (metered) {
        try {
          const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          json.ReturnConsumedCapacity = 'TOTAL';
          body = Buffer.from(JSON.stringify(json));
        } catch {
          // Not JSON: forward untouched.
        }
      }
      counters.requests[operation] = (counters.requests[operation] ?? 0) + 1;
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      const forward = httpRequest({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (reply) => {
        void readBody(reply).then((answer) => {
          if (metered && reply.statusCode === 200) {
            try {
              const units = capacityUnits((JSON.parse(answer.toString('utf8')) as { ConsumedCapacity?: unknown }).ConsumedCapacity);
              if (READS.has(operation)) counters.readUnits += units;
              else counters.writeUnits += units;
            } catch {
              // An answer without JSON bills nothing we can see.
            }
          }
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          res.end(answer);
        });
      });
      forward.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: error.message }));
      });
      forward.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    usage() {
      const entries = Object.entries(counters.requests);
      const count = (set: Set<string>) => entries.filter(([op]) => set.has(op)).reduce((s, [, n]) => s + n, 0);
      return { requests: { ...counters.requests }, readRequests: count(READS), writeRequests: count(WRITES), readUnits: counters.readUnits, writeUnits: counters.writeUnits };
    },
    reset() {
      counters = { requests: {}, readUnits: 0, writeUnits: 0 };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
