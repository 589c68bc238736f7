// Named errors of staged approvals (issue 16); mapped like every DomainError.
import { DomainError } from './errors.ts';
import type { StageDecision } from './stage-decision.ts';

/** This approver already decided this stage; carries the recorded decision, which stands. */
export class AlreadyDecidedError extends DomainError {
  readonly code = 'AlreadyDecided';
  readonly recorded: StageDecision;
  constructor(recorded: StageDecision) {
    super(`${recorded.approver} already ${recorded.decision.toLowerCase()} stage ${recorded.stage + 1} (${recorded.approvalId}) at ${recorded.decidedAt}`);
    this.recorded = recorded;
  }
}

/** A decision for a stage the campaign has not reached (or has left). */
export class StageNotOpenError extends DomainError {
  readonly code = 'StageNotOpen';
}

/** A post review names a post the approval does not cover, or breaks its channel's rules. */
export class InvalidPostReviewError extends DomainError {
  readonly code = 'InvalidPostReview';
}
