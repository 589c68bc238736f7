// SES v2 SendEmail (REST-JSON, `POST /v2/email/outbound-emails`), simple
// content only, feeding the local outbox. Errors use REST-JSON's shape:
// `x-amzn-ErrorType` plus a `message` body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError } from '../aws-error.ts';
import type { Outbox } from './outbox.ts';
import { readBody, sendAwsError, sendJson } from './http-util.ts';

interface SendEmailRequest {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string }; Html?: { Data?: string } } }; Raw?: unknown; Template?: unknown };
  EmailTags?: { Name: string; Value: string }[];
}

export async function serveSesV2(req: IncomingMessage, res: ServerResponse, path: string, outbox: Outbox): Promise<void> {
  try {
    if (req.method !== 'POST' || path !== '/v2/email/outbound-emails') throw new AwsServiceError('NotFoundException', `The local SES endpoint serves SendEmail only, not ${req.method} ${path}`, 404);
    const request = JSON.parse((await readBody(req)).toString('utf8') || '{}') as SendEmailRequest;
    const simple = request.Content?.Simple;
    if (!simple) throw new AwsServiceError('BadRequestException', 'The local outbox accepts Simple content only');
    const to = request.Destination?.ToAddresses ?? [];
    if (!request.FromEmailAddress) throw new AwsServiceError('BadRequestException', 'FromEmailAddress is required');
    if (to.length + (request.Destination?.CcAddresses?.length ?? 0) + (request.Destination?.BccAddresses?.length ?? 0) === 0) {
      throw new AwsServiceError('BadRequestException', 'Destination needs at least one address');
    }
    const mail = outbox.add({
      from: request.FromEmailAddress,
      to,
      cc: request.Destination?.CcAddresses ?? [],
      bcc: request.Destination?.BccAddresses ?? [],
      subject: simple.Subject?.Data ?? '',
      html: simple.Body?.Html?.Data ?? null,
      text: simple.Body?.Text?.Data ?? null,
      tags: Object.fromEntries((request.EmailTags ?? []).map((t) => [t.Name, t.Value])),
    });
    sendJson(res, 200, { MessageId: mail.messageId });
  } catch (error) {
    sendAwsError(res, error instanceof SyntaxError ? new AwsServiceError('BadRequestException', 'The request body is not valid JSON') : error, 'application/json');
  }
}
