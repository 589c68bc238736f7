// Workfront event subscriptions: `{baseUrl}/attask/eventsubscription/api/v1/subscriptions`
// — POST a subscription resource `{ objCode, eventType, url, authToken, objId?,
// base64Encoding? }` (201 Created, empty body, Location header), GET the list
// `{ subscriptions: [...], meta }` (page/limit), DELETE by ID
// (https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/event-subscriptions/event-subs-api).
// `ensureSubscriptions` makes the set MCC needs, skipping ones that exist.
import { z } from 'zod';
import type { WorkfrontAuth } from './auth.ts';
import { WorkfrontAuthError, WorkfrontRequestError, WorkfrontUnavailableError } from './errors.ts';

export const Subscription = z.looseObject({
  id: z.string(),
  objCode: z.string(),
  eventType: z.string(),
  url: z.string(),
  objId: z.string().nullable().optional(),
});
export type Subscription = z.infer<typeof Subscription>;

const SubscriptionList = z.looseObject({
  subscriptions: z.array(Subscription),
  meta: z.looseObject({ page: z.number(), page_count: z.number() }).optional(),
});

export interface NewSubscription {
  readonly objCode: string;
  readonly eventType: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly url: string;
  readonly authToken: string;
  readonly base64Encoding?: boolean;
}

export class EventSubscriptionClient {
  readonly #root: string;
  readonly #auth: WorkfrontAuth;

  constructor(baseUrl: string, auth: WorkfrontAuth) {
    this.#root = `${baseUrl.replace(/\/+$/, '')}/attask/eventsubscription/api/v1/subscriptions`;
    this.#auth = auth;
  }

  async list(): Promise<Subscription[]> {
    const all: Subscription[] = [];
    for (let page = 1; ; page++) {
      const response = await this.#send('GET', `?page=${page}&limit=1000`);
      const parsed = SubscriptionList.parse(await response.json());
      all.push(...parsed.subscriptions);
      if (!parsed.meta || page >= parsed.meta.page_count) return all;
    }
  }

  /** Returns the new subscription's URI (the Location header). */
  async create(subscription: NewSubscription): Promise<string> {
    const response = await this.#send('POST', '', subscription);
    if (response.status !== 201) throw new WorkfrontRequestError(response.status, 'subscription was not created');
    return response.headers.get('location') ?? '';
  }

  async delete(id: string): Promise<void> {
    await this.#send('DELETE', `/${encodeURIComponent(id)}`);
  }

  async #send(method: string, suffix: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${this.#root}${suffix}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(await this.#auth.headers()) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 401 || response.status === 403) throw new WorkfrontAuthError(`Event subscriptions need a System Administrator (${response.status})`);
    if (response.status >= 500 || response.status === 429) throw new WorkfrontUnavailableError(`Workfront answered ${response.status}`, response.status);
    if (!response.ok) throw new WorkfrontRequestError(response.status, await response.text().catch(() => 'rejected'));
    return response;
  }
}

export const MCC_SUBSCRIPTIONS: readonly { objCode: 'PROJ' | 'TASK'; eventType: 'CREATE' | 'UPDATE' | 'DELETE' }[] = (['PROJ', 'TASK'] as const).flatMap(
  (objCode) => (['CREATE', 'UPDATE', 'DELETE'] as const).map((eventType) => ({ objCode, eventType })),
);

/** Creates the PROJ/TASK × CREATE/UPDATE/DELETE subscriptions for `url` that do not exist yet. */
export async function ensureSubscriptions(
  client: EventSubscriptionClient,
  target: { url: string; authToken: string },
): Promise<{ created: string[]; existing: string[] }> {
  const current = await client.list();
  const created: string[] = [];
  const existing: string[] = [];
  for (const { objCode, eventType } of MCC_SUBSCRIPTIONS) {
    const label = `${objCode} ${eventType}`;
    if (current.some((s) => s.url === target.url && s.objCode === objCode && s.eventType === eventType && !s.objId)) {
      existing.push(label);
      continue;
    }
    await client.create({ objCode, eventType, url: target.url, authToken: target.authToken });
    created.push(label);
  }
  return { created, existing };
}
