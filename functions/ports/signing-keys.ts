// The signing-keys port: HMAC keys for approval-link JWTs. New tokens are
// signed with the current key; tokens signed with the previous key keep
// verifying after a rotation, until they expire. `kid` names the key version.

export interface SigningKey {
  /** The key version (Secrets Manager VersionId), written to the JWT's `kid` header. */
  readonly kid: string;
  readonly secret: Uint8Array;
}

export interface SigningKeys {
  /** The key new tokens are signed with. */
  signingKey(): Promise<SigningKey>;
  /** The key with this `kid`, if it is one that may still verify tokens (current or previous). */
  verificationKey(kid: string): Promise<SigningKey | undefined>;
}

/** HS256 keys shorter than the hash output weaken the MAC (RFC 7518 §3.2). */
export const MIN_SIGNING_KEY_BYTES = 32;
