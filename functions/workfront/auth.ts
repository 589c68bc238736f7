// How requests to Workfront are authenticated.
// - OAuth (production): an Adobe IMS OAuth Server-to-Server access token from
//   `{imsUrl}/ims/token/v3` (client_credentials grant), sent as
//   `Authorization: Bearer <token>` — the header Workfront's own API client
//   uses for IMS tokens (https://github.com/Workfront/workfront-api/pull/1485).
//   Tokens are cached until shortly before `expires_in` runs out, and
//   concurrent callers share one token request.
//   (https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/ims)
// - API key (sandboxes): the `apiKey` header, as Workfront's API client sends it
//   (https://github.com/Workfront/workfront-api/blob/master/src/Api.ts, getHeaders).
import { ImsTokenResponse } from './envelopes.ts';
import type { ApiKeyCredentials, CredentialsLoader, OAuthCredentials } from './credentials.ts';
import { WorkfrontAuthError, WorkfrontThrottledError, WorkfrontUnavailableError } from './errors.ts';

export interface WorkfrontAuth {
  /** Headers that authenticate one REST or event-subscription request. */
  headers(): Promise<Record<string, string>>;
  /** Forget a cached token after Workfront answered 401; true when a retry may help. */
  invalidate(): boolean;
}

export interface ImsTokenAuthOptions {
  /** IMS root, e.g. `https://ims-na1.adobelogin.com`. */
  readonly imsUrl: string;
  readonly credentials: CredentialsLoader<OAuthCredentials>;
  /** Renew this long before the token expires, so no request carries a token about to lapse. */
  readonly refreshMarginSeconds?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

interface CachedToken {
  readonly value: string;
  readonly renewAt: number;
}

export class ImsTokenAuth implements WorkfrontAuth {
  readonly #options: ImsTokenAuthOptions;
  #cached: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;

  constructor(options: ImsTokenAuthOptions) {
    this.#options = options;
  }

  async headers(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.token()}` };
  }

  invalidate(): boolean {
    const had = this.#cached !== undefined;
    this.#cached = undefined;
    return had;
  }

  async token(): Promise<string> {
    const now = (this.#options.now ?? Date.now)();
    if (this.#cached && now < this.#cached.renewAt) return this.#cached.value;
    this.#pending ??= this.#fetchToken().finally(() => (this.#pending = undefined));
    this.#cached = await this.#pending;
    return this.#cached.value;
  }

  async #fetchToken(): Promise<CachedToken> {
    const { clientId, clientSecret, scopes } = await this.#options.credentials();
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    const scope = Array.isArray(scopes) ? scopes.join(',') : scopes;
    if (scope) body.set('scope', scope);
    const url = `${this.#options.imsUrl.replace(/\/+$/, '')}/ims/token/v3`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new WorkfrontUnavailableError(`Adobe IMS could not be reached: ${error instanceof Error ? error.name : 'network error'}`);
    }
    if (response.status === 429) throw new WorkfrontThrottledError('Adobe IMS is throttling token requests');
    if (response.status >= 500) throw new WorkfrontUnavailableError(`Adobe IMS answered ${response.status}`, response.status);
    if (!response.ok) throw new WorkfrontAuthError(`Adobe IMS refused the client credentials (${response.status})`);
    const parsed = ImsTokenResponse.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new WorkfrontAuthError('Adobe IMS answered without an access token');
    const margin = (this.#options.refreshMarginSeconds ?? 300) * 1000;
    const lifetime = parsed.data.expires_in * 1000;
    const now = (this.#options.now ?? Date.now)();
    // A token shorter-lived than twice the margin is still used for half its life.
    return { value: parsed.data.access_token, renewAt: now + Math.max(lifetime - margin, lifetime / 2) };
  }
}

export class ApiKeyAuth implements WorkfrontAuth {
  readonly #credentials: CredentialsLoader<ApiKeyCredentials>;

  constructor(credentials: CredentialsLoader<ApiKeyCredentials>) {
    this.#credentials = credentials;
  }

  async headers(): Promise<Record<string, string>> {
    return { apiKey: (await this.#credentials()).apiKey };
  }

  invalidate(): boolean {
    return false;
  }
}
