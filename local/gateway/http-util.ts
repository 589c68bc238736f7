// Small HTTP helpers shared by the gateway's protocols.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError } from '../aws-error.ts';

/** The most a request may carry: Lambda's 6 MB invocation payload, which is what a local route's body becomes. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

export class PayloadTooLargeError extends AwsServiceError {
  constructor(limit: number) {
    super('RequestEntityTooLarge', `Request Entity Too Large: the body is over ${limit} bytes`, 413);
  }
}

/**
 * The whole body, or PayloadTooLargeError as soon as it passes `limit` (at
 * once when Content-Length says so). The rest of an oversized body is read
 * and dropped rather than left on the socket, so the 413 reaches the client
 * and the connection is not left half-read for the next request on it.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    if (over) reject(new PayloadTooLargeError(limit));
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      over = true;
      chunks.length = 0;
      reject(new PayloadTooLargeError(limit));
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** 413 in API Gateway's words; the connection closes after it (the client may still be sending). */
export function sendTooLarge(res: ServerResponse): void {
  send(res, 413, JSON.stringify({ message: 'Request Entity Too Large' }), { 'content-type': 'application/json', connection: 'close' });
}

export function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, contentType = 'application/json'): void {
  send(res, status, JSON.stringify(value), { 'content-type': contentType });
}

/** AWS JSON / REST-JSON error: the code in `__type` and `x-amzn-ErrorType`, the text in `message`. */
export function sendAwsError(res: ServerResponse, error: unknown, contentType = 'application/x-amz-json-1.1'): void {
  const known = error instanceof AwsServiceError ? error : new AwsServiceError('InternalFailure', error instanceof Error ? error.message : String(error), 500);
  send(res, known.statusCode, JSON.stringify({ __type: known.code, message: known.message }), {
    'content-type': contentType,
    'x-amzn-errortype': known.code,
    'x-amzn-requestid': crypto.randomUUID(),
  });
}

export const epochSeconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
