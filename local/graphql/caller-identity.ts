// The `identity` AppSync puts in a resolver event, built the same way for the
// local endpoint: Cognito user pools from a verified ID token, or IAM for the
// backend's own calls.
import type { TokenVerifier } from './dev-tokens.ts';

export type AuthMode = 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM';

export interface RequestIdentity {
  readonly mode: AuthMode;
  readonly identity: Record<string, unknown>;
  readonly groups: readonly string[];
}

export const LOCAL_ACCOUNT = '000000000000';

export const BACKEND_IDENTITY: RequestIdentity = {
  mode: 'AWS_IAM',
  groups: [],
  identity: {
    accountId: LOCAL_ACCOUNT,
    userArn: `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/mcc-local-backend/events`,
    username: 'mcc-local-backend',
    sourceIp: ['127.0.0.1'],
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  },
};

/** The token from an `Authorization` value (AppSync takes the raw token; `Bearer` is tolerated). */
export function tokenFrom(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim().length === 0) return undefined;
  return value.trim().replace(/^Bearer\s+/i, '');
}

/** Undefined when the token is missing or does not verify: the caller is refused. */
export async function personFromToken(verify: TokenVerifier, authorization: unknown, sourceIp: string): Promise<RequestIdentity | undefined> {
  const token = tokenFrom(authorization);
  if (!token) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token);
  } catch {
    return undefined;
  }
  if (typeof claims.sub !== 'string') return undefined;
  const raw = claims['cognito:groups'];
  const groups = Array.isArray(raw) ? raw.filter((g): g is string => typeof g === 'string') : [];
  return {
    mode: 'AMAZON_COGNITO_USER_POOLS',
    groups,
    identity: {
      sub: claims.sub,
      issuer: typeof claims.iss === 'string' ? claims.iss : '',
      username: typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : claims.sub,
      claims,
      sourceIp: [sourceIp],
      defaultAuthStrategy: 'ALLOW',
      groups: groups.length > 0 ? groups : null,
    },
  };
}
