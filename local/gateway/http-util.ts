// Small HTTP helpers shared by the gateway's protocols.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError } from '../aws-error.ts';

export async function readBody(req: IncomingMessage, limit = 6 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new AwsServiceError('RequestEntityTooLarge', 'Request body too large', 413);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
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
