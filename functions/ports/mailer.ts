// The mailer port: how use cases send e-mail without knowing SES. One
// adapter (SES v2); locally its endpoint is the local runtime's outbox.

export interface MailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Delivery-event tags (SES EmailTags), e.g. campaignId, tenantId, kind. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface Mailer {
  /** Resolves with the provider's message ID once the message is accepted for delivery. */
  send(message: MailMessage): Promise<{ readonly messageId?: string }>;
}
