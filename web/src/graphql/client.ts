// One urql client per signed-in session: HTTP for queries and mutations (the
// ID token in Authorization, as AppSync's user-pool mode wants it), and
// graphql-ws for subscriptions when the endpoint speaks it (locally).
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import type { ConsoleConfig } from '../config.ts';
import type { Session } from '../auth/session.ts';

export interface ConsoleClient {
  readonly client: Client;
  close(): void;
}

export function createConsoleClient(config: ConsoleConfig, session: Session): ConsoleClient {
  let ws: WsClient | undefined;
  const exchanges = [cacheExchange, fetchExchange];
  if (config.realtime.kind === 'graphql-ws') {
    const socket = createWsClient({ url: config.realtime.url, connectionParams: { Authorization: session.token }, retryAttempts: Infinity, shouldRetry: () => true });
    ws = socket;
    exchanges.push(
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    );
  }
  const client = new Client({
    url: config.graphqlUrl,
    exchanges,
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { Authorization: session.token } }),
  });
  return { client, close: () => void ws?.dispose() };
}
