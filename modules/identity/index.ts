// The identity module's one door: SSO (OpenID Connect provider), officials, citizens, roles.
import { createSecretBox, notFound, type Listen, type ModuleContext, type OutboundCalls } from '../../packages/platform/index.ts';
import { createAccountService, type AgencyDirectory } from './account.service.ts';
import { accountRoutes } from './account.routes.ts';
import { createAuthenticator } from './principal.ts';
import { createOidc, WEB_CLIENT_ID } from './oidc/provider.ts';
import { interactionRoutes } from './oidc/interactions.routes.ts';
import { rotateSigningKey } from './oidc/keys.ts';
import { createVneidClient } from './oidc/upstream.ts';
import { seedDemoAccounts, DEMO_ACCOUNTS, DEMO_SERVICE_CLIENT, DEMO_TOTP_SECRET } from './demo.ts';
import { createRevocationSender, createTokenCache } from './token-cache.ts';
import { LGSP_SCOPES, resourceServers } from './oidc/resources.ts';

export { PERMISSIONS, permissionCodes, BUILT_IN_ROLES, type Permission } from './permissions.ts';
export { DEMO_ACCOUNTS, DEMO_SERVICE_CLIENT, DEMO_TOTP_SECRET, WEB_CLIENT_ID };
export { SCOPE_DESCRIPTIONS } from './oidc/resources.ts';
export { hashClientSecret } from './oidc/client-secrets.ts';
export type { AgencyDirectory, AccountService } from './account.service.ts';

export interface IdentityOptions {
  /** Extra browser origins allowed for the web client (the Vite dev server). */
  devOrigins?: string[];
  /** Records the calls to VNeID (`sen_outbound_request_duration_seconds{system="vneid"}`). */
  outbound?: OutboundCalls;
}

export function createIdentityModule(ctx: ModuleContext & { listen: Listen }, agencies: AgencyDirectory, options: IdentityOptions = {}) {
  const box = createSecretBox(ctx.config.masterKey);
  const tokens = createTokenCache();
  const revoked = createRevocationSender(ctx.db, tokens);
  const accounts = createAccountService(ctx.db, agencies, { box, revoked });
  const oidc = createOidc({ db: ctx.db, config: ctx.config, accounts, box, revoked, devOrigins: options.devOrigins ?? [] });
  const vneid = createVneidClient(ctx.config, options.outbound);
  const rotateKeys = async () => {
    const kid = await rotateSigningKey(ctx.db, box);
    await oidc.reload();
    return kid;
  };
  return {
    service: accounts,
    authenticate: createAuthenticator(oidc, accounts, tokens, resourceServers(ctx.config.publicUrl).api.audience),
    /** Bearer tokens issued for the LGSP gateway (audience `$PUBLIC_URL/lgsp`, decision 0008); API tokens are refused. */
    authenticateGateway: createAuthenticator(oidc, accounts, tokens, resourceServers(ctx.config.publicUrl).lgsp.audience),
    /**
     * A short-lived client-credentials token for the LGSP gateway, issued to a service client by the
     * platform itself (no secret): the developer portal's "try it" console calls the gateway as the
     * consumer subsystem that client authenticates, through every gateway check (decision 0034).
     */
    async issueGatewayToken(clientId: string, seconds: number): Promise<string> {
      const provider = await oidc.provider();
      const client = await provider.Client.find(clientId);
      if (!client) throw notFound('identity.client_not_found', 'No such service client');
      const token = new provider.ClientCredentials({ client, scope: LGSP_SCOPES.join(' '), expiresIn: seconds });
      token.setAudience(resourceServers(ctx.config.publicUrl).lgsp.audience);
      return token.save();
    },
    /** /api/identity/* */
    routes: accountRoutes(accounts, rotateKeys),
    /** /oidc/* (the provider and its sign-in pages), mounted at the root. */
    oidcRoutes: interactionRoutes({ db: ctx.db, publicUrl: ctx.config.publicUrl, oidc, accounts, vneid, signInLimits: { attemptsPerAddressPerMinute: ctx.config.signInRateLimitPerMinute, failuresPerAddress: ctx.config.signInFailureLimit } }),
    rotateKeys,
    /** People as other modules need them: officials to assign, citizens to prefill. */
    people: {
      principalOf: (userId: string) => accounts.principalForUser(userId),
      citizenIdentity: (userId: string) => accounts.citizenIdentity(userId),
      officialsHolding: (permission: string, agencyId: string) => accounts.officialsHolding(permission, agencyId),
    },
    provider: () => oidc.provider(),
    async seed(): Promise<void> {
      await accounts.seedRoles();
      await oidc.provider();
    },
    /** Starts hearing revocation signals (until then, every bearer token is checked in the database). */
    start: () => tokens.start(ctx.listen),
    stop: () => tokens.stop(),
    seedDemo: (at: { root: string; desk: string }) => seedDemoAccounts(accounts, box, at),
  };
}

export type IdentityModule = ReturnType<typeof createIdentityModule>;
