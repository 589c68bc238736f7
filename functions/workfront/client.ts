// The Workfront REST client: `{baseUrl}/attask/api/{version}/{objCode}…`, the
// documented `{data}` / `{error}` envelopes, timeouts, and retries with
// exponential backoff and jitter on 429 and 5xx only (honouring Retry-After).
// Failures surface as the named errors in ./errors.ts.
// REST conventions (object URIs, POST inserts, PUT edits, GET …/search with
// field filters, `fields`, `$$LIMIT`):
// https://experienceleague.adobe.com/en/docs/workfront/using/adobe-workfront-api/api-general-information/api-basics
// POST/PUT bodies are JSON, as Workfront's own client sends `updates`
// (https://github.com/Workfront/workfront-api/blob/master/src/Api.ts, populateQueryStringAndBodyParams).
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkfrontAuth } from './auth.ts';
import { WorkfrontFailure, WorkfrontObject, WorkfrontSuccess, type RestObjCode } from './envelopes.ts';
import {
  WorkfrontAuthError,
  WorkfrontProtocolError,
  WorkfrontRequestError,
  WorkfrontThrottledError,
  WorkfrontUnavailableError,
} from './errors.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy.ts';

export interface WorkfrontClientOptions {
  /** Instance root, e.g. `https://acme.my.workfront.com`. */
  readonly baseUrl: string;
  /** e.g. `v22.0` (API version 22, released May 2026). */
  readonly apiVersion: string;
  readonly auth: WorkfrontAuth;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/** Scalars, or a nested collection such as a task's `assignments` or `predecessors` (replaced whole). */
export type FieldValue = string | number | boolean | null | readonly Readonly<Record<string, string | number | boolean>>[];
export type Fields = Record<string, FieldValue>;

/** Fields MCC asks for on every object it reads. */
export const DEFAULT_FIELDS = ['ID', 'name', 'objCode', 'status', 'extRefID', 'projectID', 'plannedStartDate', 'plannedCompletionDate', 'lastUpdateDate'];

interface Request {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
}

export class WorkfrontClient {
  readonly #root: string;
  readonly #options: WorkfrontClientOptions;
  readonly #policy: RetryPolicy;

  constructor(options: WorkfrontClientOptions) {
    this.#options = options;
    this.#root = `${options.baseUrl.replace(/\/+$/, '')}/attask/api/${options.apiVersion}`;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /** The instance root, for building links people open (e.g. a project's page). */
  get baseUrl(): string {
    return this.#options.baseUrl.replace(/\/+$/, '');
  }

  /** Where a person sees the object in Workfront's web app. */
  objectUrl(objCode: RestObjCode, id: string): string {
    return `${this.baseUrl}/${objCode === 'PROJ' ? 'project' : 'task'}/${encodeURIComponent(id)}`;
  }

  async createProject(fields: Fields): Promise<WorkfrontObject> {
    return this.create('PROJ', fields);
  }

  async createTask(fields: Fields): Promise<WorkfrontObject> {
    return this.create('TASK', fields);
  }

  async create(objCode: RestObjCode, fields: Fields): Promise<WorkfrontObject> {
    const data = await this.#call({ method: 'POST', path: `/${objCode.toLowerCase()}`, query: { fields: DEFAULT_FIELDS.join(',') }, body: fields });
    return toObject(data);
  }

  async getProject(id: string): Promise<WorkfrontObject> {
    return this.get('PROJ', id);
  }

  async get(objCode: RestObjCode, id: string): Promise<WorkfrontObject> {
    const data = await this.#call({
      method: 'GET',
      path: `/${objCode.toLowerCase()}/${encodeURIComponent(id)}`,
      query: { fields: DEFAULT_FIELDS.join(',') },
    });
    return toObject(data);
  }

  /** `GET /{objCode}/search?field=value…`: exact-match filters, newest Workfront semantics apply. */
  async search(objCode: RestObjCode, filters: Record<string, string>, limit = 100): Promise<WorkfrontObject[]> {
    const data = await this.#call({
      method: 'GET',
      path: `/${objCode.toLowerCase()}/search`,
      query: { ...filters, fields: DEFAULT_FIELDS.join(','), $$LIMIT: String(limit) },
    });
    if (!Array.isArray(data)) throw new WorkfrontProtocolError('Workfront search answered without a data array');
    return data.map(toObject);
  }

  /** Every object whose `extRefID` equals the given reference (MCC sets it to its own IDs). */
  async findAllByExtRefId(objCode: RestObjCode, extRefID: string, extra: Record<string, string> = {}): Promise<WorkfrontObject[]> {
    return (await this.search(objCode, { ...extra, extRefID }, 20)).filter((o) => o.extRefID === extRefID);
  }

  /** The first object whose `extRefID` equals the given reference. */
  async findByExtRefId(objCode: RestObjCode, extRefID: string, extra: Record<string, string> = {}): Promise<WorkfrontObject | undefined> {
    return (await this.findAllByExtRefId(objCode, extRefID, extra))[0];
  }

  async #call(request: Request): Promise<unknown> {
    const url = new URL(`${this.#root}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const wait = this.#options.sleep ?? sleep;
    let refreshedAuth = false;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.#policy.maxAttempts;
      // Outside the try: a refused IMS credential is an auth error, not an outage.
      const authHeaders = await this.#options.auth.headers();
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method,
          headers: {
            Accept: 'application/json',
            ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...authHeaders,
          },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        // Timeouts and connection failures: a POST may or may not have landed,
        // which is why callers look objects up by extRefID before creating.
        const why = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not be reached';
        if (last) throw new WorkfrontUnavailableError(`Workfront ${why} (${request.method} ${request.path})`);
        await wait(backoffDelay(this.#policy, attempt));
        continue;
      }

      if (response.status === 429 || response.status >= 500) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        await response.body?.cancel();
        const tooLong = retryAfter !== undefined && retryAfter > this.#policy.maxDelayMs;
        if (last || tooLong) {
          if (response.status === 429) throw new WorkfrontThrottledError(`Workfront is throttling requests (${request.method} ${request.path})`, retryAfter);
          throw new WorkfrontUnavailableError(`Workfront answered ${response.status} (${request.method} ${request.path})`, response.status);
        }
        await wait(Math.max(retryAfter ?? 0, backoffDelay(this.#policy, attempt)));
        continue;
      }

      if (response.status === 401 && !refreshedAuth && this.#options.auth.invalidate()) {
        // A cached IMS token may have been revoked early: fetch a new one once.
        refreshedAuth = true;
        await response.body?.cancel();
        attempt--;
        continue;
      }

      const body = await readJson(response);
      const failure = WorkfrontFailure.safeParse(body);
      if (failure.success) {
        const { message, class: errorClass } = failure.data.error;
        if (response.status === 401) throw new WorkfrontAuthError(`Workfront refused the credentials: ${message ?? 'unauthorized'}`);
        throw new WorkfrontRequestError(response.ok ? 400 : response.status, message ?? 'no message', errorClass);
      }
      if (!response.ok) {
        if (response.status === 401) throw new WorkfrontAuthError('Workfront refused the credentials');
        throw new WorkfrontRequestError(response.status, response.statusText || 'request rejected');
      }
      const success = WorkfrontSuccess.safeParse(body);
      if (!success.success) {
        throw new WorkfrontProtocolError(`Workfront answered ${request.method} ${request.path} without a data envelope`);
      }
      return success.data.data;
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** GET by ID answers an object; some Workfront versions wrap it in a one-item array. */
function toObject(data: unknown): WorkfrontObject {
  const item = Array.isArray(data) ? data[0] : data;
  const parsed = WorkfrontObject.safeParse(item);
  if (!parsed.success) throw new WorkfrontProtocolError('Workfront answered with an object that has no ID');
  return parsed.data;
}
