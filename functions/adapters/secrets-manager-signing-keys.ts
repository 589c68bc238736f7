// The SigningKeys port over a Secrets Manager string secret. AWSCURRENT signs;
// AWSCURRENT and AWSPREVIOUS verify, so links e-mailed before a rotation keep
// working until they expire. `kid` is the secret's VersionId. Keys are cached
// per function instance for a short time, so a rotation is picked up within
// minutes without a Secrets Manager call per request.
import { GetSecretValueCommand, ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { MIN_SIGNING_KEY_BYTES, type SigningKey, type SigningKeys } from '../ports/signing-keys.ts';

export interface SigningKeysOptions {
  /** How long fetched keys are trusted; default 5 minutes. */
  readonly ttlMs?: number;
  /**
   * An unknown `kid` refetches at most this often (default 30 s): enough to
   * see a fresh rotation, too rarely for forged kids to flood Secrets Manager.
   */
  readonly unknownKidRefetchMs?: number;
  readonly now?: () => number;
}

interface KeySet {
  readonly current: SigningKey;
  readonly previous?: SigningKey;
  readonly loadedAt: number;
}

export class SecretsManagerSigningKeys implements SigningKeys {
  readonly #client: SecretsManagerClient;
  readonly #secretId: string;
  readonly #ttlMs: number;
  readonly #refetchMs: number;
  readonly #now: () => number;
  #keys: Promise<KeySet> | undefined;

  constructor(client: SecretsManagerClient, secretId: string, options: SigningKeysOptions = {}) {
    this.#client = client;
    this.#secretId = secretId;
    this.#ttlMs = options.ttlMs ?? 300_000;
    this.#refetchMs = options.unknownKidRefetchMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  async signingKey(): Promise<SigningKey> {
    return (await this.#load()).current;
  }

  async verificationKey(kid: string): Promise<SigningKey | undefined> {
    let keys = await this.#load();
    let found = pick(keys, kid);
    if (!found && this.#now() - keys.loadedAt >= this.#refetchMs) {
      keys = await this.#load(true);
      found = pick(keys, kid);
    }
    return found;
  }

  async #load(force = false): Promise<KeySet> {
    const cached = this.#keys;
    if (cached && !force) {
      const keys = await cached.catch(() => undefined);
      if (keys && this.#now() - keys.loadedAt < this.#ttlMs) return keys;
    }
    const loading = this.#fetch();
    this.#keys = loading;
    // A failed fetch is not cached: the next call tries again.
    loading.catch(() => {
      if (this.#keys === loading) this.#keys = undefined;
    });
    return loading;
  }

  async #fetch(): Promise<KeySet> {
    const loadedAt = this.#now();
    const [current, previous] = await Promise.all([this.#version('AWSCURRENT'), this.#version('AWSPREVIOUS')]);
    if (!current) throw new Error(`Signing key secret ${this.#secretId} has no AWSCURRENT version`);
    return previous && previous.kid !== current.kid ? { current, previous, loadedAt } : { current, loadedAt };
  }

  async #version(stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<SigningKey | undefined> {
    try {
      const result = await this.#client.send(new GetSecretValueCommand({ SecretId: this.#secretId, VersionStage: stage }));
      const secret = result.SecretString !== undefined ? new TextEncoder().encode(result.SecretString) : result.SecretBinary;
      if (!result.VersionId || !secret) throw new Error(`Signing key secret ${this.#secretId} (${stage}) has no value`);
      if (secret.byteLength < MIN_SIGNING_KEY_BYTES) {
        throw new Error(`Signing key secret ${this.#secretId} (${stage}) is shorter than ${MIN_SIGNING_KEY_BYTES} bytes`);
      }
      return { kid: result.VersionId, secret };
    } catch (error) {
      // A secret never rotated has no AWSPREVIOUS version.
      if (stage === 'AWSPREVIOUS' && error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }
}

function pick(keys: KeySet, kid: string): SigningKey | undefined {
  return [keys.current, keys.previous].find((key) => key?.kid === kid);
}
