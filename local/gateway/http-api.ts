// HTTP API routes from the template (AWS::ApiGatewayV2::Route → Integration →
// Lambda), served the way API Gateway's HTTP API does with payload format
// 2.0: the request becomes the v2 event, and the function's result maps back
// (a `{statusCode, headers, body, isBase64Encoded, cookies}` object, or any
// other value as a 200 JSON body).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { LocalRoute } from '../template/app-model.ts';
import { PayloadTooLargeError, readBody, send, sendJson, sendTooLarge } from './http-util.ts';

export interface MatchedRoute {
  readonly route: LocalRoute;
  readonly pathParameters: Record<string, string>;
}

function routeRegex(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(.+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        names.push(greedy[1]);
        return '(.+)';
      }
      const param = /^\{(.+)\}$/.exec(segment);
      if (param?.[1]) {
        names.push(param[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source}/?$`), names };
}

/** The most specific matching route: exact method before ANY, literal paths before parameters, `$default` last. */
export function matchRoute(routes: readonly LocalRoute[], method: string, path: string): MatchedRoute | undefined {
  const candidates: (MatchedRoute & { score: number })[] = [];
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    if (route.path === '$default') {
      candidates.push({ route, pathParameters: {}, score: -1 });
      continue;
    }
    const { regex, names } = routeRegex(route.path);
    const match = regex.exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]));
    // More literal segments first, then single-segment parameters over greedy ones, then an exact method over ANY.
    const segments = route.path.split('/').filter(Boolean);
    const literals = segments.filter((s) => !s.startsWith('{')).length;
    const greedy = segments.filter((s) => s.endsWith('+}')).length;
    const score = 10_000 + literals * 100 + (segments.length - literals - greedy) * 10 + (route.method === method ? 1 : 0);
    candidates.push({ route, pathParameters, score });
  }
  return candidates.sort((a, b) => b.score - a.score)[0];
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript|graphql))/;

export async function buildV2Event(req: IncomingMessage, url: URL, matched: MatchedRoute, sourceIp: string) {
  const body = await readBody(req);
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie') cookies.push(...String(value).split(/;\s*/));
    else headers[lower] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType) || contentType === '';
  const method = (req.method ?? 'GET').toUpperCase();
  const now = new Date();
  return {
    version: '2.0',
    routeKey: matched.route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0],
      http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: matched.route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(matched.pathParameters).length ? { pathParameters: matched.pathParameters } : {}),
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

export async function serveRoute(req: IncomingMessage, res: ServerResponse, url: URL, matched: MatchedRoute, lambda: LambdaRunner): Promise<void> {
  let event: Awaited<ReturnType<typeof buildV2Event>>;
  try {
    event = await buildV2Event(req, url, matched, req.socket.remoteAddress ?? '127.0.0.1');
  } catch (error) {
    // Refused before any function runs, token or not, as API Gateway does.
    if (error instanceof PayloadTooLargeError) return sendTooLarge(res);
    throw error;
  }
  if (!lambda.find(matched.route.functionArn)) return sendJson(res, 500, { message: 'Internal Server Error' });
  const result = await lambda.invoke(matched.route.functionArn, event);
  if (!result.ok) return sendJson(res, 500, { message: 'Internal Server Error' });
  const payload = result.payload;
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && 'statusCode' in payload) {
    const r = payload as { statusCode: number; headers?: Record<string, string | number | boolean>; body?: string; isBase64Encoded?: boolean; cookies?: string[] };
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    if (r.cookies?.length) headers['set-cookie'] = r.cookies;
    const body = r.body === undefined ? '' : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body;
    res.writeHead(Number(r.statusCode), { 'content-type': 'application/json', ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
    return;
  }
  // Format 2.0 without a statusCode: API Gateway answers 200 with the value as JSON.
  send(res, 200, typeof payload === 'string' ? payload : JSON.stringify(payload), { 'content-type': 'application/json' });
}
