// One approval per campaign revision and stage, with an ID derived from both:
// a retried or resumed RequestApproval finds the same record (a conditional
// create makes concurrent requests agree), and MarkExpired finds it from the
// revision and stage alone. The first stage keeps the ID approvals had before
// stages existed. The ID is not a secret: links are signed.
export function approvalIdFor(revision: number, stage = 0): string {
  return stage === 0 ? `rev-${revision}` : `rev-${revision}-stage-${stage}`;
}
