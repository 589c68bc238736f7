// A local stand-in for Adobe Workfront: the REST subset MCC uses
// (`/attask/api/vNN.N/{proj|task}` create, get, search, PUT status), the Adobe
// IMS token endpoint, the event-subscription API and its webhook deliveries,
// the documented envelopes and error shapes, and fault injection (429/5xx)
// for tests. The local gateway mounts `handle` under `/_local/workfront/`;
// tests use `listen`. Same wire formats as ./events.ts and
// functions/workfront/envelopes.ts cite.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eventPayload, httpDelivery, matches, type DeliverWebhook, type DeliveryRecord, type EventType } from './events.ts';
import { projectsPage, PROJECT_STATUSES, TASK_STATUSES, tasksPage } from './page.ts';
import { newGuid, SandboxStore, workfrontTimestamp, type SandboxObjCode, type SandboxObject, type SandboxSubscription } from './store.ts';

export interface SandboxOptions {
  /** Persist objects and subscriptions here (JSON); in memory only when absent. */
  readonly dataFile?: string;
  /** Public URL of the sandbox root (ends with `/`), used for Location headers and page links. */
  readonly publicBaseUrl: string;
  readonly deliverWebhook?: DeliverWebhook;
  /** OAuth Server-to-Server clients IMS accepts. */
  readonly clients?: readonly { clientId: string; clientSecret: string }[];
  /** API keys the REST API accepts. */
  readonly apiKeys?: readonly string[];
  readonly tokenTtlSeconds?: number;
  readonly customerId?: string;
}

export interface Fault {
  readonly status: number;
  readonly retryAfter?: string;
  /** `api` (REST and event subscriptions, the default) or `ims`. */
  readonly scope?: 'api' | 'ims';
}

export interface WorkfrontSandbox {
  handle(req: IncomingMessage, res: ServerResponse, pathAfterPrefix: string): Promise<void>;
  /** The next `times` matching requests fail with this status instead of being served. */
  failNext(fault: Fault, times?: number): void;
  /** Resolves when every webhook delivery started so far has finished. */
  idle(): Promise<void>;
  readonly store: SandboxStore;
  readonly deliveries: readonly DeliveryRecord[];
  readonly stats: { tokensIssued: number; apiRequests: number };
  /** Changes a project's status as a Workfront user would (and notifies subscribers). */
  setProjectStatus(id: string, status: string): SandboxObject;
  /** Changes a task's status (and percent complete) as its assignee would (execution, issue 15). */
  setTaskStatus(id: string, status: string, percentComplete?: number): SandboxObject;
}

const MAX_BODY = 1_048_576;
const API_PATH = /^\/attask\/api\/(v\d+\.\d+)\/(proj|project|task)(?:\/([^/]+))?\/?$/i;
const SUBSCRIPTIONS_PATH = /^\/attask\/eventsubscription\/api\/v1\/subscriptions(?:\/([^/]+))?\/?$/;
const CONTROL_PARAMS = new Set(['fields', '$$LIMIT', '$$FIRST', 'apiKey', 'sessionID', 'method', 'map', 'updates']);

class HttpError extends Error {
  readonly status: number;
  readonly errorClass: string;
  constructor(status: number, errorClass: string, message: string) {
    super(message);
    this.status = status;
    this.errorClass = errorClass;
  }
}

export function createWorkfrontSandbox(options: SandboxOptions): WorkfrontSandbox {
  const store = new SandboxStore(options.dataFile);
  const tokens = new Map<string, number>();
  const faults: { fault: Fault; remaining: number }[] = [];
  const deliveries: DeliveryRecord[] = [];
  const pending = new Set<Promise<void>>();
  const stats = { tokensIssued: 0, apiRequests: 0 };
  const deliver = options.deliverWebhook ?? httpDelivery;
  const customerId = options.customerId ?? '544820df0000135b7719dcca654391f6';
  const base = options.publicBaseUrl.endsWith('/') ? options.publicBaseUrl : `${options.publicBaseUrl}/`;

  function takeFault(scope: 'api' | 'ims'): Fault | undefined {
    const entry = faults.find((f) => (f.fault.scope ?? 'api') === scope);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) faults.splice(faults.indexOf(entry), 1);
    return entry.fault;
  }

  function authenticated(req: IncomingMessage, query: URLSearchParams): boolean {
    const now = Date.now();
    const bearer = /^Bearer (.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
    const session = header(req, 'sessionid') ?? query.get('sessionID') ?? undefined;
    for (const token of [bearer, session]) {
      const expires = token ? tokens.get(token) : undefined;
      if (expires !== undefined && expires > now) return true;
    }
    const keys = options.apiKeys ?? [];
    const apiKey = header(req, 'apikey') ?? query.get('apiKey') ?? header(req, 'authorization');
    return apiKey !== undefined && apiKey !== null && keys.includes(apiKey);
  }

  let lastEventMs = 0;
  let sameMsEvents = 0;
  function notify(eventType: EventType, object: SandboxObject, before?: SandboxObject): void {
    const at = new Date();
    sameMsEvents = at.getTime() === lastEventMs ? sameMsEvents + 1 : 0;
    lastEventMs = at.getTime();
    for (const subscription of store.subscriptions.values()) {
      if (!matches(subscription, eventType, object)) continue;
      const newState = eventType === 'DELETE' ? {} : object;
      const oldState = eventType === 'CREATE' ? {} : (before ?? object);
      const body = JSON.stringify(eventPayload(subscription, eventType, newState, oldState, at, sameMsEvents));
      const record = { subscriptionId: subscription.id, url: subscription.url, eventType, objCode: object.objCode, objId: object.ID };
      const delivery = deliver(subscription.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${subscription.authToken}` },
        body,
      })
        .then((status) => void deliveries.push({ ...record, status, at: new Date().toISOString() }))
        .catch((error: unknown) => void deliveries.push({ ...record, error: error instanceof Error ? error.message : String(error), at: new Date().toISOString() }))
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    }
  }

  function update(id: string, changes: Record<string, unknown>): SandboxObject {
    const current = store.objects.get(id);
    if (!current) throw new HttpError(404, 'com.attask.common.NotFoundException', `Object ${id} does not exist`);
    const before = { ...current };
    const next: SandboxObject = { ...current, ...pick(changes, ['name', 'description', 'status', 'plannedStartDate', 'plannedCompletionDate', 'percentComplete', 'extRefID']) };
    if (current.objCode === 'TASK') Object.assign(next, taskCollections(changes, current.projectID ?? '', current.ID));
    next.lastUpdateDate = workfrontTimestamp(new Date());
    store.objects.set(id, next);
    store.save();
    notify('UPDATE', next, before);
    return next;
  }

  function create(objCode: SandboxObjCode, fields: Record<string, unknown>): SandboxObject {
    const name = fields.name;
    if (typeof name !== 'string' || name.trim() === '') {
      throw new HttpError(422, 'com.attask.common.ValidationException', 'name is a required field');
    }
    if (objCode === 'TASK' && (typeof fields.projectID !== 'string' || store.objects.get(fields.projectID)?.objCode !== 'PROJ')) {
      throw new HttpError(422, 'com.attask.common.ValidationException', 'projectID must name an existing project');
    }
    const now = workfrontTimestamp(new Date());
    const object: SandboxObject = {
      ID: newGuid(),
      objCode,
      name,
      description: stringOrNull(fields.description),
      status: typeof fields.status === 'string' ? fields.status : objCode === 'PROJ' ? 'CUR' : 'NEW',
      extRefID: stringOrNull(fields.extRefID),
      ...(objCode === 'TASK' ? { projectID: String(fields.projectID) } : {}),
      plannedStartDate: stringOrNull(fields.plannedStartDate),
      plannedCompletionDate: stringOrNull(fields.plannedCompletionDate),
      entryDate: now,
      lastUpdateDate: now,
      percentComplete: 0,
      priority: 0,
    };
    if (objCode === 'TASK') Object.assign(object, taskCollections(fields, String(fields.projectID), object.ID));
    store.objects.set(object.ID, object);
    store.save();
    notify('CREATE', object);
    return object;
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, match: RegExpExecArray, query: URLSearchParams): Promise<void> {
    stats.apiRequests += 1;
    const objCode: SandboxObjCode = (match[2] ?? '').toLowerCase() === 'task' ? 'TASK' : 'PROJ';
    const rest = match[3];
    const method = (query.get('method') ?? req.method ?? 'GET').toUpperCase();
    if (rest === 'search' && method === 'GET') {
      const limit = Math.min(Number(query.get('$$LIMIT') ?? 100) || 100, 2000);
      const found = store.list(objCode).filter((o) => matchesFilters(o, query)).slice(0, limit);
      return json(res, 200, { data: found });
    }
    if (rest === 'count' && method === 'GET') {
      return json(res, 200, { count: store.list(objCode).filter((o) => matchesFilters(o, query)).length });
    }
    if (!rest && method === 'POST') {
      return json(res, 200, { data: create(objCode, await readUpdates(req, query)) });
    }
    if (rest && method === 'GET') {
      const object = store.objects.get(rest);
      if (!object || object.objCode !== objCode) throw new HttpError(404, 'com.attask.common.NotFoundException', `${objCode} ${rest} does not exist`);
      return json(res, 200, { data: object });
    }
    if (rest && method === 'PUT') {
      return json(res, 200, { data: update(rest, await readUpdates(req, query)) });
    }
    if (rest && method === 'DELETE') {
      const object = store.objects.get(rest);
      if (!object) throw new HttpError(404, 'com.attask.common.NotFoundException', `${objCode} ${rest} does not exist`);
      store.objects.delete(rest);
      store.save();
      notify('DELETE', object);
      return json(res, 200, { data: { success: true } });
    }
    throw new HttpError(400, 'java.lang.IllegalArgumentException', `Unsupported ${method} on ${objCode}`);
  }

  async function serveSubscriptions(req: IncomingMessage, res: ServerResponse, id: string | undefined, query: URLSearchParams): Promise<void> {
    stats.apiRequests += 1;
    const method = req.method ?? 'GET';
    if (!id && method === 'POST') {
      const body = parseJson(await readBody(req));
      const sub = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
      const eventType = String(sub.eventType ?? '');
      if (typeof sub.url !== 'string' || !/^https?:\/\//.test(sub.url) || !sub.objCode || !['CREATE', 'UPDATE', 'DELETE'].includes(eventType) || !sub.authToken) {
        res.writeHead(400).end();
        return;
      }
      const created: SandboxSubscription = {
        id: randomUUID(),
        customerId,
        objId: typeof sub.objId === 'string' ? sub.objId : null,
        objCode: String(sub.objCode),
        eventType,
        url: sub.url,
        authToken: String(sub.authToken),
        base64Encoding: sub.base64Encoding === true || sub.base64Encoding === 'true',
      };
      store.subscriptions.set(created.id, created);
      store.save();
      // Documented: 201 Created, empty body, Location names the new subscription.
      res.writeHead(201, { Location: `${base}attask/eventsubscription/api/v1/subscriptions/${created.id}`, 'Content-Length': '0' }).end();
      return;
    }
    if (!id && method === 'GET') {
      const all = [...store.subscriptions.values()];
      const limit = Math.min(Number(query.get('limit') ?? 100) || 100, 1000);
      const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
      const subscriptions = all.slice((page - 1) * limit, page * limit).map(publicSubscription);
      return json(res, 200, { subscriptions, meta: { page, page_count: Math.max(1, Math.ceil(all.length / limit)), limit, total_count: all.length } });
    }
    const existing = id ? store.subscriptions.get(id) : undefined;
    if (id && method === 'GET') {
      if (!existing) return void res.writeHead(404).end();
      return json(res, 200, publicSubscription(existing));
    }
    if (id && method === 'DELETE') {
      if (!existing) return void res.writeHead(404).end();
      store.subscriptions.delete(id);
      store.save();
      return void res.writeHead(200).end();
    }
    res.writeHead(405).end();
  }

  async function serveIms(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const client = (options.clients ?? []).find((c) => c.clientId === form.get('client_id') && c.clientSecret === form.get('client_secret'));
    if (form.get('grant_type') !== 'client_credentials' || !client) {
      return json(res, 400, { error: 'invalid_client', error_description: 'invalid client_id or client_secret' });
    }
    const token = `sandbox-${newGuid()}`;
    const ttl = options.tokenTtlSeconds ?? 86_399;
    tokens.set(token, Date.now() + ttl * 1000);
    stats.tokensIssued += 1;
    return json(res, 200, { access_token: token, token_type: 'bearer', expires_in: ttl });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, pathAfterPrefix: string): Promise<void> {
    const path = pathAfterPrefix.startsWith('/') ? pathAfterPrefix : `/${pathAfterPrefix}`;
    const query = new URL(req.url ?? '/', 'http://sandbox').searchParams;
    try {
      if (path === '/ims/token/v3' && req.method === 'POST') {
        const fault = takeFault('ims');
        if (fault) return failWith(res, fault);
        return await serveIms(req, res);
      }
      const api = API_PATH.exec(path);
      const subs = SUBSCRIPTIONS_PATH.exec(path);
      if (api || subs) {
        const fault = takeFault('api');
        if (fault) return failWith(res, fault);
        if (!authenticated(req, query)) throw new HttpError(401, 'com.attask.common.AuthenticationException', 'You are not currently logged in');
        if (api) return await serveApi(req, res, api, query);
        return await serveSubscriptions(req, res, subs?.[1], query);
      }
      const ui = /^\/ui\/proj\/([^/]+)$/.exec(path);
      if (ui && req.method === 'POST') {
        const status = new URLSearchParams(await readBody(req)).get('status') ?? '';
        setProjectStatus(ui[1] ?? '', status);
        res.writeHead(303, { Location: base }).end();
        return;
      }
      const taskUi = /^\/ui\/task\/([^/]+)$/.exec(path);
      if (taskUi && req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const percent = form.get('percentComplete');
        setTaskStatus(taskUi[1] ?? '', form.get('status') ?? '', percent === null || percent === '' ? undefined : Number(percent));
        res.writeHead(303, { Location: `${base}tasks` }).end();
        return;
      }
      if (path === '/tasks' && req.method === 'GET') {
        const project = query.get('project');
        const tasks = store.list('TASK').filter((t) => !project || t.projectID === project);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(tasksPage(tasks, base));
        return;
      }
      if ((path === '/' || path === '') && req.method === 'GET') {
        const html = projectsPage(store.list('PROJ'), store.list('TASK'), base);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
        return;
      }
      throw new HttpError(404, 'com.attask.common.NotFoundException', `No route for ${req.method} ${path}`);
    } catch (error) {
      if (error instanceof HttpError) return json(res, error.status, { error: { class: error.errorClass, message: error.message } });
      return json(res, 500, { error: { class: 'java.lang.RuntimeException', message: error instanceof Error ? error.message : 'error' } });
    }
  }

  /**
   * A task's nested collections (execution, issue 15): `assignments` replace the
   * task's assignments, the first assignee becoming `assignedToID`;
   * `predecessors` become PRED records (predecessorID → successorID) of a
   * documented dependency type, naming tasks of the same project.
   */
  function taskCollections(fields: Record<string, unknown>, projectID: string, taskId: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (fields.assignments !== undefined) {
      if (!Array.isArray(fields.assignments)) throw new HttpError(422, 'com.attask.common.ValidationException', 'assignments must be a collection');
      const assignments = fields.assignments.map((a: unknown) => {
        const { assignedToID, roleID, assignmentPercent } = (a ?? {}) as { assignedToID?: unknown; roleID?: unknown; assignmentPercent?: unknown };
        const user = typeof assignedToID === 'string' && assignedToID !== '' ? assignedToID : null;
        const role = typeof roleID === 'string' && roleID !== '' ? roleID : null;
        if (!user && !role) throw new HttpError(422, 'com.attask.common.ValidationException', 'each assignment needs an assignedToID or a roleID');
        return { ID: newGuid(), objCode: 'ASSGN', assignedToID: user, roleID: role, taskID: taskId, assignmentPercent: typeof assignmentPercent === 'number' ? assignmentPercent : 100, status: 'ACP' };
      });
      out.assignments = assignments;
      out.assignedToID = assignments.find((a) => a.assignedToID)?.assignedToID ?? null;
    }
    if (fields.predecessors !== undefined) {
      if (!Array.isArray(fields.predecessors)) throw new HttpError(422, 'com.attask.common.ValidationException', 'predecessors must be a collection');
      out.predecessors = fields.predecessors.map((p: unknown) => {
        const pred = (p ?? {}) as { predecessorID?: unknown; predecessorType?: unknown; lagDays?: unknown };
        const before = typeof pred.predecessorID === 'string' ? store.objects.get(pred.predecessorID) : undefined;
        if (!before || before.objCode !== 'TASK' || before.projectID !== projectID) {
          throw new HttpError(422, 'com.attask.common.ValidationException', 'predecessorID must name a task of the same project');
        }
        const type = typeof pred.predecessorType === 'string' ? pred.predecessorType : 'fs';
        if (!['fs', 'ss', 'ff', 'sf'].includes(type)) throw new HttpError(422, 'com.attask.common.ValidationException', `unknown predecessorType ${type}`);
        const lagDays = pred.lagDays === undefined ? 0 : Number(pred.lagDays);
        if (!Number.isFinite(lagDays) || Math.abs(lagDays) > 366) throw new HttpError(422, 'com.attask.common.ValidationException', 'lagDays must be a number of days up to 366');
        return { ID: newGuid(), objCode: 'PRED', predecessorID: before.ID, successorID: taskId, predecessorType: type, lagDays };
      });
    }
    return out;
  }

  function setTaskStatus(id: string, status: string, percentComplete?: number): SandboxObject {
    if (!(status in TASK_STATUSES)) throw new HttpError(422, 'com.attask.common.ValidationException', `Unknown task status ${status}`);
    const current = store.objects.get(id);
    if (current?.objCode !== 'TASK') throw new HttpError(404, 'com.attask.common.NotFoundException', `TASK ${id} does not exist`);
    const percent = percentComplete ?? (status === 'CPL' ? 100 : status === 'NEW' ? 0 : current.percentComplete);
    return update(id, { status, percentComplete: percent });
  }

  function setProjectStatus(id: string, status: string): SandboxObject {
    if (!(status in PROJECT_STATUSES)) throw new HttpError(422, 'com.attask.common.ValidationException', `Unknown project status ${status}`);
    return update(id, { status });
  }

  return {
    handle,
    failNext: (fault, times = 1) => void faults.push({ fault, remaining: times }),
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    store,
    deliveries,
    stats,
    setProjectStatus,
    setTaskStatus,
  };
}

/** A standalone server for tests: the sandbox at the root of `http://127.0.0.1:{port}/`. */
export async function listen(
  options: Omit<SandboxOptions, 'publicBaseUrl'> & { port?: number },
): Promise<{ sandbox: WorkfrontSandbox; url: string; close: () => Promise<void> }> {
  // The sandbox needs the server's port for its public URL, so it is created after listening.
  const holder: { sandbox?: WorkfrontSandbox } = {};
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    void holder.sandbox?.handle(req, res, path);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const created = createWorkfrontSandbox({ ...options, publicBaseUrl: `${url}/` });
  holder.sandbox = created;
  return {
    sandbox: created,
    url,
    close: async () => {
      await created.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function failWith(res: ServerResponse, fault: Fault): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
  const message = fault.status === 429 ? 'Too many requests' : 'Service unavailable';
  res.writeHead(fault.status, headers).end(JSON.stringify({ error: { class: 'com.attask.common.SandboxFault', message } }));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BODY) throw new HttpError(413, 'java.lang.IllegalArgumentException', 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    throw new HttpError(400, 'java.lang.IllegalArgumentException', 'Body is not JSON');
  }
}

/** Fields to set: a JSON body, or the `updates` request parameter, or plain request parameters. */
async function readUpdates(req: IncomingMessage, query: URLSearchParams): Promise<Record<string, unknown>> {
  const body = parseJson(await readBody(req));
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  const updates = query.get('updates');
  if (updates) {
    const parsed = parseJson(updates);
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  }
  return Object.fromEntries([...query.entries()].filter(([k]) => !CONTROL_PARAMS.has(k)));
}

function matchesFilters(object: SandboxObject, query: URLSearchParams): boolean {
  for (const [field, value] of query.entries()) {
    if (CONTROL_PARAMS.has(field) || /_(Mod|Sort|Range)$/.test(field)) continue;
    const actual = object[field];
    const mod = query.get(`${field}_Mod`) ?? 'eq';
    const text = actual === null || actual === undefined ? '' : String(actual);
    const ok =
      mod === 'contains' ? text.includes(value) : mod === 'cicontains' ? text.toLowerCase().includes(value.toLowerCase()) : mod === 'ne' ? text !== value : text === value;
    if (!ok) return false;
  }
  return true;
}

function pick(source: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => source[n] !== undefined).map((n) => [n, source[n]]));
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function publicSubscription(s: SandboxSubscription): Record<string, unknown> {
  return { id: s.id, customerId: s.customerId, objId: s.objId, objCode: s.objCode, url: s.url, eventType: s.eventType, authToken: s.authToken };
}
