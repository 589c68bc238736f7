// The e-mail outbox: what SES v2 SendEmail would have sent, kept in the data
// directory and shown at /_local/outbox. For approval mails it picks out the
// approve / reject links so a person (or a test) can follow them.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

export interface OutboxMail {
  readonly messageId: string;
  readonly sentAt: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly html: string | null;
  readonly text: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly campaignId: string | null;
  readonly links: { readonly approve: string | null; readonly reject: string | null; readonly all: readonly string[] };
}

/** Links to approval pages: the explicit `decision=approve|reject` variants when present, else the first approval link. */
export function approvalLinks(html: string | null, text: string | null): OutboxMail['links'] {
  const found = new Set<string>();
  const source = `${html ?? ''}\n${text ?? ''}`;
  for (const match of source.matchAll(/https?:\/\/[^\s"'<>]+\/approvals\/[^\s"'<>]+/g)) found.add(match[0].replace(/&amp;/g, '&'));
  const all = [...found];
  const first = all[0] ?? null;
  return {
    approve: all.find((l) => /[?&]decision=approve\b/.test(l)) ?? first,
    reject: all.find((l) => /[?&]decision=reject\b/.test(l)) ?? first,
    all,
  };
}

export class Outbox {
  readonly #file: string | undefined;
  readonly #mails: OutboxMail[] = [];

  constructor(file: string | undefined) {
    this.#file = file;
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) this.#mails.push(JSON.parse(line) as OutboxMail);
    }
  }

  add(mail: Omit<OutboxMail, 'messageId' | 'sentAt' | 'links' | 'campaignId'>): OutboxMail {
    const full: OutboxMail = {
      messageId: randomUUID(),
      sentAt: new Date().toISOString(),
      ...mail,
      campaignId: mail.tags.campaignId ?? null,
      links: approvalLinks(mail.html, mail.text),
    };
    this.#mails.push(full);
    if (this.#file) {
      mkdirSync(dirname(this.#file), { recursive: true });
      appendFileSync(this.#file, `${JSON.stringify(full)}\n`);
    }
    return full;
  }

  all(): readonly OutboxMail[] {
    return this.#mails;
  }
}
