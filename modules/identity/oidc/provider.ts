import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config, Db, SecretBox } from '../../../packages/platform/index.ts';
import type { AccountService } from '../account.service.ts';
import type { Revocation } from '../token-cache.ts';
import { createOidcAdapter } from './adapter.ts';
import { enforceClientSecrets } from './client-secrets.ts';
import { ensureKeys, loadKeys } from './keys.ts';
import { messagePage, langOf } from './pages.ts';
import { RESOURCE_SCOPES, resourceServers } from './resources.ts';

export const WEB_CLIENT_ID = 'sen-web';
// Replicas re-read the key set this often, so a rotation reaches all of them.
const KEY_REFRESH_MS = 60_000;

const TTL = {
  AccessToken: 10 * 60,
  ClientCredentials: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  Interaction: 30 * 60,
  Session: 8 * 60 * 60,
  Grant: 14 * 24 * 60 * 60,
  RefreshToken: 14 * 24 * 60 * 60,
};

function webClient(config: Config, extraOrigins: string[]) {
  const origins = [config.publicUrl, ...extraOrigins];
  return {
    client_id: WEB_CLIENT_ID,
    client_name: 'Sen',
    token_endpoint_auth_method: 'none',
    application_type: 'web',
    scope: ['openid', 'profile', 'offline_access', 'api'].join(' '),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: origins.map((o) => `${o}/auth/callback`),
    post_logout_redirect_uris: origins.map((o) => `${o}/`),
  } as const;
}

interface Dependencies {
  db: Db;
  config: Config;
  accounts: AccountService;
  box: SecretBox;
  revoked: (r: Revocation) => Promise<void>;
  devOrigins: string[];
}

function buildConfiguration(deps: Dependencies, keys: Awaited<ReturnType<typeof loadKeys>>): Configuration {
  const { db, config, accounts, devOrigins } = deps;
  const resources = resourceServers(config.publicUrl);
  const BaseAdapter = createOidcAdapter(db, deps.revoked);
  // Service clients (client credentials) live in identity.service_clients, not in the payload table.
  class Adapter extends BaseAdapter {
    override async find(id: string) {
      if (this.type !== 'Client') return super.find(id);
      const client = await accounts.repo.serviceClient(id);
      if (!client || !client.active) return undefined;
      return {
        client_id: client.clientId,
        // A hash (see client-secrets.ts): the provider compares the presented secret's hash with it.
        client_secret: client.secretHash,
        client_name: client.name,
        scope: client.scopes.join(' '),
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      };
    }
  }
  const web = webClient(config, devOrigins);
  const allowedOrigins = new Set([config.publicUrl, ...devOrigins]);
  return {
    adapter: Adapter,
    clients: [web as unknown as NonNullable<Configuration['clients']>[number]],
    jwks: { keys: keys.signing as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: keys.cookies, long: { signed: true, sameSite: 'lax' }, short: { signed: true, sameSite: 'lax' } },
    findAccount: async (_ctx, sub) => {
      const user = await accounts.repo.userById(sub);
      if (!user || !user.active) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: user.fullName, preferred_username: user.username ?? undefined, sen_kind: user.kind }),
      };
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'sen_kind'] },
    scopes: ['openid', 'profile', 'offline_access', ...RESOURCE_SCOPES],
    // Only what Sen's clients use: the code flow (no implicit, no id_token responses), public
    // clients with PKCE and confidential clients with HTTP Basic.
    responseTypes: ['code'],
    clientAuthMethods: ['none', 'client_secret_basic'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke only tokens issued to itself.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      // Introspection answers the token's own client, or a registered resource server.
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId || (await accounts.repo.serviceClient(client.clientId))?.resourceServer === true,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resources.api.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          const resource = resources.get(indicator);
          if (!resource) throw new errors.InvalidTarget();
          return { scope: resource.scope, audience: resource.audience, accessTokenFormat: 'opaque', accessTokenTTL: TTL.AccessToken };
        },
      },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          const button = '<button type="submit" form="op.logoutForm" name="logout" value="yes" id="confirm-sign-out">Đăng xuất / Sign out</button>';
          ctx.body = messagePage('vi', 'Đăng xuất', 'Sign out', 'Bạn muốn đăng xuất khỏi Sen? / Sign out of Sen?').replace('<a class="button"', `${form}${button} <a class="button secondary"`);
        },
        // The provider's own page would @import a web font from Google, which the CSP refuses.
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = messagePage('vi', 'Đã đăng xuất', 'Signed out', 'Bạn đã đăng xuất khỏi Sen. / You have signed out of Sen.');
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    clientBasedCORS: (_ctx, origin) => allowedOrigins.has(origin),
    ttl: TTL,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = messagePage(langOf(ctx.oidc?.params?.ui_locales), 'Không thể đăng nhập', 'Sign-in failed', String(out.error_description ?? out.error));
    },
  };
}

/**
 * The platform's OpenID Connect provider. The key set lives in the database; each replica
 * rebuilds its provider when the set changes (rotation), so old tokens keep verifying.
 */
export function createOidc(deps: Dependencies) {
  const { db, config, box } = deps;
  let built: { provider: Provider; fingerprint: string; checkedAt: number } | undefined;
  let building: Promise<Provider> | undefined;

  async function build(): Promise<Provider> {
    await ensureKeys(db, box);
    const keys = await loadKeys(db, box);
    if (built && built.fingerprint === keys.fingerprint) {
      built.checkedAt = Date.now();
      return built.provider;
    }
    const provider = new Provider(`${config.publicUrl}/oidc`, buildConfiguration(deps, keys));
    provider.proxy = config.trustProxy;
    enforceClientSecrets(provider);
    built = { provider, fingerprint: keys.fingerprint, checkedAt: Date.now() };
    return provider;
  }

  return {
    async provider(): Promise<Provider> {
      if (built && Date.now() - built.checkedAt < KEY_REFRESH_MS) return built.provider;
      building ??= build().finally(() => (building = undefined));
      return building;
    },
    /** Forces a reload (after this replica rotated keys). */
    async reload(): Promise<Provider> {
      built = built && { ...built, checkedAt: 0 };
      return this.provider();
    },
  };
}

export type Oidc = ReturnType<typeof createOidc>;
