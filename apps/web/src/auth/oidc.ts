// Minimal OpenID Connect client for the public `sen-web` client: authorization code + PKCE.
import { codeChallenge, decodeJwtClaims, randomToken } from './pkce.ts';
import { getTokens, setTokens, type TokenSet } from './tokens.ts';

export const CLIENT_ID = 'sen-web';
// `api`: the access token is for the Sen API (resource …/api), which refuses tokens without it.
const SCOPE = 'openid profile offline_access api';
const PENDING_KEY = 'sen.oidc.pending';
/** Refresh this long before the access token actually expires. */
const EXPIRY_SKEW_MS = 30_000;

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  revocation_endpoint?: string;
}

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

export class OidcError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? code);
    this.code = code;
  }
}

const issuer = () => `${location.origin}/oidc`;
const redirectUri = () => `${location.origin}/auth/callback`;

let discovery: Promise<Discovery> | null = null;
function discover(): Promise<Discovery> {
  discovery ??= fetch(`${issuer()}/.well-known/openid-configuration`).then(async (response) => {
    if (!response.ok) throw new OidcError('discovery_failed', `Discovery failed (${response.status})`);
    return (await response.json()) as Discovery;
  });
  discovery.catch(() => (discovery = null));
  return discovery;
}

/** Starts sign-in: remembers state, nonce and verifier, then leaves for the authorization endpoint. */
export async function signIn(options: { returnTo?: string; locale: string }): Promise<void> {
  const { authorization_endpoint } = await discover();
  const pending: Pending = {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(48),
    returnTo: options.returnTo ?? '/',
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    scope: SCOPE,
    redirect_uri: redirectUri(),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ui_locales: options.locale,
  }).toString();
  location.assign(url.toString());
}

async function tokenRequest(params: Record<string, string>): Promise<TokenSet> {
  const { token_endpoint } = await discover();
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...params }),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & { error?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    throw new OidcError(body.error ?? 'token_failed', body.error_description ?? `Token request failed (${response.status})`);
  }
  return {
    accessToken: body.access_token,
    idToken: body.id_token,
    refreshToken: body.refresh_token,
    expiresAt: Date.now() + (body.expires_in ?? 300) * 1000,
  };
}

/** Completes sign-in on /auth/callback; returns where the user wanted to go. */
export async function handleCallback(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const error = params.get('error');
  if (error) throw new OidcError(error, params.get('error_description') ?? undefined);
  if (!raw) throw new OidcError('no_pending_request');
  const pending = JSON.parse(raw) as Pending;
  if (params.get('state') !== pending.state) throw new OidcError('state_mismatch');
  const code = params.get('code');
  if (!code) throw new OidcError('missing_code');
  const tokens = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  if (tokens.idToken && decodeJwtClaims(tokens.idToken).nonce !== pending.nonce) throw new OidcError('nonce_mismatch');
  setTokens(tokens);
  // Only same-origin paths: never bounce to another site after sign-in.
  return pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/';
}

let refreshing: Promise<TokenSet | null> | null = null;

/** Exchanges the refresh token; one request at a time however many callers ask. */
export function refresh(): Promise<TokenSet | null> {
  refreshing ??= (async () => {
    const current = getTokens();
    if (!current?.refreshToken) return null;
    try {
      const next = await tokenRequest({ grant_type: 'refresh_token', refresh_token: current.refreshToken });
      setTokens({ ...next, idToken: next.idToken ?? current.idToken, refreshToken: next.refreshToken ?? current.refreshToken });
      return getTokens();
    } catch {
      setTokens(null);
      return null;
    }
  })().finally(() => (refreshing = null));
  return refreshing;
}

/** A valid access token, refreshed if it has (nearly) expired; null when signed out. */
export async function accessToken(): Promise<string | null> {
  const tokens = getTokens();
  if (!tokens) return null;
  if (tokens.expiresAt - EXPIRY_SKEW_MS > Date.now()) return tokens.accessToken;
  return (await refresh())?.accessToken ?? null;
}

/** Revokes the refresh token, forgets the tokens and ends the provider session. */
export async function signOut(): Promise<void> {
  const tokens = getTokens();
  let endSession: string | undefined;
  try {
    const config = await discover();
    endSession = config.end_session_endpoint;
    if (tokens?.refreshToken) {
      await fetch(config.revocation_endpoint ?? `${issuer()}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: CLIENT_ID, token: tokens.refreshToken, token_type_hint: 'refresh_token' }),
      });
    }
  } catch {
    // Signing out locally must work even when the provider is unreachable.
  }
  setTokens(null);
  if (!endSession) {
    location.assign('/');
    return;
  }
  const url = new URL(endSession);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('post_logout_redirect_uri', `${location.origin}/`);
  if (tokens?.idToken) url.searchParams.set('id_token_hint', tokens.idToken);
  location.assign(url.toString());
}
