// The one error policy: for every error code a function can raise, whether a
// caller should retry it, and what each boundary shows for it — the HTTP
// status (webhook, approval pages), the GraphQL errorType (AppSync), and the
// Bedrock agent's responseState. Every mapper reads this table, and the state
// machine's Retry lists are RETRYABLE_ERROR_CODES, so a code that is
// retryable at one boundary is retryable at all of them (issue 20: five
// mappers deciding on their own let a DynamoDB throttle fail a build).
//
// DomainError.code is typed as ErrorCode, so a new named error does not
// compile until its row is here.

/** What the Bedrock agent is told: REPROMPT lets the model fix its call; FAILURE ends the action. */
export type AgentResponseState = 'REPROMPT' | 'FAILURE';

export interface ErrorPolicy {
  /** Trying the same call again later may succeed (Step Functions Retry, HTTP 503, agent "try later"). */
  readonly retryable: boolean;
  readonly httpStatus: number;
  readonly graphqlType: string;
  readonly agentState: AgentResponseState;
}

const caller = (httpStatus: number, graphqlType: string): ErrorPolicy => ({ retryable: false, httpStatus, graphqlType, agentState: 'REPROMPT' });
const retry = (graphqlType: string): ErrorPolicy => ({ retryable: true, httpStatus: 503, graphqlType, agentState: 'FAILURE' });
const fatal = (httpStatus: number, graphqlType: string): ErrorPolicy => ({ retryable: false, httpStatus, graphqlType, agentState: 'FAILURE' });

export const ERROR_POLICY = {
  // The caller's input or the campaign's state: the model (or person) can correct the call.
  ValidationError: caller(400, 'ValidationError'),
  AlreadyExists: caller(409, 'AlreadyExists'),
  NotFound: caller(404, 'NotFound'),
  InvalidTransition: caller(409, 'InvalidTransition'),
  ApprovalClosed: caller(409, 'ApprovalClosed'),
  Conflict: caller(409, 'Conflict'),
  MethodNotAllowed: caller(405, 'MethodNotAllowed'),
  PayloadTooLarge: caller(413, 'PayloadTooLarge'),
  UnsupportedMediaType: caller(415, 'UnsupportedMediaType'),
  MalformedApprovalLink: caller(400, 'MalformedApprovalLink'),
  // Staged approvals (issue 16): a second decision by the same approver, a stage not waiting, a post review that names a post it does not cover or breaks its channel's rules.
  AlreadyDecided: caller(409, 'AlreadyDecided'),
  StageNotOpen: caller(409, 'StageNotOpen'),
  InvalidPostReview: caller(400, 'InvalidPostReview'),
  WorkfrontRequestRejected: caller(502, 'WorkfrontRequestRejected'),
  WorkfrontProtocolError: caller(502, 'WorkfrontProtocolError'),

  // Transient: back off and try again.
  Throttled: retry('Throttled'),
  DependencyUnavailable: retry('DependencyUnavailable'),

  // Refusals and outcomes that retrying cannot change.
  Unauthorized: fatal(403, 'Unauthorized'),
  InvalidApprovalLink: fatal(403, 'InvalidApprovalLink'),
  ApprovalLinkExpired: fatal(410, 'ApprovalLinkExpired'),
  // A link sent before its approval was escalated to the next level (issue 17).
  ApprovalEscalated: fatal(410, 'ApprovalEscalated'),
  WorkfrontAuthFailed: fatal(502, 'WorkfrontAuthFailed'),
  InvalidPlan: fatal(502, 'InvalidPlan'),
  InvalidPostContent: fatal(502, 'InvalidPostContent'),
  AllPostsFailed: fatal(500, 'AllPostsFailed'),
  TaskTimedOut: fatal(410, 'TaskTimedOut'),
  TaskDoesNotExist: fatal(410, 'TaskDoesNotExist'),
  InvalidTaskToken: fatal(410, 'InvalidTaskToken'),
  // Anything that is not a named error: its message never reaches a caller.
  InternalError: fatal(500, 'InternalError'),
} as const satisfies Record<string, ErrorPolicy>;

export type ErrorCode = keyof typeof ERROR_POLICY;

/** The codes worth retrying, in table order: the Step Functions Retry lists and every HTTP-facing mapper use this. */
export const RETRYABLE_ERROR_CODES = (Object.keys(ERROR_POLICY) as ErrorCode[]).filter((code) => ERROR_POLICY[code].retryable);

export function policyFor(code: ErrorCode): ErrorPolicy {
  return ERROR_POLICY[code];
}

export function isRetryableCode(code: string): boolean {
  return Object.hasOwn(ERROR_POLICY, code) && ERROR_POLICY[code as ErrorCode].retryable;
}
