// The gateway: one local port for everything MCC exposes or calls. Requests
// with X-Amz-Target speak the AWS JSON protocol (EventBridge, Step Functions,
// Secrets Manager); /v2/email/* is SES v2; /_local/* are the runtime's own
// pages (health, outbox, dead letters, development tokens) and mounts (the
// Workfront sandbox); /graphql is a hook; everything else is matched against
// the template's HTTP API routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsServiceError } from '../aws-error.ts';
import type { DeadLetters } from '../eventbridge/dead-letters.ts';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { LocalRoute } from '../template/app-model.ts';
import type { Operation } from './aws-json-apis.ts';
import { issueDevToken } from './dev-token.ts';
import { matchRoute, serveRoute } from './http-api.ts';
import { readBody, send, sendAwsError, sendJson } from './http-util.ts';
import type { Outbox } from './outbox.ts';
import { outboxHtml } from './outbox-page.ts';
import { serveSesV2 } from './sesv2-api.ts';
// --- notifications (issue 17): EventBridge Scheduler's REST-JSON API ---
import type { SchedulerService } from '../scheduler/scheduler-service.ts';
import { isSchedulerPath, serveScheduler } from './scheduler-api.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, pathAfterPrefix: string) => void | Promise<void>;

export interface GatewayOptions {
  /** X-Amz-Target prefix (e.g. `AWSEvents`) → operations. */
  readonly awsJson: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly routes: readonly LocalRoute[];
  readonly lambda: LambdaRunner;
  readonly outbox: Outbox;
  readonly deadLetters: DeadLetters;
  readonly devTokenKey: Uint8Array;
  readonly health: () => { ready: boolean; components: Record<string, unknown> };
  readonly log?: (line: string) => void;
  /** EventBridge Scheduler (issue 17): `/schedules`, `/schedule-groups`. */
  readonly scheduler?: SchedulerService;
}

export class Gateway {
  readonly server: Server;
  readonly #options: GatewayOptions;
  readonly #mounts = new Map<string, RequestHandler>();
  #graphql: RequestHandler | undefined;

  constructor(options: GatewayOptions) {
    this.#options = options;
    this.server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        (this.#options.log ?? console.error)(`[mcc] gateway error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
        else res.end();
      });
    });
  }

  /** Serves `/_local/<name>/…` with a handler (e.g. the Workfront sandbox under `workfront`). */
  mount(name: string, handler: RequestHandler): void {
    this.#mounts.set(name, handler);
  }

  /** The GraphQL endpoint joins here when it lands. */
  setGraphqlHandler(handler: RequestHandler): void {
    this.#graphql = handler;
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') return this.#awsJson(req, res, target);
    if (url.pathname.startsWith('/v2/email/')) return serveSesV2(req, res, url.pathname, this.#options.outbox);
    if (this.#options.scheduler && isSchedulerPath(url.pathname)) return serveScheduler(req, res, url, this.#options.scheduler);
    if (url.pathname.startsWith('/_local/')) return this.#local(req, res, url);
    if (url.pathname === '/graphql' || url.pathname.startsWith('/graphql/')) {
      if (this.#graphql) return this.#graphql(req, res, url.pathname.slice('/graphql'.length));
      return sendJson(res, 501, { message: 'GraphQL is not part of the local runtime yet' });
    }
    const matched = matchRoute(this.#options.routes, (req.method ?? 'GET').toUpperCase(), url.pathname);
    if (matched) return serveRoute(req, res, url, matched, this.#options.lambda);
    sendJson(res, 404, { message: 'Not Found' });
  }

  async #awsJson(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
    const contentType = String(req.headers['content-type'] ?? 'application/x-amz-json-1.1');
    try {
      const [prefix = '', operation = ''] = target.split('.');
      const service = this.#options.awsJson[prefix];
      if (!service) throw new AwsServiceError('UnknownOperationException', `The local gateway does not serve ${target}`);
      const handler = service[operation];
      if (!handler) throw new AwsServiceError('UnknownOperationException', `The local gateway does not serve ${target}`);
      const raw = (await readBody(req)).toString('utf8');
      let body: Record<string, unknown>;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        throw new AwsServiceError('SerializationException', 'The request body is not valid JSON');
      }
      const result = await handler(body);
      send(res, 200, JSON.stringify(result ?? {}), { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() });
    } catch (error) {
      sendAwsError(res, error, contentType);
    }
  }

  async #local(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, , name = '', ...rest] = url.pathname.split('/');
    const wantsJson = (req.headers.accept ?? '').includes('application/json');
    switch (name) {
      case 'health': {
        const health = this.#options.health();
        return sendJson(res, health.ready ? 200 : 503, health);
      }
      case 'outbox': {
        const mails = this.#options.outbox.all();
        if (wantsJson) return sendJson(res, 200, mails);
        return send(res, 200, outboxHtml(mails), { 'content-type': 'text/html; charset=utf-8' });
      }
      case 'dlq':
        return sendJson(res, 200, this.#options.deadLetters.all());
      case 'token': {
        const q = url.searchParams;
        const tenant = q.get('tenant');
        if (!tenant) return sendJson(res, 400, { message: 'tenant is required, e.g. /_local/token?tenant=acme&sub=sam&groups=marketers' });
        const groups = (q.get('groups') ?? '').split(',').filter(Boolean);
        return sendJson(res, 200, await issueDevToken(this.#options.devTokenKey, { tenant, sub: q.get('sub') ?? 'local-user', groups }));
      }
    }
    const mount = this.#mounts.get(name);
    if (mount) return mount(req, res, `/${rest.join('/')}`);
    sendJson(res, 404, { message: `No local page ${url.pathname}` });
  }
}

