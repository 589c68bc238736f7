// A tiny stand-in for the AWS endpoints handlers call in tests, speaking
// their documented wire protocols so the real SDK clients run unmodified:
// - Step Functions, AWS JSON 1.0: POST / with X-Amz-Target AWSStepFunctions.SendTaskSuccess | SendTaskFailure;
//   success is HTTP 200 `{}`, refusals HTTP 400 `{"__type": "...#TaskTimedOut", "message": ...}`.
// - Secrets Manager, AWS JSON 1.1: X-Amz-Target secretsmanager.GetSecretValue with SecretId and VersionStage;
//   a missing stage is HTTP 400 ResourceNotFoundException.
// - EventBridge, AWS JSON 1.1: X-Amz-Target AWSEvents.PutEvents → {FailedEntryCount, Entries: [{EventId}]}.
// - SES v2, REST-JSON: POST /v2/email/outbound-emails → {MessageId}.
// - DynamoDB, AWS JSON 1.0 (X-Amz-Target DynamoDB_20120810.*), only to refuse: while `dynamoDbThrottled`,
//   HTTP 400 `{"__type": "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", "message"}`
//   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly target?: string;
  readonly contentType?: string;
  readonly body: Record<string, unknown>;
}

export interface PutEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly EventBusName?: string;
}

export interface SecretVersion {
  readonly versionId: string;
  readonly value: string;
}

export interface SentEmail {
  readonly to: string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly tags: Record<string, string>;
  readonly from: string;
}

export class FakeAws {
  readonly requests: RecordedRequest[] = [];
  /** Secret versions by stage (AWSCURRENT, AWSPREVIOUS), for any SecretId not in `secretsById`. */
  readonly secrets = new Map<string, SecretVersion>();
  /** Single-version secrets by SecretId (served as AWSCURRENT, VersionId `v1`). */
  readonly secretsById = new Map<string, string>();
  /** Errors the next SendTask* calls answer with, in order (e.g. 'TaskTimedOut'). */
  readonly sfnErrors: string[] = [];
  /** Refuse the next N PutEvents entries as EventBridge does, in a 200 answer: `FailedEntryCount` and per-entry `ErrorCode`. */
  putEventsRefusals = 0;
  /** Answer every DynamoDB call with throttling (real reads and writes go to DynamoDB Local). */
  dynamoDbThrottled = false;
  #server = createServer((req, res) => void this.#serve(req, res));
  endpoint = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  /** Alias of stop(), for tests written against the close() convention. */
  close(): Promise<void> {
    return this.stop();
  }

  /** Every entry PutEvents received, in order. */
  get entries(): PutEntry[] {
    return this.calls('AWSEvents.PutEvents').flatMap((r) => (Array.isArray(r.body.Entries) ? (r.body.Entries as PutEntry[]) : []));
  }

  calls(target: string): RecordedRequest[] {
    return this.requests.filter((r) => r.target === target);
  }

  get emails(): SentEmail[] {
    return this.requests
      .filter((r) => r.path === '/v2/email/outbound-emails')
      .map(({ body }) => {
        const b = body as {
          FromEmailAddress: string;
          Destination: { ToAddresses: string[] };
          Content: { Simple: { Subject: { Data: string }; Body: { Html: { Data: string }; Text: { Data: string } } } };
          EmailTags?: { Name: string; Value: string }[];
        };
        return {
          from: b.FromEmailAddress,
          to: b.Destination.ToAddresses,
          subject: b.Content.Simple.Subject.Data,
          html: b.Content.Simple.Body.Html.Data,
          text: b.Content.Simple.Body.Text.Data,
          tags: Object.fromEntries((b.EmailTags ?? []).map((t) => [t.Name, t.Value])),
        };
      });
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const target = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : undefined;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requests.push({ method: req.method ?? '', path, target, contentType: req.headers['content-type'], body });
    const reply = (status: number, payload: unknown, contentType: string) => {
      res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && path === '/v2/email/outbound-emails') return reply(200, { MessageId: `msg-${randomUUID()}` }, 'application/json');
    if (target?.startsWith('DynamoDB_20120810.') && this.dynamoDbThrottled) {
      return reply(
        400,
        { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded.' },
        'application/x-amz-json-1.0',
      );
    }
    switch (target) {
      case 'AWSStepFunctions.SendTaskSuccess':
      case 'AWSStepFunctions.SendTaskFailure': {
        const error = this.sfnErrors.shift();
        if (error) return reply(400, { __type: `com.amazonaws.swf.service.model.v20160322#${error}`, message: error }, 'application/x-amz-json-1.0');
        return reply(200, {}, 'application/x-amz-json-1.0');
      }
      case 'secretsmanager.GetSecretValue': {
        const stage = typeof body.VersionStage === 'string' ? body.VersionStage : 'AWSCURRENT';
        const byId = this.secretsById.get(String(body.SecretId));
        const version = byId !== undefined ? (stage === 'AWSCURRENT' ? { versionId: 'v1', value: byId } : undefined) : this.secrets.get(stage);
        if (!version) {
          return reply(400, { __type: 'ResourceNotFoundException', Message: `Secrets Manager can't find the specified secret value for staging label: ${stage}` }, 'application/x-amz-json-1.1');
        }
        return reply(
          200,
          { ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${String(body.SecretId)}`, Name: body.SecretId, VersionId: version.versionId, SecretString: version.value, VersionStages: [stage], CreatedDate: 1_790_000_000 },
          'application/x-amz-json-1.1',
        );
      }
      case 'AWSEvents.PutEvents': {
        const entries = Array.isArray(body.Entries) ? body.Entries : [];
        if (this.putEventsRefusals > 0) {
          this.putEventsRefusals -= 1;
          return reply(200, { FailedEntryCount: entries.length, Entries: entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal failure' })) }, 'application/x-amz-json-1.1');
        }
        return reply(200, { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) }, 'application/x-amz-json-1.1');
      }
      default:
        return reply(400, { __type: 'UnknownOperationException', message: `fake-aws does not serve ${target ?? path}` }, 'application/x-amz-json-1.1');
    }
  }
}

export const TEST_AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } as const;

export function startFakeAws(): Promise<FakeAws> {
  return new FakeAws().start();
}
