// Every Task handler of the build can raise the error policy's retryable
// codes: with DynamoDB throttling every call, each one fails as `Throttled`
// (the name Step Functions' Retry matches), never as InternalError — the
// half of the retry contract test/infra/retry-contract.test.ts relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAws } from '../support/fake-aws.ts';
import { aBrief } from '../support/fixtures.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { type HandlerName, loadHandler } from '../support/load-handler.ts';

let aws: FakeAws;
const ref = { tenantId: 'acme', campaignId: 'cmp-throttled' };
const error = { Error: 'InvalidPlan', Cause: 'the planner gave up' };

/** Each Task's handler with a valid input for its state. */
const TASKS: readonly [state: string, handler: HandlerName, input: unknown][] = [
  ['Save', 'save-campaign', { eventId: 'evt-1', detail: { tenantId: 'acme', brief: aBrief() }, executionId: 'exec-1' }],
  ['Plan', 'plan-campaign', ref],
  ['GeneratePost', 'generate-post', { ...ref, postId: 'post-01', revision: 0, guidance: '' }],
  ['RecordPostFailure', 'campaign-outcome', { action: 'recordPostFailure', ...ref, postId: 'post-01', revision: 0, guidance: '', error }],
  ['MarkFailed', 'campaign-outcome', { action: 'markFailed', ...ref, error }],
  ['RequestApproval', 'request-approval', { ...ref, revision: 0, taskToken: 'token-1' }],
  ['MarkExpired', 'expire-approval', { ...ref, revision: 0 }],
  ['SyncToWorkfront', 'sync-to-workfront', ref],
];

beforeAll(async () => {
  aws = await new FakeAws().start();
  aws.dynamoDbThrottled = true;
});
afterAll(() => aws.stop());

describe('Task handlers under DynamoDB throttling', () => {
  it.each(TASKS)('%s (%s) fails as Throttled', async (_state, name, input) => {
    const handler = await loadHandler(name, {
      TABLE_NAME: 'mcc-test',
      EVENT_BUS_NAME: 'mcc-test',
      AWS_MAX_ATTEMPTS: '1',
      AWS_ENDPOINT_URL_DYNAMODB: aws.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: aws.endpoint,
      AWS_ENDPOINT_URL_S3: aws.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
      AWS_ENDPOINT_URL_SESV2: aws.endpoint,
      AWS_ENDPOINT_URL_SFN: aws.endpoint,
      AGENT_PROVIDER: 'local',
      KNOWLEDGE_BUCKET: 'knowledge',
      S3_FORCE_PATH_STYLE: 'true',
      APPROVAL_BASE_URL: 'https://approvals.example.com',
      APPROVAL_WINDOW_SECONDS: '3600',
      SIGNING_KEY_SECRET_ID: 'signing-key',
      MAIL_FROM: 'MCC <approvals@example.com>',
      WORKFRONT_BASE_URL: 'https://workfront.example.com',
      WORKFRONT_API_VERSION: 'v22.0',
      WORKFRONT_AUTH_MODE: 'apikey',
      WORKFRONT_CREDENTIALS_SECRET_ID: 'workfront-credentials',
      WORKFRONT_IMS_URL: 'https://ims.example.com',
      // Approval reminders (EventBridge Scheduler): RequestApproval creates them, MarkExpired clears them.
      AWS_ENDPOINT_URL_SCHEDULER: aws.endpoint,
      REMINDER_GROUP_PREFIX: 'mcc-test-apr-',
      REMINDER_TARGET_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:approval-reminder',
      REMINDER_ROLE_ARN: 'arn:aws:iam::000000000000:role/reminder-scheduler',
    });
    const before = aws.requests.filter((r) => r.target?.startsWith('DynamoDB_20120810.')).length;
    await expect(handler(input, lambdaContext(name))).rejects.toMatchObject({ name: 'Throttled' });
    // The throttle came from the table, not from a refusal before it.
    expect(aws.requests.filter((r) => r.target?.startsWith('DynamoDB_20120810.')).length).toBeGreaterThan(before);
  });
});
