// Where approval policies and the people behind approver roles come from.
// Today both are the tenant's stored policy (data/approval-policy-repository.ts);
// the directory is a port so the tenant's team (issue 15) can answer it instead.
import type { ApprovalPolicy, RoleName } from '../domain/approval-policy.ts';

export interface ApprovalPolicies {
  /** The tenant's policy, or undefined when it has none (the brief's approvers decide as one ANY stage). */
  policyFor(tenantId: string): Promise<ApprovalPolicy | undefined>;
}

export interface ApproverDirectory {
  /** E-mail addresses of the tenant's people holding `role`; empty when nobody does. */
  membersOf(tenantId: string, role: RoleName): Promise<readonly string[]>;
}
