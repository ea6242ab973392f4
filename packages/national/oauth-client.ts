/**
 * JSON calls to a national system that authenticates its callers with OAuth 2.0 client
 * credentials (DVCQG, VNPost): a token cached until shortly before it expires, one token request
 * at a time, and one fresh token and one more try when the system answers 401. A network failure
 * or a refused token is reported through `fail`, so each adapter keeps its own error type.
 */
export interface ClientCredentialsOptions {
  /** Base URL of the system, without a trailing slash. */
  base: string;
  tokenPath: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /** The adapter's error for a call that got no answer (`status` undefined) or a refused token. */
  fail(status: number | undefined, code: string, message: string): Error;
  /** Prefix of error codes and messages, e.g. `dvcqg`. */
  system: string;
}

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface ClientCredentialsCaller {
  /** A JSON call with a bearer token. */
  authorised(path: string, init: RequestInit): Promise<JsonAnswer>;
}

/** Seconds before a token's end at which a fresh one is fetched. */
const TOKEN_MARGIN_SECONDS = 30;

export function clientCredentialsCaller(options: ClientCredentialsOptions): ClientCredentialsCaller {
  const { base, system } = options;
  let token: { value: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  async function call(url: string, init: RequestInit): Promise<JsonAnswer> {
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'error' });
    } catch (error) {
      const e = error as { name?: string; cause?: { code?: string } };
      throw options.fail(undefined, `${system}.unreachable`, `${system.toUpperCase()} unreachable: ${e.cause?.code ?? e.name ?? 'error'}`);
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, body };
  }

  async function fetchToken(): Promise<string> {
    const { status, body } = await call(`${base}${options.tokenPath}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    if (status !== 200 || typeof body.access_token !== 'string') {
      throw options.fail(status, String(body.code ?? `${system}.token_refused`), `${system.toUpperCase()} token refused (${status})`);
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
    token = { value: body.access_token, until: Date.now() + Math.max(0, seconds - TOKEN_MARGIN_SECONDS) * 1000 };
    return token.value;
  }

  /** One token request at a time, shared by concurrent callers. */
  function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return Promise.resolve(token.value);
    pending ??= fetchToken().finally(() => { pending = undefined; });
    return pending;
  }

  return {
    async authorised(path, init) {
      const send = async () => call(`${base}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${await accessToken()}` } });
      const first = await send();
      if (first.status !== 401) return first;
      token = undefined; // revoked or expired early: one fresh token, one more try
      return send();
    },
  };
}
