// What the console is pointed at, read from /config.json at start: written by
// the local gateway for `npm start`, and by the Web stack's deployment
// (BucketDeployment, Source.jsonData) when deployed.
export type AuthConfig =
  | { readonly kind: 'local'; readonly tokenUrl: string }
  | {
      readonly kind: 'cognito';
      /** The user pool's issuer, https://cognito-idp.<region>.amazonaws.com/<poolId> */
      readonly authority: string;
      readonly clientId: string;
      /** The hosted UI's domain, https://<prefix>.auth.<region>.amazoncognito.com */
      readonly domain: string;
      readonly redirectUri: string;
      readonly signOutUri: string;
    };

/** How live updates arrive: graphql-ws (the local endpoint) or by polling (AppSync, whose real-time protocol is its own). */
export type RealtimeConfig = { readonly kind: 'graphql-ws'; readonly url: string } | { readonly kind: 'poll'; readonly intervalMs: number };

export interface ConsoleConfig {
  readonly graphqlUrl: string;
  readonly realtime: RealtimeConfig;
  readonly auth: AuthConfig;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function str(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value !== 'string' || !value) throw new Error(`config.json: ${key} must be a non-empty string`);
  return value;
}

/** Validates config.json; relative URLs resolve against the page (ws: for http:, wss: for https:). */
export function parseConfig(raw: unknown, page: URL): ConsoleConfig {
  if (!isRecord(raw) || !isRecord(raw.realtime) || !isRecord(raw.auth)) throw new Error('config.json must have graphqlUrl, realtime and auth');
  const graphqlUrl = new URL(str(raw, 'graphqlUrl'), page).toString();
  const realtime: RealtimeConfig =
    raw.realtime.kind === 'graphql-ws'
      ? { kind: 'graphql-ws', url: new URL(str(raw.realtime, 'url'), page.href.replace(/^http/, 'ws')).toString() }
      : { kind: 'poll', intervalMs: typeof raw.realtime.intervalMs === 'number' && raw.realtime.intervalMs >= 1000 ? raw.realtime.intervalMs : 10_000 };
  const auth: AuthConfig =
    raw.auth.kind === 'local'
      ? { kind: 'local', tokenUrl: new URL(str(raw.auth, 'tokenUrl'), page).toString() }
      : {
          kind: 'cognito',
          authority: str(raw.auth, 'authority'),
          clientId: str(raw.auth, 'clientId'),
          domain: str(raw.auth, 'domain'),
          redirectUri: str(raw.auth, 'redirectUri'),
          signOutUri: str(raw.auth, 'signOutUri'),
        };
  return { graphqlUrl, realtime, auth };
}

/** Reads config.json next to the page at `page` (the browser's location). */
export async function loadConfig(page: URL): Promise<ConsoleConfig> {
  const response = await fetch(new URL('/config.json', page), { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return parseConfig(await response.json(), page);
}
