// Event subscriptions, delivered the way Workfront delivers them: an HTTP POST
// to the subscription's URL with `Authorization: Bearer <authToken>` and the
// current (2017.3+, event subscriptions version 2) body
// `{ eventType, subscriptionId, eventTime: { nano, epochSecond }, newState, oldState }`;
// CREATE has an empty `oldState`, DELETE an empty `newState`; with
// `base64Encoding` set, newState and oldState travel as base64 JSON strings.
// https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/event-subscriptions/event-subs-api
// https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/event-subscriptions/message-format-event-subs
import type { SandboxObject, SandboxSubscription } from './store.ts';

export type EventType = 'CREATE' | 'UPDATE' | 'DELETE';

export interface DeliveryRequest {
  readonly method: 'POST';
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Sends one delivery; the default is a real HTTP POST. Returns the endpoint's status code. */
export type DeliverWebhook = (url: string, request: DeliveryRequest) => Promise<number>;

export interface DeliveryRecord {
  readonly subscriptionId: string;
  readonly url: string;
  readonly eventType: EventType;
  readonly objCode: string;
  readonly objId: string;
  readonly status?: number;
  readonly error?: string;
  readonly at: string;
}

export const httpDelivery: DeliverWebhook = async (url, request) => {
  const response = await fetch(url, { ...request, signal: AbortSignal.timeout(5_000) });
  await response.body?.cancel();
  return response.status;
};

export function eventPayload(
  subscription: SandboxSubscription,
  eventType: EventType,
  newState: SandboxObject | Record<string, never>,
  oldState: SandboxObject | Record<string, never>,
  at: Date,
  /** Nanoseconds past the millisecond, so events in one millisecond still order (as Workfront's own nanos do). */
  extraNanos = 0,
): Record<string, unknown> {
  const ms = at.getTime();
  const encode = (state: object) => (subscription.base64Encoding ? Buffer.from(JSON.stringify(state), 'utf8').toString('base64') : state);
  return {
    eventType,
    subscriptionId: subscription.id,
    eventTime: { nano: (ms % 1000) * 1_000_000 + Math.min(extraNanos, 999_999), epochSecond: Math.floor(ms / 1000) },
    newState: encode(newState),
    oldState: encode(oldState),
  };
}

export function matches(subscription: SandboxSubscription, eventType: EventType, object: SandboxObject): boolean {
  return (
    subscription.objCode === object.objCode &&
    subscription.eventType === eventType &&
    (subscription.objId === null || subscription.objId === object.ID)
  );
}
