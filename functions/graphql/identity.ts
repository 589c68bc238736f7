// Who is calling, from the AppSync identity: a person signed in with the user
// pool (tenant from the `custom:tenantId` claim, groups from `cognito:groups`)
// or the backend over IAM. The tenant is never taken from arguments.
import { TenantId } from '../domain/vocabulary.ts';
import { CognitoIdentity, IamIdentity } from './appsync-event.ts';
import { UnauthorizedError } from './graphql-errors.ts';

export const TENANT_CLAIM = 'custom:tenantId';
export const GROUPS_CLAIM = 'cognito:groups';
export const MARKETERS = 'marketers';
export const APPROVERS = 'approvers';
/** Manages the team and the schedule (execution, issue 15). */
export const MARKETING_OPS = 'marketing-ops';

export interface PersonCaller {
  readonly kind: 'person';
  readonly tenantId: string;
  readonly sub: string;
  readonly username: string;
  readonly email?: string;
  readonly groups: readonly string[];
}

export interface BackendCaller {
  readonly kind: 'backend';
  readonly userArn: string;
}

export type Caller = PersonCaller | BackendCaller;

function groupsOf(identity: CognitoIdentity): string[] {
  if (identity.groups) return identity.groups;
  const claim = identity.claims[GROUPS_CLAIM];
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  return typeof claim === 'string' && claim.length > 0 ? claim.split(',') : [];
}

export function callerOf(identity: unknown): Caller {
  const person = CognitoIdentity.safeParse(identity);
  if (person.success) {
    const tenant = TenantId.safeParse(person.data.claims[TENANT_CLAIM]);
    if (!tenant.success) throw new UnauthorizedError('The signed-in user has no valid tenant claim');
    const email = person.data.claims.email;
    return {
      kind: 'person',
      tenantId: tenant.data,
      sub: person.data.sub,
      username: person.data.username ?? person.data.sub,
      ...(typeof email === 'string' ? { email } : {}),
      groups: groupsOf(person.data),
    };
  }
  const backend = IamIdentity.safeParse(identity);
  if (backend.success) return { kind: 'backend', userArn: backend.data.userArn };
  throw new UnauthorizedError('This operation needs a signed-in user');
}

export function requirePerson(caller: Caller, group?: string): PersonCaller {
  if (caller.kind !== 'person') throw new UnauthorizedError('This operation is for signed-in users');
  if (group && !caller.groups.includes(group)) throw new UnauthorizedError(`This operation is for members of the ${group} group`);
  return caller;
}

export function requireBackend(caller: Caller): BackendCaller {
  if (caller.kind !== 'backend') throw new UnauthorizedError('This operation is for the backend only');
  return caller;
}
