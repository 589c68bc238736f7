// Dead-letter records: events a rule could not deliver to its target, kept as
// EventBridge sends them to a DLQ (the event as the body, and RULE_ARN,
// TARGET_ARN, ERROR_CODE, ERROR_MESSAGE attributes). Persisted as JSON lines
// in the data directory; listed at /_local/dlq.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

export interface DeadLetter {
  readonly messageId: string;
  readonly queueArn: string | null;
  readonly sentAt: string;
  readonly attributes: { readonly RULE_ARN: string; readonly TARGET_ARN: string; readonly ERROR_CODE: string; readonly ERROR_MESSAGE: string };
  readonly body: string;
}

export class DeadLetters {
  readonly #file: string | undefined;
  readonly #letters: DeadLetter[] = [];

  constructor(file: string | undefined) {
    this.#file = file;
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) this.#letters.push(JSON.parse(line) as DeadLetter);
    }
  }

  add(letter: Omit<DeadLetter, 'messageId' | 'sentAt'>): DeadLetter {
    const full: DeadLetter = { messageId: randomUUID(), sentAt: new Date().toISOString(), ...letter };
    this.#letters.push(full);
    if (this.#file) {
      mkdirSync(dirname(this.#file), { recursive: true });
      appendFileSync(this.#file, `${JSON.stringify(full)}\n`);
    }
    return full;
  }

  all(): readonly DeadLetter[] {
    return this.#letters;
  }
}
