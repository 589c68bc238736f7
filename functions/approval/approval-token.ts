// Approval-link tokens: short HS256 JWTs naming one approval record and the
// approver the link was sent to. Never the task token (that stays in the
// table). Verification pins the algorithm, issuer and audience, bounds the
// size before parsing anything, picks the key by `kid`, and checks the
// claims' shape; every refusal is one named error the callback maps to a
// 4xx page.
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { Email, Id, TenantId } from '../domain/vocabulary.ts';
import type { SigningKeys } from '../ports/signing-keys.ts';

export const TOKEN_ISSUER = 'mcc';
export const TOKEN_AUDIENCE = 'mcc-approval';
export const TOKEN_ALGORITHM = 'HS256';
/** Genuine tokens are ~500 characters; anything over this is refused before it is parsed. */
export const MAX_TOKEN_LENGTH = 4096;
export const CLOCK_TOLERANCE_SECONDS = 30;
/** No approval window is longer; a token claiming more was not minted here. */
export const MAX_TOKEN_LIFETIME_SECONDS = 90 * 86_400;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Why a link was refused: malformed (not a token of ours at all) or untrusted (failed verification). */
export type LinkRefusal = 'malformed' | 'untrusted';

export class InvalidApprovalLinkError extends DomainError {
  /** A malformed link is the caller's mistake (400); an untrusted one is a refusal (403). */
  readonly code: 'MalformedApprovalLink' | 'InvalidApprovalLink';
  readonly refusal: LinkRefusal;
  constructor(refusal: LinkRefusal, detail: string) {
    super(detail);
    this.refusal = refusal;
    this.code = refusal === 'malformed' ? 'MalformedApprovalLink' : 'InvalidApprovalLink';
  }
}

export class ApprovalLinkExpiredError extends DomainError {
  readonly code = 'ApprovalLinkExpired';
}

export const ApprovalClaims = z.object({
  iss: z.literal(TOKEN_ISSUER),
  aud: z.literal(TOKEN_AUDIENCE),
  sub: Id,
  tenant: TenantId,
  campaign: Id,
  approver: Email,
  jti: z.uuid(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type ApprovalClaims = z.infer<typeof ApprovalClaims>;

export interface TokenRequest {
  readonly approvalId: string;
  readonly tenantId: string;
  readonly campaignId: string;
  readonly approver: string;
  readonly expiresAt: Date;
  readonly now: Date;
}

export async function signApprovalToken(keys: SigningKeys, request: TokenRequest): Promise<string> {
  const key = await keys.signingKey();
  return new SignJWT({ tenant: request.tenantId, campaign: request.campaignId, approver: request.approver })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT', kid: key.kid })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(request.approvalId)
    .setJti(randomUUID())
    .setIssuedAt(Math.floor(request.now.getTime() / 1000))
    .setExpirationTime(Math.floor(request.expiresAt.getTime() / 1000))
    .sign(key.secret);
}

export async function verifyApprovalToken(keys: SigningKeys, token: string, now: Date): Promise<ApprovalClaims> {
  if (token.length > MAX_TOKEN_LENGTH) throw new InvalidApprovalLinkError('malformed', 'token is too long');
  if (!COMPACT_JWS.test(token)) throw new InvalidApprovalLinkError('malformed', 'token is not a compact JWS');
  // Only canonical base64url: otherwise the unused low bits of a segment's last
  // character give several spellings of one token, and links stop being exact.
  if (token.split('.').some((segment) => Buffer.from(segment, 'base64url').toString('base64url') !== segment)) {
    throw new InvalidApprovalLinkError('malformed', 'token is not canonical base64url');
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new InvalidApprovalLinkError('malformed', 'token header is not valid JSON');
  }
  // Checked before any key is looked up: `none`, RS256 and friends never reach verification.
  if (header.alg !== TOKEN_ALGORITHM) throw new InvalidApprovalLinkError('untrusted', 'token algorithm is not HS256');
  if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 128) {
    throw new InvalidApprovalLinkError('untrusted', 'token names no usable key');
  }
  const key = await keys.verificationKey(header.kid);
  if (!key) throw new InvalidApprovalLinkError('untrusted', 'token was signed with an unknown key');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key.secret, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
      requiredClaims: ['iss', 'aud', 'sub', 'jti', 'iat', 'exp'],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new ApprovalLinkExpiredError('This approval link has expired');
    throw new InvalidApprovalLinkError('untrusted', error instanceof joseErrors.JOSEError ? error.code : 'token did not verify');
  }
  const claims = ApprovalClaims.safeParse(payload);
  if (!claims.success) throw new InvalidApprovalLinkError('untrusted', 'token claims have the wrong shape');
  const nowSeconds = now.getTime() / 1000;
  if (claims.data.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS || claims.data.exp - claims.data.iat > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new InvalidApprovalLinkError('untrusted', 'token lifetime is implausible');
  }
  return claims.data;
}
