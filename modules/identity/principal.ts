import type { FastifyRequest } from 'fastify';
import { anonymous, sha256Hex, unauthorized, type Principal } from '../../packages/platform/index.ts';
import type { AccountService } from './account.service.ts';
import type { Oidc } from './oidc/provider.ts';
import { CACHE_TTL_MS, type TokenCache } from './token-cache.ts';

interface IssuedToken {
  isExpired: boolean;
  exp?: number;
  aud?: string | string[];
  scope?: string;
  accountId?: string;
  clientId?: string;
  grantId?: string;
}

/**
 * Resolves the bearer token of a request to a principal (with the token's scopes). Access tokens
 * are opaque; a token is verified once against the provider's store and the account, then kept
 * in the token cache (see token-cache.ts) until it expires, the TTL passes or a revocation
 * signal names it, its grant, its account or its client.
 */
export function createAuthenticator(oidc: Oidc, accounts: AccountService, cache: TokenCache, audience: string) {
  async function verify(token: string): Promise<{ principal: Principal; issued: IssuedToken }> {
    const provider = await oidc.provider();
    const issued = ((await provider.AccessToken.find(token)) ?? (await provider.ClientCredentials.find(token))) as IssuedToken | undefined;
    if (!issued || issued.isExpired) throw unauthorized('auth.invalid_token', 'The access token is invalid, expired or revoked');
    // RFC 8707: a token issued for another resource (the LGSP gateway, userinfo) is not for this API.
    if (![issued.aud].flat().includes(audience)) throw unauthorized('auth.invalid_token', 'The access token was not issued for this API');
    const scopes = (issued.scope ?? '').split(' ').filter(Boolean);
    const found = issued.accountId ? await accounts.principalForUser(issued.accountId) : await accounts.principalForClient(String(issued.clientId));
    if (found.kind === 'anonymous') {
      throw issued.accountId ? unauthorized('auth.account_disabled', 'The account is disabled') : unauthorized('auth.client_disabled', 'The client is disabled');
    }
    return { principal: { ...found, scopes }, issued };
  }

  return async function authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (!header) return anonymous;
    const match = /^Bearer ([A-Za-z0-9._~+/-]{16,2048}=*)$/.exec(header);
    if (!match?.[1]) throw unauthorized('auth.invalid_token', 'Malformed authorization header');
    const token = match[1];
    const hash = sha256Hex(token);
    const now = Date.now();
    const hit = cache.get(hash, now);
    // One cache for every resource: a token verified for another audience is verified again here (and refused).
    if (hit && hit.audience === audience) return hit.principal;
    const generation = cache.generation();
    const { principal, issued } = await verify(token);
    const until = Math.min(now + CACHE_TTL_MS, (issued.exp ?? 0) * 1000);
    cache.set(hash, { principal, until, grantId: issued.grantId, accountId: issued.accountId, clientId: String(issued.clientId), audience }, generation);
    return principal;
  };
}
