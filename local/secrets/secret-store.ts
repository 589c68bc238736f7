// Secrets Manager, locally: the template's secrets, with values generated the
// way GenerateSecretString describes (length, excluded characters, JSON
// template plus generated key) and kept in the data directory so they survive
// restarts (a signing key that changed on every start would void every
// e-mailed link). Versions carry stages; putting a new value moves AWSCURRENT
// to it and the old one to AWSPREVIOUS, as rotation does.
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwsServiceError } from '../aws-error.ts';
import type { LocalSecret } from '../template/app-model.ts';

interface SecretVersion {
  readonly versionId: string;
  readonly value: string;
  stages: string[];
  readonly createdAt: number;
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  versions: SecretVersion[];
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export function generatePassword(spec: NonNullable<LocalSecret['generate']>): string {
  let alphabet = '';
  if (!spec.ExcludeUppercase) alphabet += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  if (!spec.ExcludeLowercase) alphabet += 'abcdefghijklmnopqrstuvwxyz';
  if (!spec.ExcludeNumbers) alphabet += '0123456789';
  if (!spec.ExcludePunctuation) alphabet += PUNCTUATION;
  if (spec.IncludeSpace) alphabet += ' ';
  const excluded = new Set(spec.ExcludeCharacters ?? '');
  const chars = [...alphabet].filter((c) => !excluded.has(c));
  if (chars.length === 0) throw new Error('GenerateSecretString excludes every character');
  const length = spec.PasswordLength ?? 32;
  return Array.from({ length }, () => chars[randomInt(chars.length)]).join('');
}

function initialValue(secret: LocalSecret): string {
  if (secret.secretString !== undefined) return secret.secretString;
  const spec = secret.generate ?? {};
  const password = generatePassword(spec);
  if (spec.SecretStringTemplate && spec.GenerateStringKey) {
    return JSON.stringify({ ...(JSON.parse(spec.SecretStringTemplate) as Record<string, unknown>), [spec.GenerateStringKey]: password });
  }
  return password;
}

export class SecretStore {
  readonly #file: string | undefined;
  readonly #secrets: StoredSecret[];

  constructor(secrets: readonly LocalSecret[], file: string | undefined) {
    this.#file = file;
    const persisted = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredSecret[]) : [];
    this.#secrets = secrets.map((secret) => {
      const kept = persisted.find((p) => p.arn === secret.arn);
      if (kept) return kept;
      return { name: secret.name, arn: secret.arn, versions: [{ versionId: randomUUID(), value: initialValue(secret), stages: ['AWSCURRENT'], createdAt: Date.now() }] };
    });
    this.#save();
  }

  #save(): void {
    if (!this.#file) return;
    mkdirSync(dirname(this.#file), { recursive: true });
    writeFileSync(this.#file, JSON.stringify(this.#secrets, null, 2), { mode: 0o600 });
  }

  find(secretId: string): StoredSecret | undefined {
    return this.#secrets.find((s) => s.arn === secretId || s.name === secretId || secretId.startsWith(`${s.arn.slice(0, -7)}`));
  }

  /** GetSecretValue: by name or ARN, at a version ID or stage (AWSCURRENT by default). */
  get(secretId: string, versionId?: string, versionStage?: string) {
    const secret = this.find(secretId);
    if (!secret) throw new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    const stage = versionStage ?? (versionId ? undefined : 'AWSCURRENT');
    const version = secret.versions.find((v) => (!versionId || v.versionId === versionId) && (!stage || v.stages.includes(stage)));
    if (!version) throw new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: " + (stage ?? versionId));
    return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, SecretString: version.value, VersionStages: version.stages, CreatedDate: version.createdAt / 1000 };
  }

  /** Puts a new current value (unless it already is current); the old current becomes AWSPREVIOUS. */
  put(secretId: string, value: string): void {
    const secret = this.find(secretId);
    if (!secret) throw new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    const current = secret.versions.find((v) => v.stages.includes('AWSCURRENT'));
    if (current?.value === value) return;
    for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
    if (current) current.stages = current.stages.filter((s) => s !== 'AWSCURRENT').concat('AWSPREVIOUS');
    secret.versions = secret.versions.filter((v) => v.stages.length > 0);
    secret.versions.push({ versionId: randomUUID(), value, stages: ['AWSCURRENT'], createdAt: Date.now() });
    this.#save();
  }

  get names(): string[] {
    return this.#secrets.map((s) => s.name);
  }
}
