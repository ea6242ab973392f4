import type { FastifyRequest } from 'fastify';
import { anonymous, unauthorized, type Principal } from '../../packages/platform/index.ts';
import type { AccountService } from './account.service.ts';
import type { Oidc } from './oidc/provider.ts';

/**
 * Resolves the bearer token of a request to a principal. Access tokens are opaque and looked up
 * in the provider's store, so revocation and account deactivation take effect at once.
 */
export function createAuthenticator(oidc: Oidc, accounts: AccountService) {
  return async function authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (!header) return anonymous;
    const match = /^Bearer ([A-Za-z0-9._~+/-]{16,2048}=*)$/.exec(header);
    if (!match?.[1]) throw unauthorized('auth.invalid_token', 'Malformed authorization header');
    const provider = await oidc.provider();
    const token = match[1];
    const access = await provider.AccessToken.find(token);
    if (access && !access.isExpired && access.accountId) {
      const principal = await accounts.principalForUser(access.accountId);
      if (principal.kind === 'anonymous') throw unauthorized('auth.account_disabled', 'The account is disabled');
      return principal;
    }
    const credentials = await provider.ClientCredentials.find(token);
    if (credentials && !credentials.isExpired) {
      const principal = await accounts.principalForClient(String(credentials.clientId));
      if (principal.kind === 'anonymous') throw unauthorized('auth.client_disabled', 'The client is disabled');
      return principal;
    }
    throw unauthorized('auth.invalid_token', 'The access token is invalid, expired or revoked');
  };
}
