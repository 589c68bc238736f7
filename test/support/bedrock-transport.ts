// A scripted HTTP transport for the Bedrock agent runtime client: each call
// gets the next scripted HTTP response, built from the documented wire
// formats — event-stream frames (AWS event stream encoding, via the SDK's own
// codec) for InvokeAgent, JSON for Retrieve and for errors. The SDK parses
// them exactly as it parses AWS's answers.
import { Readable } from 'node:stream';
import { EventStreamCodec, type MessageHeaders } from '@smithy/core/event-streams';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });

export type Frame = Uint8Array;

function frame(headers: MessageHeaders, payload: unknown): Frame {
  return codec.encode({ headers: { ...headers, ':content-type': str('application/json') }, body: fromUtf8(JSON.stringify(payload)) });
}

/** A `chunk` event: PayloadPart `{ bytes (base64), attribution }`. */
export function chunkEvent(bytes: Uint8Array, attribution?: unknown): Frame {
  return frame(
    { ':message-type': str('event'), ':event-type': str('chunk') },
    { bytes: Buffer.from(bytes).toString('base64'), ...(attribution ? { attribution } : {}) },
  );
}

export function traceEvent(trace: unknown): Frame {
  return frame({ ':message-type': str('event'), ':event-type': str('trace') }, { agentId: 'PLANNER', trace });
}

/** A `returnControl` event: ReturnControlPayload `{ invocationId, invocationInputs: [{ functionInvocationInput }] }`. */
export function returnControlEvent(payload: unknown): Frame {
  return frame({ ':message-type': str('event'), ':event-type': str('returnControl') }, payload);
}

/** An exception event inside the stream, e.g. `throttlingException`. */
export function exceptionEvent(member: string, message: string): Frame {
  return frame({ ':message-type': str('exception'), ':exception-type': str(member) }, { message });
}

export function streamResponse(frames: readonly Frame[], sessionId = 'acme.cmp-1'): HttpResponse {
  return new HttpResponse({
    statusCode: 200,
    headers: {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-bedrock-agent-content-type': 'application/json',
      'x-amz-bedrock-agent-session-id': sessionId,
    },
    body: Readable.from(frames.map((f) => Buffer.from(f))),
  });
}

export function jsonResponse(statusCode: number, body: unknown, errorType?: string): HttpResponse {
  return new HttpResponse({
    statusCode,
    headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
    body: Readable.from([Buffer.from(JSON.stringify(body))]),
  });
}

export class ScriptedTransport {
  readonly requests: HttpRequest[] = [];
  readonly #replies: Array<() => HttpResponse>;

  constructor(replies: Array<() => HttpResponse>) {
    this.#replies = [...replies];
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    this.requests.push(request);
    const next = this.#replies.shift();
    if (!next) throw new Error(`no scripted reply for request ${this.requests.length}`);
    return { response: next() };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  bodyOf(n: number): Record<string, unknown> {
    const body: unknown = this.requests[n]?.body;
    const text = body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : String(body);
    return JSON.parse(text) as Record<string, unknown>;
  }
}
