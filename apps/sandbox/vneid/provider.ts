import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import Provider, { interactionPolicy, type ClientMetadata, type ErrorOut, type FindAccount, type KoaContextWithOIDC } from 'oidc-provider';
import type { CitizenDirectory } from '../citizens/generator.ts';
import { PAGE_SECURITY_HEADERS, escapeHtml, page } from '../html.ts';
import { createMemoryAdapterFactory } from './adapter.ts';

/** A relying party registered with the VNeID sandbox (a confidential client). */
export interface VneidClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export const DEFAULT_VNEID_CLIENT: VneidClient = {
  clientId: 'sen-province',
  clientSecret: 'sandbox-secret-sen-province',
  redirectUris: ['http://localhost:8080/oidc/vneid/callback'],
  postLogoutRedirectUris: ['http://localhost:8080/'],
};

/** Scopes and the claims each one releases. `vneid` carries what a VNeID relying party receives. */
export const VNEID_SCOPES = ['openid', 'profile', 'phone', 'email', 'vneid'] as const;
const CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'family_name', 'middle_name', 'given_name', 'birthdate', 'gender'],
  phone: ['phone_number'],
  email: ['email'],
  vneid: ['personal_id', 'name', 'birthdate', 'gender', 'phone_number', 'address', 'enterprise_code'],
};

/**
 * Which enterprise a grant signs in for. oidc-provider keeps no custom data on a grant, so the
 * interaction records it here by grant id and `findAccount` reads it back for the ID token
 * and userinfo. Bounded: the oldest entries go first.
 */
export class Representations {
  readonly #byGrant = new Map<string, string>();
  set(grantId: string, enterpriseCode: string): void {
    if (this.#byGrant.size >= 10_000) this.#byGrant.delete(this.#byGrant.keys().next().value!);
    this.#byGrant.set(grantId, enterpriseCode);
  }
  get(grantId: string | undefined): string | undefined {
    return grantId === undefined ? undefined : this.#byGrant.get(grantId);
  }
}

export interface VneidProviderOptions {
  issuer: string;
  /** Path of the interaction pages, e.g. `/vneid/interaction`. */
  interactionPath: string;
  clients: VneidClient[];
  directory: CitizenDirectory;
  representations: Representations;
}

async function signingKey(): Promise<Record<string, unknown>> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

function clientMetadata(client: VneidClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // client_secret_post is accepted too: oidc-provider treats the two secret methods alike.
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

function findAccountIn(directory: CitizenDirectory, representations: Representations): FindAccount {
  return (ctx, sub, token) => {
    const citizen = directory.byId(sub);
    if (!citizen) return undefined;
    const enterpriseCode = representations.get(token?.grantId ?? ctx.oidc.entities.Grant?.jti);
    return {
      accountId: citizen.personalId,
      claims: () => ({
        sub: citizen.personalId,
        personal_id: citizen.personalId,
        name: citizen.fullName,
        family_name: citizen.familyName,
        middle_name: citizen.middleName,
        given_name: citizen.givenName,
        birthdate: citizen.dateOfBirth,
        gender: citizen.sex,
        ...(citizen.phoneNumber ? { phone_number: citizen.phoneNumber } : {}),
        // Nơi ở hiện tại as the OpenID Connect address claim (section 5.1.1 of the core spec).
        address: {
          formatted: citizen.currentAddress.text, street_address: citizen.currentAddress.line,
          locality: citizen.currentAddress.commune, region: citizen.currentAddress.province, country: 'VN',
        },
        ...(citizen.email ? { email: citizen.email } : {}),
        ...(enterpriseCode ? { enterprise_code: enterpriseCode } : {}),
      }),
    };
  };
}

/**
 * Every authorization request shows the sign-in page, even with a live session, so a tester
 * can switch citizens without clearing cookies. (A consequence: `prompt=none` always answers
 * `login_required`.)
 */
function signInEveryTime() {
  const policy = interactionPolicy.base();
  policy.get('login')?.checks.add(
    new interactionPolicy.Check('sandbox_sign_in', 'the sandbox asks who signs in on every request', (ctx) => !ctx.oidc.result?.login),
  );
  return policy;
}

async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  ctx.type = 'html';
  ctx.set(PAGE_SECURITY_HEADERS);
  ctx.body = page({
    title: 'Lỗi đăng nhập VNeID',
    subtitle: 'VNeID sign-in error',
    body: `<div class="error" role="alert"><p>Yêu cầu không hợp lệ. / The request is not valid.</p>
${Object.entries(out).map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`).join('\n')}</div>`,
  });
}

export async function createVneidProvider(options: VneidProviderOptions): Promise<Provider> {
  const provider = new Provider(options.issuer, {
    adapter: createMemoryAdapterFactory(),
    clients: options.clients.map(clientMetadata),
    jwks: { keys: [await signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: [...VNEID_SCOPES],
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    claims: CLAIMS,
    // Release scope claims in the ID token too: relying parties read the citizen from it.
    conformIdTokenClaims: false,
    findAccount: findAccountIn(options.directory, options.representations),
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${options.interactionPath}/${interaction.uid}`,
      policy: signInEveryTime(),
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      claimsParameter: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page({
            title: 'Đăng xuất VNeID',
            subtitle: 'Sign out of the VNeID sandbox',
            body: `${form}<p>Bạn có muốn đăng xuất? / Do you want to sign out?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="sign-out" autofocus>Đăng xuất / Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Ở lại / Stay signed in</button>`,
          });
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page({ title: 'Đã đăng xuất', subtitle: 'Signed out', body: '<p>Bạn đã đăng xuất khỏi VNeID (thử nghiệm). / You are signed out.</p>' });
        },
      },
    },
    clientBasedCORS: () => false,
    renderError,
    ttl: { AccessToken: 3600, AuthorizationCode: 120, IdToken: 3600, Interaction: 1800, Session: 8 * 3600, Grant: 8 * 3600 },
  });
  // Browsers reach the sandbox through its public URL, possibly behind a proxy.
  provider.proxy = true;
  return provider;
}
