// The event AppSync sends a direct Lambda resolver (no mapping templates):
// the resolver context object. Parsed loosely (AppSync adds fields over time);
// only what routing and identity need is checked.
import { z } from 'zod';

const Claims = z.record(z.string(), z.unknown());

/** Cognito user pools caller. */
export const CognitoIdentity = z.object({
  sub: z.string().min(1),
  username: z.string().optional(),
  issuer: z.string().optional(),
  claims: Claims,
  groups: z.array(z.string()).nullable().optional(),
  sourceIp: z.array(z.string()).optional(),
  defaultAuthStrategy: z.string().optional(),
});
export type CognitoIdentity = z.infer<typeof CognitoIdentity>;

/** IAM (SigV4) caller: the backend's own role. */
export const IamIdentity = z.object({
  accountId: z.string().min(1),
  userArn: z.string().min(1),
  username: z.string().optional(),
  sourceIp: z.array(z.string()).optional(),
  cognitoIdentityPoolId: z.string().nullable().optional(),
  cognitoIdentityId: z.string().nullable().optional(),
  cognitoIdentityAuthType: z.string().nullable().optional(),
  cognitoIdentityAuthProvider: z.string().nullable().optional(),
});
export type IamIdentity = z.infer<typeof IamIdentity>;

export const AppSyncResolverEvent = z.object({
  arguments: z.record(z.string(), z.unknown()).nullable().optional().transform((a) => a ?? {}),
  identity: z.unknown().optional(),
  source: z.unknown().optional(),
  request: z.object({ headers: z.record(z.string(), z.string()).optional() }).partial().nullable().optional(),
  info: z.object({
    fieldName: z.string().min(1),
    parentTypeName: z.string().min(1),
    variables: z.record(z.string(), z.unknown()).optional(),
    selectionSetList: z.array(z.string()).optional(),
    selectionSetGraphQL: z.string().optional(),
  }),
  prev: z.unknown().optional(),
  stash: z.record(z.string(), z.unknown()).optional(),
});
export type AppSyncResolverEvent = z.infer<typeof AppSyncResolverEvent>;
