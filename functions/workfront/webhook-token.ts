// The bearer token each Workfront event subscription presents. Workfront sends
// the subscription's `authToken` as an OAuth2 bearer token
// (https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/event-subscriptions/event-subs-api,
// "authToken"). One generated secret (WEBHOOK_TOKEN_SECRET_ID) yields a token
// per tenant, HMAC-SHA256(secret, "workfront-webhook:" + tenant), so tenant A's
// subscription cannot post events as tenant B even though both come to the
// same URL with `?tenant=` naming the tenant.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function tenantWebhookToken(secret: string, tenantId: string): string {
  return createHmac('sha256', secret).update(`workfront-webhook:${tenantId}`).digest('base64url');
}

/** Constant-time: both sides are hashed to equal-length digests before comparing. */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token from an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
