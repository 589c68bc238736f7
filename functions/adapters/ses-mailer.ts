// The Mailer port over Amazon SES v2 SendEmail (Simple content: HTML + text).
// Locally the same client reaches the local runtime's outbox through
// AWS_ENDPOINT_URL_SESV2; there is no second mailer.
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailMessage, Mailer } from '../ports/mailer.ts';

/** SES tag names and values allow only ASCII letters, digits, `_` and `-` (and at most 256 characters). */
function tagSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}

export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #from: string;

  constructor(client: SESv2Client, fromAddress: string) {
    this.#client = client;
    this.#from = fromAddress;
  }

  async send(message: MailMessage): Promise<{ messageId?: string }> {
    const result = await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: this.#from,
        Destination: { ToAddresses: [...message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: message.html, Charset: 'UTF-8' }, Text: { Data: message.text, Charset: 'UTF-8' } },
          },
        },
        EmailTags: Object.entries(message.tags).map(([name, value]) => ({ Name: tagSafe(name), Value: tagSafe(value) })),
      }),
    );
    return result.MessageId ? { messageId: result.MessageId } : {};
  }
}
