// The local GraphQL endpoint: the schema AppSync deploys (schema/schema.graphql),
// each root field executed by invoking the SAME resolver Lambda bundle with the
// AppSync direct-resolver event, through an invoker the local runtime injects.
// Auth as AppSync does it: a user-pool ID token in `Authorization` (here a
// development token), or IAM for the backend's publish path (a function call,
// not HTTP). Subscriptions run over WebSocket (graphql-ws) and are fed by the
// results of the mutations named in their @aws_subscribe.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  buildSchema,
  execute,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  isObjectType,
  Kind,
  parse,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { APPSYNC_DEFINITIONS } from './appsync-definitions.ts';
import { BACKEND_IDENTITY, personFromToken, type RequestIdentity } from './caller-identity.ts';
import type { TokenVerifier } from './dev-tokens.ts';
import { allowedRules, isAllowed } from './field-auth.ts';
import { PayloadTooLargeError, readBody } from '../gateway/http-util.ts';
import { APPSYNC_DEFAULT_LIMITS, depthErrors, fragmentsOf, resolverCountErrors, type GraphqlLimits } from './query-limits.ts';
import { selectionSetGraphQL, selectionSetList } from './selection-set.ts';
import { argumentFilter, SubscriptionHub } from './subscription-channel.ts';

/** Invokes a function of the synthesized app by logical ID; rejects with the Lambda error (name = errorType). */
export type LambdaInvoker = (functionLogicalId: string, event: unknown) => Promise<unknown>;

export interface LocalGraphqlOptions {
  readonly schemaPath: string;
  readonly invoke: LambdaInvoker;
  readonly resolverFunctionId: string;
  readonly verifyToken: TokenVerifier;
  /** The API's cost limits, from its template (issue 21); AppSync's defaults when omitted. */
  readonly limits?: GraphqlLimits;
}

export interface LocalGraphql {
  handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void>;
  attachWebSocket(server: Server, path: string): { close(): Promise<void> };
  /** The backend's IAM path: what the Campaign Updated rule's AppSync target does in AWS. */
  publishAsBackend(variables: Record<string, unknown>): Promise<ExecutionResult>;
  /** Any operation with the backend's IAM identity, as an EventBridge AppSync target sends it. */
  executeAsBackend(operation: string, variables: Record<string, unknown>): Promise<ExecutionResult>;
}

interface RequestContext {
  readonly caller: RequestIdentity;
  readonly headers: Record<string, string>;
}

export const UNAUTHORIZED = { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' } as const;
const PUBLISH_FIELD = 'publishCampaignUpdate';

function appsyncError(errorType: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { errorType } });
}

/** AppSync puts `errorType` beside `message` rather than under `extensions`. */
function formatResult(result: ExecutionResult): Record<string, unknown> {
  if (!result.errors) return { data: result.data ?? null };
  return {
    data: result.data ?? null,
    errors: result.errors.map((e) => ({
      message: e.message,
      path: e.path ?? null,
      locations: e.locations ?? null,
      errorType: typeof e.extensions?.errorType === 'string' ? e.extensions.errorType : e.path ? 'Unknown' : 'ValidationError',
    })),
  };
}

function headersOf(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : Array.isArray(v) ? [[k, v.join(',')]] : [])));
}

/** The body as JSON; PayloadTooLargeError (before parsing anything) once it passes `maxBytes`. */
async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  return JSON.parse((await readBody(req, maxBytes)).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export function createLocalGraphql(options: LocalGraphqlOptions): LocalGraphql {
  const schema: GraphQLSchema = buildSchema(`${APPSYNC_DEFINITIONS}\n${readFileSync(options.schemaPath, 'utf8')}`);
  const hub = new SubscriptionHub();
  const limits = options.limits ?? APPSYNC_DEFAULT_LIMITS;
  const rules = limits.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  /** Depth first (cheap, memoised), then GraphQL validation with introspection refused when the API disables it. */
  const check = (document: DocumentNode): readonly GraphQLError[] => {
    const tooDeep = depthErrors(document, limits);
    return tooDeep.length ? tooDeep : validate(schema, document, rules);
  };

  // Which subscription fields each mutation feeds, from @aws_subscribe(mutations: [...]).
  const feeds = new Map<string, string[]>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const list = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    for (const m of list?.kind === Kind.LIST ? list.values : []) {
      if (m.kind === Kind.STRING) feeds.set(m.value, [...(feeds.get(m.value) ?? []), field.name]);
    }
  }

  const rootTypes = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);

  const authorize = (typeName: string, fieldName: string, caller: RequestIdentity) => {
    const type = schema.getType(typeName);
    const field = type && isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!type || !isObjectType(type) || !field || !isAllowed(allowedRules(type, field), caller)) {
      throw appsyncError('Unauthorized', `Not Authorized to access ${fieldName} on type ${typeName}`);
    }
  };

  /** One root field = one Lambda invocation with the AppSync direct-resolver event. */
  const invokeField: GraphQLFieldResolver<unknown, RequestContext> = async (source, args, context, info) => {
    authorize(info.parentType.name, info.fieldName, context.caller);
    const fragments: Record<string, FragmentDefinitionNode> = info.fragments;
    const field = info.fieldNodes[0];
    const event = {
      arguments: args,
      identity: context.caller.identity,
      source: source ?? null,
      request: { headers: context.headers, domainName: null },
      info: {
        fieldName: info.fieldName,
        parentTypeName: info.parentType.name,
        variables: info.variableValues,
        selectionSetList: field ? selectionSetList(field, fragments) : [],
        selectionSetGraphQL: field ? selectionSetGraphQL(field) : '',
      },
      prev: null,
      stash: {},
    };
    try {
      return await options.invoke(options.resolverFunctionId, event);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      throw appsyncError(e.name === 'Error' ? 'Lambda:Unhandled' : e.name, e.message);
    }
  };

  const resolveField: GraphQLFieldResolver<unknown, RequestContext> = (source, args, context, info) => {
    if (rootTypes.has(info.parentType.name) && info.parentType.name !== schema.getSubscriptionType()?.name) {
      return invokeField(source, args, context, info);
    }
    return source && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] : undefined;
  };

  /** Fan each successful subscribed-to mutation result out to matching subscribers. */
  const fanOut = (operation: OperationDefinitionNode, result: ExecutionResult) => {
    if (operation.operation !== 'mutation' || !result.data) return;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const value = result.data[selection.alias?.value ?? selection.name.value];
      if (!value || typeof value !== 'object') continue;
      for (const sub of feeds.get(selection.name.value) ?? []) hub.publish(sub, value as Record<string, unknown>);
    }
  };

  const run = async (document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, context: RequestContext): Promise<ExecutionResult> => {
    const errors = check(document);
    if (errors.length > 0) return { errors };
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
    );
    if (!operation) return { errors: [appsyncError('ValidationError', 'No operation to execute')] };
    const tooMany = resolverCountErrors(operation, fragmentsOf(document), limits);
    if (tooMany.length > 0) return { errors: tooMany };
    if (operation.operation === 'subscription') {
      return { errors: [appsyncError('ValidationError', 'Subscriptions are served over WebSocket')] };
    }
    const result = await execute({ schema, document, variableValues: variables, operationName, contextValue: context, fieldResolver: resolveField });
    fanOut(operation, result);
    return result;
  };

  const publishDocument = (() => {
    const type = schema.getMutationType()?.getFields()[PUBLISH_FIELD]?.type;
    const named = type && 'ofType' in type ? type.ofType : type;
    const leaves = named && isObjectType(named) ? Object.keys(named.getFields()).join(' ') : '__typename';
    return parse(`mutation PublishCampaignUpdate($input: CampaignUpdateInput!) { ${PUBLISH_FIELD}(input: $input) { ${leaves} } }`);
  })();

  return {
    async handleHttp(req, res) {
      if (req.method !== 'POST') return send(res, 405, { errors: [{ errorType: 'MethodNotAllowed', message: 'POST a GraphQL request' }] });
      const caller = await personFromToken(options.verifyToken, req.headers.authorization, req.socket.remoteAddress ?? '127.0.0.1');
      if (!caller) return send(res, 401, { errors: [UNAUTHORIZED] });
      let body: { query?: unknown; variables?: unknown; operationName?: unknown };
      try {
        body = (await readJson(req, limits.maxRequestBytes)) as typeof body;
      } catch (error) {
        if (error instanceof PayloadTooLargeError) {
          res.setHeader('connection', 'close');
          return send(res, 413, { errors: [{ errorType: 'PayloadTooLargeException', message: error.message }] });
        }
        return send(res, 400, { errors: [{ errorType: 'MalformedHttpRequestException', message: 'The body is not JSON' }] });
      }
      if (typeof body.query !== 'string') return send(res, 400, { errors: [{ errorType: 'BadRequestException', message: 'query is required' }] });
      let document: DocumentNode;
      try {
        document = parse(body.query);
      } catch (error) {
        return send(res, 200, formatResult({ errors: [appsyncError('ValidationError', (error as Error).message)] }));
      }
      const variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : undefined;
      const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
      const result = await run(document, variables, operationName, { caller, headers: headersOf(req) });
      send(res, 200, formatResult(result));
    },

    attachWebSocket(server, path) {
      const wss = new WebSocketServer({ server, path });
      const callers = new WeakMap<object, RequestIdentity>();
      const disposable = useServer<Record<string, unknown> | undefined>(
        {
          // AppSync clients send the token with the connection; a missing or bad one closes it (4403).
          onConnect: async (ctx) => {
            const params = ctx.connectionParams ?? {};
            const caller = await personFromToken(options.verifyToken, params.Authorization ?? params.authorization, ctx.extra.request.socket.remoteAddress ?? '127.0.0.1');
            if (!caller) return false;
            callers.set(ctx.extra, caller);
            return true;
          },
          // Parse and validate here, with this module's graphql, and hand graphql-ws ready
          // execution arguments: its own graphql import may be another copy of the package.
          onSubscribe: (ctx, _id, payload) => {
            const caller = callers.get(ctx.extra);
            if (!caller) return [appsyncError('Unauthorized', 'The connection was not authorized')];
            let document: DocumentNode;
            try {
              document = parse(payload.query);
            } catch (error) {
              return [appsyncError('ValidationError', (error as Error).message)];
            }
            const errors = check(document);
            if (errors.length > 0) return [...errors];
            const contextValue: RequestContext = { caller, headers: headersOf(ctx.extra.request) };
            return { schema, document, variableValues: payload.variables ?? undefined, operationName: payload.operationName ?? undefined, contextValue };
          },
          execute: async (args) => {
            const result = await execute({ ...args, fieldResolver: resolveField });
            const operation = args.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
            if (operation) fanOut(operation, result);
            return result;
          },
          subscribe: async (args) => {
            const operation = args.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
            if (operation?.operation !== 'subscription') return { errors: [appsyncError('ValidationError', 'Not a subscription')] };
            return subscribe({
              ...args,
              // Subscribe time: authorize, then the resolver Lambda may refuse (e.g. another tenant).
              subscribeFieldResolver: async (source, fieldArgs, context: RequestContext, info) => {
                await invokeField(source, fieldArgs, context, info);
                return hub.subscribe(info.fieldName, argumentFilter(fieldArgs));
              },
              fieldResolver: (source, _args, _context, info) =>
                info.parentType.name === schema.getSubscriptionType()?.name
                  ? (source as Record<string, unknown>)[info.fieldName]
                  : (source as Record<string, unknown> | null)?.[info.fieldName],
            });
          },
        },
        wss,
      );
      return {
        close: async () => {
          await disposable.dispose();
          await new Promise<void>((resolve) => wss.close(() => resolve()));
        },
      };
    },

    async publishAsBackend(variables) {
      return run(publishDocument, variables, undefined, { caller: BACKEND_IDENTITY, headers: {} });
    },
    async executeAsBackend(operation, variables) {
      return run(parse(operation), variables, undefined, { caller: BACKEND_IDENTITY, headers: {} });
    },
  };
}
