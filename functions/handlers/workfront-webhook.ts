// POST /webhooks/workfront (API Gateway HTTP API, payload format 2.0): the
// endpoint Workfront event subscriptions deliver to.
// - Tenant: one subscription set per tenant, `…/webhooks/workfront?tenant=<id>`,
//   whose authToken is that tenant's token (see ../workfront/webhook-token.ts).
// - 401 for a missing or wrong bearer token, 413 over 1 MB, 400 for a body
//   that is no documented payload, 200 for everything accepted — including
//   events about objects MCC does not track, which are ignored — and 503/500
//   when storage fails, so Workfront retries (it wants any 2xx within 5 s:
//   https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/event-subscriptions/setup-event-sub-endpoint).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { CampaignRepository } from '../data/campaign-repository.ts';
import { DeduplicationStore } from '../data/deduplication-store.ts';
import { ExecutionRepository } from '../data/execution-repository.ts';
import { createDocumentClient } from '../data/dynamodb-document-client.ts';
import { asDependencyError } from '../adapters/dependency-errors.ts';
import { errorPolicyOf, ValidationError } from '../domain/errors.ts';
import { TenantId } from '../domain/vocabulary.ts';
import { CommonConfig, loadConfig } from '../shared/config.ts';
import { flushMetrics, logger, recordWorkfrontEvent } from '../shared/observability.ts';
import { recordSecurityEvent, SECURITY_EVENTS } from '../shared/security-events.ts';
import { applyWorkfrontEvent } from '../use-cases/apply-workfront-event.ts';
import { parseWorkfrontEvent } from '../workfront/event-payload.ts';
import { WorkfrontObjectEvents } from '../workfront/object-updated-events.ts';
import { bearerToken, tenantWebhookToken, tokensMatch } from '../workfront/webhook-token.ts';

export const MAX_BODY_BYTES = 1_048_576;

const config = loadConfig({ ...CommonConfig, WEBHOOK_TOKEN_SECRET_ID: z.string().trim().min(1) });
const doc = createDocumentClient();
const secrets = new SecretsManagerClient({});
const deps = {
  repo: new CampaignRepository(doc, config.TABLE_NAME),
  dedup: new DeduplicationStore(doc, config.TABLE_NAME),
  execution: new ExecutionRepository(doc, config.TABLE_NAME),
  events: new WorkfrontObjectEvents(new EventBridgeClient({}), config.EVENT_BUS_NAME),
  now: () => new Date(),
};

let webhookSecret: Promise<string> | undefined;
/** Read once per cold start; a failed read is retried by the next request. */
function secret(): Promise<string> {
  webhookSecret ??= secrets
    .send(new GetSecretValueCommand({ SecretId: config.WEBHOOK_TOKEN_SECRET_ID }))
    .then(({ SecretString }) => {
      if (!SecretString) throw new Error('The webhook token secret has no string value');
      return SecretString;
    })
    .catch((error: unknown) => {
      webhookSecret = undefined;
      throw error;
    });
  return webhookSecret;
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const tenant = TenantId.safeParse(event.queryStringParameters?.tenant);
    const presented = bearerToken(event.headers?.authorization ?? event.headers?.Authorization);
    if (!tenant.success || !presented || !tokensMatch(presented, tenantWebhookToken(await secret(), tenant.data))) {
      recordSecurityEvent(SECURITY_EVENTS.webhookUnauthorized, { tenant: tenant.success ? tenant.data : 'invalid', token: presented ? 'wrong' : 'missing' });
      return reply(401, { message: 'Missing or invalid bearer token for this tenant' }, { 'WWW-Authenticate': 'Bearer' });
    }
    logger.appendKeys({ tenantId: tenant.data });

    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (raw.length > MAX_BODY_BYTES) return reply(413, { message: 'Payload too large' });
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply(400, { message: 'Body is not JSON' });
    }
    const workfrontEvent = parseWorkfrontEvent(body);
    const outcome = await applyWorkfrontEvent(deps, tenant.data, workfrontEvent);
    recordWorkfrontEvent(workfrontEvent.eventType, outcome);
    logger.info('Workfront event handled', { outcome, eventType: workfrontEvent.eventType, objCode: workfrontEvent.objCode, objId: workfrontEvent.objId, format: workfrontEvent.format });
    return reply(200, { outcome });
  } catch (error) {
    const named = asDependencyError(error);
    const { httpStatus } = errorPolicyOf(named);
    if (named instanceof ValidationError) return reply(httpStatus, { message: named.message });
    logger.error('Workfront event not processed; Workfront will retry', { error });
    return reply(httpStatus, { message: 'The event could not be processed; retry later' });
  } finally {
    flushMetrics();
    logger.resetKeys();
  }
}

function reply(statusCode: number, body: Record<string, unknown>, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
