// Lambda behind the HTTP API routes `GET /approvals/{token}` (the
// confirmation page, changes nothing) and `POST /approvals/{token}` (records
// the decision and resumes the workflow). Payload format 2.0. Every answer is
// an HTML page with security headers; bad input of any kind is a 4xx page,
// mapped in one place (`pageFor`), never a 5xx.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { asDependencyError } from '../adapters/dependency-errors.ts';
import { SchedulerReminderSchedules } from '../adapters/scheduler-reminder-schedules.ts';
import { ReminderClearingConfig } from '../shared/reminder-config.ts';
import { SecretsManagerSigningKeys } from '../adapters/secrets-manager-signing-keys.ts';
import { SfnTaskCallbacks } from '../adapters/sfn-task-callbacks.ts';
import {
  alreadyDecidedPage,
  closedPage,
  confirmationPage,
  countedPage,
  decidedPage,
  errorPage,
  expiredDecisionPage,
  pageHeaders,
  recordedPage,
  type Page,
} from '../approval/approval-pages.ts';
import { InvalidApprovalLinkError } from '../approval/approval-token.ts';
import { ApprovalEscalatedError } from '../domain/escalation.ts';
import { previewPosts, stageLabel, summarizeCampaign } from '../approval/approval-view.ts';
import { parseDecisionForm, UnsupportedFormError } from '../approval/decision-form.ts';
import { ApprovalRepository } from '../data/approval-repository.ts';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { ExecutionRepository } from '../data/execution-repository.ts';
import { TeamRepository } from '../data/team-repository.ts';
import { campaignConflicts } from '../use-cases/execution/schedule-conflicts.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { PostVersionRepository } from '../data/post-version-repository.ts';
import { StageDecisionRepository } from '../data/stage-decision-repository.ts';
import { InvalidPostReviewError } from '../domain/approval-errors.ts';
import { ERROR_POLICY, type ErrorCode } from '../domain/error-policy.ts';
import { DomainError, errorCodeOf, ValidationError } from '../domain/errors.ts';
import { CampaignUpdates } from '../shared/campaign-updates.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { correlate, flushMetrics, logger } from '../shared/observability.ts';
import { recordSecurityEvent, SECURITY_EVENTS } from '../shared/security-events.ts';
import { decideApproval, openApproval } from '../use-cases/decide-approval.ts';

/** Environment of the approval-callback function. */
export const ApprovalCallbackConfig = {
  ...CommonConfig,
  ...ReminderClearingConfig,
  SIGNING_KEY_SECRET_ID: z.string().trim().min(1),
  APPROVAL_BASE_URL: z.url({ protocol: /^https?$/ }),
} as const;

const config = loadConfig(ApprovalCallbackConfig);
const doc = createDocumentClient();
const deps = {
  campaigns: new CampaignRepository(doc, config.TABLE_NAME),
  approvals: new ApprovalRepository(doc, config.TABLE_NAME),
  decisions: new StageDecisionRepository(doc, config.TABLE_NAME),
  postVersions: new PostVersionRepository(doc, config.TABLE_NAME),
  updates: new CampaignUpdates(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  keys: new SecretsManagerSigningKeys(new SecretsManagerClient({}), config.SIGNING_KEY_SECRET_ID),
  tasks: new SfnTaskCallbacks(new SFNClient({})),
  now: () => new Date(),
  reminders: new SchedulerReminderSchedules(new SchedulerClient({}), { groupPrefix: config.REMINDER_GROUP_PREFIX }),
  // execution (issue 15): the campaign's schedule conflicts on the confirmation page
  execution: new ExecutionRepository(doc, config.TABLE_NAME),
  team: new TeamRepository(doc, config.TABLE_NAME),
};
const headers = pageHeaders(new URL(config.APPROVAL_BASE_URL).origin);

class MethodNotAllowedError extends DomainError {
  readonly code = 'MethodNotAllowed';
}

/** The approver still gets the page when the check fails; the page says so and the log has why. */
async function conflictMessages(tenantId: string, campaignId: string): Promise<readonly string[] | 'unavailable'> {
  try {
    return (await campaignConflicts(deps, tenantId, campaignId)).map((c) => c.message);
  } catch (error) {
    logger.warn('Schedule conflicts could not be checked for the approval page', { error });
    return 'unavailable';
  }
}

export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyStructuredResultV2> {
  if (context) logger.addContext(context);
  try {
    return respond(await route(event));
  } catch (error) {
    return respond(pageFor(error));
  } finally {
    flushMetrics();
    logger.resetKeys();
  }
}

async function route(event: APIGatewayProxyEventV2): Promise<Page> {
  const method = event.requestContext.http.method.toUpperCase();
  const token = event.pathParameters?.token ?? '';
  if (method === 'GET') {
    const opened = await openApproval(deps, token);
    correlate({ tenantId: opened.approval.tenantId, campaignId: opened.approval.campaignId });
    if (opened.approval.status === 'DECIDED' && opened.approval.undeliveredSince) return recordedPage(opened.approval, opened.campaign.brief.name, 200);
    if (opened.approval.status !== 'PENDING') return closedPage(opened.approval, opened.campaign.brief.name, 200);
    const wanted = event.queryStringParameters?.decision;
    const stage = stageLabel(opened.approval);
    return confirmationPage({
      ...(stage ? { stage } : {}),
      scorecard: opened.approval.scorecard ?? [],
      summary: summarizeCampaign(opened.campaign),
      posts: previewPosts(opened.posts),
      approver: opened.claims.approver,
      expiresAt: opened.approval.expiresAt,
      ...(wanted === 'approve' || wanted === 'reject' ? { preselected: wanted } : {}),
      conflicts: await conflictMessages(opened.approval.tenantId, opened.approval.campaignId),
    });
  }
  if (method === 'POST') {
    const form = parseDecisionForm({
      contentType: event.headers?.['content-type'],
      body: event.body,
      isBase64Encoded: event.isBase64Encoded,
    });
    const { userAgent, sourceIp } = event.requestContext.http;
    const result = await decideApproval(deps, {
      token,
      ...form,
      client: `${userAgent ?? 'unknown client'} from ${sourceIp ?? 'unknown address'}`.slice(0, 512),
    });
    correlate({ tenantId: result.approval.tenantId, campaignId: result.approval.campaignId });
    logger.info('Approval link used', { approvalId: result.approval.approvalId, result: result.kind, decision: form.decision });
    const name = result.campaign.brief.name;
    if (result.kind === 'decided') return decidedPage(result.approval, name);
    if (result.kind === 'expired') return expiredDecisionPage(result.approval, name, result.campaign.status);
    if (result.kind === 'recorded') return recordedPage(result.approval, name);
    if (result.kind === 'counted') return countedPage(result.decision, name, stageLabel(result.approval) ?? 'This approval');
    if (result.kind === 'already-decided') return alreadyDecidedPage(result.decision, name);
    return closedPage(result.approval, name, 409);
  }
  throw new MethodNotAllowedError(method);
}

/** What the approver reads for each code; the status comes from the error policy. Messages are ours, never the error's detail. */
const PAGE_TEXT: Partial<Record<ErrorCode, readonly [title: string, message: string]>> = {
  MalformedApprovalLink: ['Invalid approval link', 'This approval link is not valid. Open the link from your e-mail again, without changing it.'],
  InvalidApprovalLink: ['Approval link not accepted', 'This approval link could not be verified. Open the link from your e-mail again.'],
  ApprovalLinkExpired: ['Approval link expired', 'This approval link has expired; the approval window has closed.'],
  MethodNotAllowed: ['Method not allowed', 'Approval links accept GET and POST only.'],
  NotFound: ['Not found', 'The campaign for this approval no longer exists.'],
  Throttled: ['Try again shortly', 'The approval service is busy. Please try again in a minute.'],
  DependencyUnavailable: ['Try again shortly', 'The approval service is busy. Please try again in a minute.'],
};
const SOMETHING_WENT_WRONG = ['Something went wrong', 'Your request could not be completed. Please try again later.'] as const;

/** The one place errors become pages. */
function pageFor(error: unknown): Page {
  const named = asDependencyError(error);
  const code = errorCodeOf(named);
  const { httpStatus, retryable } = ERROR_POLICY[code];
  if (named instanceof InvalidApprovalLinkError) recordSecurityEvent(SECURITY_EVENTS.forgedApprovalLink, { refusal: named.refusal, reason: named.message });
  if (code === 'ApprovalLinkExpired') recordSecurityEvent(SECURITY_EVENTS.expiredApprovalLink);
  // The form's own messages say what to change; they name no internals.
  if (named instanceof UnsupportedFormError) return errorPage(httpStatus, 'Decision not accepted', named.message);
  if (named instanceof ValidationError) {
    return errorPage(httpStatus, 'Decision not accepted', `Please choose Approve or Reject on the approval page. (${named.message})`);
  }
  if (named instanceof ApprovalEscalatedError) {
    return errorPage(httpStatus, 'Approval escalated', `Nobody decided in time, so this approval was escalated${named.level ? ` to the ${named.level} level` : ''}. This link no longer decides it.`);
  }
  // A post review's messages are ours too: which post, and which rule its edit breaks.
  if (named instanceof InvalidPostReviewError) return errorPage(httpStatus, 'Decision not accepted', named.message);
  if (retryable) logger.error('Approval callback dependency unavailable', { error });
  else if (httpStatus >= 500) logger.error('Approval callback failed', { error });
  const [title, message] = PAGE_TEXT[code] ?? SOMETHING_WENT_WRONG;
  return errorPage(httpStatus, title, message);
}

function respond(page: Page): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: page.status,
    headers: page.status === 405 ? { ...headers, allow: 'GET, POST' } : headers,
    body: page.html,
    isBase64Encoded: false,
  };
}
