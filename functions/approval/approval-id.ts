// One approval per campaign revision, with an ID derived from the revision:
// a retried or resumed RequestApproval finds the same record (a conditional
// create makes concurrent requests agree), and MarkExpired finds it from the
// revision alone. The ID is not a secret: links are signed.
export function approvalIdFor(revision: number): string {
  return `rev-${revision}`;
}
