// Keys of the staged-approval items (issue 16), in the campaign's own item
// collection so every read is a Query on one partition, never a Scan.
import { campaignPartition, type ItemKey } from './keys.ts';

export const DECISION_SK_PREFIX = 'DECISION#';

/** Approvers are e-mail addresses; encoding keeps `#` out of the key so no approver can spell another's. */
export function decisionKey(tenantId: string, campaignId: string, approvalId: string, approver: string): ItemKey {
  return { PK: campaignPartition(tenantId, campaignId), SK: `${decisionPrefix(approvalId)}${encodeURIComponent(approver.toLowerCase())}` };
}

/** The trailing `#` keeps stage `rev-0` from matching `rev-0-stage-1`. */
export function decisionPrefix(approvalId: string): string {
  return `${DECISION_SK_PREFIX}${approvalId}#`;
}

/** A tenant's approval policy: one item in the tenant's settings partition. */
export function approvalPolicyKey(tenantId: string): ItemKey {
  return { PK: `TENANT#${tenantId}#SETTINGS`, SK: 'APPROVAL_POLICY' };
}
