// The SES, Step Functions and Secrets Manager adapters, through the real SDK
// clients, against fake-aws speaking each service's documented wire protocol.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerSigningKeys } from '../../functions/adapters/secrets-manager-signing-keys.ts';
import { SesMailer } from '../../functions/adapters/ses-mailer.ts';
import { SfnTaskCallbacks } from '../../functions/adapters/sfn-task-callbacks.ts';
import { InvalidTaskTokenError, TaskDoesNotExistError, TaskTimedOutError } from '../../functions/ports/task-callbacks.ts';
import { FakeAws, TEST_AWS } from '../support/fake-aws.ts';

let aws: FakeAws;
beforeAll(async () => {
  aws = await new FakeAws().start();
});
afterAll(() => aws.stop());
beforeEach(() => {
  aws.requests.length = 0;
  aws.secrets.clear();
  aws.sfnErrors.length = 0;
});

const client = () => ({ endpoint: aws.endpoint, ...TEST_AWS, maxAttempts: 1 });

describe('SesMailer (SES v2 SendEmail, REST-JSON)', () => {
  it('GIVEN a message THEN it POSTs /v2/email/outbound-emails with Simple HTML + text content, the sender, recipients and tags', async () => {
    const mailer = new SesMailer(new SESv2Client(client()), 'MCC <approvals@example.com>');
    const result = await mailer.send({
      to: ['maria.lopez@example.com'],
      subject: 'Approval needed: Spring',
      html: '<p>Hi</p>',
      text: 'Hi',
      tags: { campaignId: 'cmp:1.a', tenantId: 'acme', kind: 'approval-request' },
    });
    expect(result.messageId).toMatch(/^msg-/);
    const [request] = aws.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/email/outbound-emails' });
    expect(request?.contentType).toContain('application/json');
    expect(request?.body).toEqual({
      FromEmailAddress: 'MCC <approvals@example.com>',
      Destination: { ToAddresses: ['maria.lopez@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Approval needed: Spring', Charset: 'UTF-8' },
          Body: { Html: { Data: '<p>Hi</p>', Charset: 'UTF-8' }, Text: { Data: 'Hi', Charset: 'UTF-8' } },
        },
      },
      // SES tag values allow letters, digits, _ and - only.
      EmailTags: [
        { Name: 'campaignId', Value: 'cmp_1_a' },
        { Name: 'tenantId', Value: 'acme' },
        { Name: 'kind', Value: 'approval-request' },
      ],
    });
  });
});

describe('SfnTaskCallbacks (Step Functions, AWS JSON 1.0)', () => {
  it('GIVEN an output THEN SendTaskSuccess carries the token and the output as a JSON string', async () => {
    await new SfnTaskCallbacks(new SFNClient(client())).succeed('token-1', { decision: 'APPROVED' });
    const [request] = aws.calls('AWSStepFunctions.SendTaskSuccess');
    expect(request?.contentType).toBe('application/x-amz-json-1.0');
    expect(request?.body).toEqual({ taskToken: 'token-1', output: '{"decision":"APPROVED"}' });
  });

  it('GIVEN a failure THEN SendTaskFailure carries error and cause', async () => {
    await new SfnTaskCallbacks(new SFNClient(client())).fail('token-1', 'AllPostsFailed', 'nothing to approve');
    expect(aws.calls('AWSStepFunctions.SendTaskFailure')[0]?.body).toEqual({ taskToken: 'token-1', error: 'AllPostsFailed', cause: 'nothing to approve' });
  });

  it.each([
    ['TaskTimedOut', TaskTimedOutError],
    ['TaskDoesNotExist', TaskDoesNotExistError],
    ['InvalidToken', InvalidTaskTokenError],
  ])('GIVEN Step Functions answers %s THEN the adapter throws the named domain error', async (type, expected) => {
    aws.sfnErrors.push(type);
    await expect(new SfnTaskCallbacks(new SFNClient(client())).succeed('token-1', {})).rejects.toBeInstanceOf(expected);
  });
});

describe('SecretsManagerSigningKeys (Secrets Manager, AWS JSON 1.1)', () => {
  const secret = (c: string) => c.repeat(40);

  it('GIVEN AWSCURRENT and AWSPREVIOUS THEN it signs with the current version and verifies by kid with either', async () => {
    aws.secrets.set('AWSCURRENT', { versionId: 'v2', value: secret('b') });
    aws.secrets.set('AWSPREVIOUS', { versionId: 'v1', value: secret('a') });
    const keys = new SecretsManagerSigningKeys(new SecretsManagerClient(client()), 'mcc/approval-signing-key');
    expect((await keys.signingKey()).kid).toBe('v2');
    expect(new TextDecoder().decode((await keys.verificationKey('v1'))?.secret)).toBe(secret('a'));
    expect(await keys.verificationKey('v0')).toBeUndefined();
    const requests = aws.calls('secretsmanager.GetSecretValue');
    expect(requests.map((r) => r.body).toSorted((x, y) => String(x.VersionStage).localeCompare(String(y.VersionStage)))).toEqual([
      { SecretId: 'mcc/approval-signing-key', VersionStage: 'AWSCURRENT' },
      { SecretId: 'mcc/approval-signing-key', VersionStage: 'AWSPREVIOUS' },
    ]);
    expect(requests[0]?.contentType).toBe('application/x-amz-json-1.1');
  });

  it('GIVEN a secret never rotated (no AWSPREVIOUS) THEN the current key alone works', async () => {
    aws.secrets.set('AWSCURRENT', { versionId: 'v1', value: secret('a') });
    const keys = new SecretsManagerSigningKeys(new SecretsManagerClient(client()), 'k');
    expect((await keys.verificationKey('v1'))?.kid).toBe('v1');
  });

  it('GIVEN the cache THEN keys are fetched once per TTL, a rotation is seen after it, and unknown kids refetch at most once per interval', async () => {
    let now = 0;
    aws.secrets.set('AWSCURRENT', { versionId: 'v1', value: secret('a') });
    const keys = new SecretsManagerSigningKeys(new SecretsManagerClient(client()), 'k', { ttlMs: 300_000, unknownKidRefetchMs: 30_000, now: () => now });
    await keys.signingKey();
    await keys.signingKey();
    expect(aws.calls('secretsmanager.GetSecretValue')).toHaveLength(2);

    aws.secrets.set('AWSPREVIOUS', { versionId: 'v1', value: secret('a') });
    aws.secrets.set('AWSCURRENT', { versionId: 'v2', value: secret('b') });
    now = 10_000;
    expect(await keys.verificationKey('forged')).toBeUndefined(); // too soon to refetch
    expect(aws.calls('secretsmanager.GetSecretValue')).toHaveLength(2);
    now = 40_000;
    expect((await keys.verificationKey('v2'))?.kid).toBe('v2'); // an unknown kid after the interval: refetch sees the rotation
    expect(aws.calls('secretsmanager.GetSecretValue')).toHaveLength(4);
    expect((await keys.signingKey()).kid).toBe('v2');
    now = 400_000;
    await keys.signingKey();
    expect(aws.calls('secretsmanager.GetSecretValue')).toHaveLength(6);
  });

  it('GIVEN a key shorter than 32 bytes THEN it is refused, and the failure is not cached', async () => {
    aws.secrets.set('AWSCURRENT', { versionId: 'v1', value: 'short' });
    const keys = new SecretsManagerSigningKeys(new SecretsManagerClient(client()), 'k');
    await expect(keys.signingKey()).rejects.toThrow(/shorter than 32 bytes/);
    aws.secrets.set('AWSCURRENT', { versionId: 'v1', value: secret('a') });
    expect((await keys.signingKey()).kid).toBe('v1');
  });
});
