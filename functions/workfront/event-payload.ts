// Workfront event-subscription deliveries, in every documented shape, turned
// into one normalized event:
// - current format (2017.3 onwards; event subscriptions version 2 keeps it):
//   `{ eventType, subscriptionId, eventTime: { nano, epochSecond }, newState, oldState }`,
//   CREATE with an empty oldState, DELETE with an empty newState
//   (https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/event-subscriptions/event-subs-api,
//   "Examples of Event Payloads";
//   https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/event-subscriptions/event-subs-versioning);
// - base64Encoding: the same, with newState and oldState as base64 JSON strings
//   (same page, "Base 64 Encoding");
// - the pre-2017.3 format: `{ eventType, subscriptionId, fields }`, no eventTime
//   (https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/event-subscriptions/message-format-event-subs).
// Ordering uses eventTime, as Workfront advises; the legacy format falls back
// to the object's lastUpdateDate.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validate.ts';

const State = z.union([z.record(z.string(), z.unknown()), z.string()]);

const CurrentFormat = z.looseObject({
  eventType: z.string().min(1).max(32),
  subscriptionId: z.string().min(1).max(128),
  eventTime: z.looseObject({ nano: z.number().int().min(0).max(999_999_999), epochSecond: z.number().int().min(0) }).optional(),
  newState: State,
  oldState: State.optional(),
});

const LegacyFormat = z.looseObject({
  eventType: z.string().min(1).max(32),
  subscriptionId: z.string().min(1).max(128),
  fields: z.record(z.string(), z.unknown()),
});

const ObjectState = z.looseObject({
  ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  objCode: z.string().min(1).max(32),
  status: z.string().max(32).nullable().optional(),
  // Read when it is a percentage; anything else in it must not cost the delivery.
  percentComplete: z.unknown().optional(),
  lastUpdateDate: z.string().nullable().optional(),
});

export type PayloadFormat = 'current' | 'base64' | 'legacy';

export interface WorkfrontEvent {
  readonly eventType: string;
  readonly subscriptionId: string;
  readonly objCode: string;
  readonly objId: string;
  /** The object's status after the event; undefined for DELETE or when absent. */
  readonly status: string | undefined;
  /** A task's percent complete after the event, when the payload carries it. */
  readonly percentComplete: number | undefined;
  /** When it happened: ISO 8601 with nine fraction digits, so strings sort in time order. */
  readonly eventAt: string | undefined;
  readonly format: PayloadFormat;
  /** Stable across redeliveries (and across the v1/v2 duplicates sent while a subscription changes version). */
  readonly dedupKey: string;
}

export function parseWorkfrontEvent(body: unknown): WorkfrontEvent {
  const legacy = LegacyFormat.safeParse(body);
  if (legacy.success && !('newState' in legacy.data)) {
    const state = parseOrThrow(ObjectState, legacy.data.fields, 'Workfront event fields');
    return normalize(legacy.data.eventType, legacy.data.subscriptionId, state, timestampOf(state.lastUpdateDate), 'legacy');
  }
  const current = parseOrThrow(CurrentFormat, body, 'Workfront event');
  const encoded = typeof current.newState === 'string';
  const newState = decodeState(current.newState, 'newState');
  // oldState is only needed when newState is empty (DELETE); Adobe's own base64
  // example carries an undecodable oldState, so a bad one is ignored otherwise.
  const useOld = Object.keys(newState).length === 0;
  const oldState = current.oldState === undefined ? {} : useOld ? decodeState(current.oldState, 'oldState') : {};
  const state = parseOrThrow(ObjectState, useOld ? oldState : newState, useOld ? 'Workfront event oldState' : 'Workfront event newState');
  const eventAt = current.eventTime ? fromEventTime(current.eventTime) : timestampOf(state.lastUpdateDate);
  return normalize(current.eventType, current.subscriptionId, useOld ? { ...state, status: undefined, percentComplete: undefined } : state, eventAt, encoded ? 'base64' : 'current');
}

function normalize(eventType: string, subscriptionId: string, state: z.infer<typeof ObjectState>, eventAt: string | undefined, format: PayloadFormat): WorkfrontEvent {
  const type = eventType.toUpperCase();
  // The object's state is part of the key: without eventTime or lastUpdateDate, two status changes
  // (ONH, then DED) would otherwise share one key and the second be dropped as a redelivery.
  const key = [subscriptionId, type, state.objCode, state.ID, eventAt ?? state.lastUpdateDate ?? '', canonicalJson(state)].join('|');
  return {
    eventType: type,
    subscriptionId,
    objCode: state.objCode.toUpperCase(),
    objId: state.ID,
    status: state.status ?? undefined,
    percentComplete: typeof state.percentComplete === 'number' && state.percentComplete >= 0 && state.percentComplete <= 100 ? state.percentComplete : undefined,
    eventAt,
    format,
    dedupKey: createHash('sha256').update(key).digest('hex'),
  };
}

/** JSON with object keys sorted at every level, so the same state always gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function decodeState(state: string | Record<string, unknown>, field: string): Record<string, unknown> {
  if (typeof state !== 'string') return state;
  const invalid = () => new ValidationError('Workfront event', [{ field, message: 'must be an object or base64-encoded JSON object' }]);
  if (!/^[A-Za-z0-9+/=\s]*$/.test(state)) throw invalid();
  try {
    const decoded: unknown = JSON.parse(Buffer.from(state, 'base64').toString('utf8') || '{}');
    if (decoded && typeof decoded === 'object' && !Array.isArray(decoded)) return decoded as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid();
}

/** `{ epochSecond, nano }` as `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. */
export function fromEventTime(time: { epochSecond: number; nano: number }): string {
  const seconds = new Date(time.epochSecond * 1000).toISOString().slice(0, 19);
  return `${seconds}.${String(time.nano).padStart(9, '0')}Z`;
}

/** Workfront's own timestamps (`2017-10-06T13:48:56.980-0600`) in the same fixed-width form. */
export function timestampOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return fromEventTime({ epochSecond: Math.floor(ms / 1000), nano: (((ms % 1000) + 1000) % 1000) * 1_000_000 });
}
