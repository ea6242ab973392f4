import * as client from 'openid-client';
import { randomToken, untrackedOutbound, type Config, type OutboundCalls } from '../../../packages/platform/index.ts';

/** Where a person lives, as VNeID says (nơi ở hiện tại). */
export interface ResidenceAddress {
  line: string;
  commune?: string | undefined;
  province?: string | undefined;
}

export interface UpstreamIdentity {
  personalId: string;
  fullName: string;
  enterpriseCode?: string | undefined;
  /** YYYY-MM-DD. */
  dateOfBirth?: string | undefined;
  phone?: string | undefined;
  address?: ResidenceAddress | undefined;
}

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.trim() && value.length <= max ? value.trim() : undefined);

/** The OpenID Connect `address` claim as Sen stores it; anything malformed is left out, never guessed. */
function residence(claim: unknown): ResidenceAddress | undefined {
  if (!claim || typeof claim !== 'object') return undefined;
  const a = claim as Record<string, unknown>;
  const line = text(a.street_address, 300) ?? text(a.formatted, 300);
  return line ? { line, commune: text(a.locality, 200), province: text(a.region, 200) } : undefined;
}

/**
 * Sign-in through VNeID as an upstream OpenID Connect provider (openid-client, code + PKCE).
 * The sandbox and the real VNeID differ only by configuration (issuer, client id, secret).
 */
export function createVneidClient(config: Config, outbound: OutboundCalls = untrackedOutbound) {
  const redirectUri = `${config.publicUrl}/oidc/vneid/callback`;
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(new URL(config.vneid.issuer), config.vneid.clientId, config.vneid.clientSecret, undefined, {
        execute: new URL(config.vneid.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
        // Discovery, token exchange and keys: every request to VNeID counts as one outbound call.
        [client.customFetch]: outbound.fetch('vneid') as unknown as client.CustomFetch,
      })
      .catch((err: unknown) => {
        discovered = undefined; // VNeID may come up after Sen: try again next time.
        throw err;
      });
    return discovered;
  }

  return {
    redirectUri,
    /** Where to send the browser, and what to remember until it comes back. */
    async start(lang: string): Promise<{ url: string; state: string; verifier: string; nonce: string }> {
      const cfg = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = randomToken(24);
      const nonce = randomToken(24);
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: 'openid profile vneid',
        state,
        nonce,
        ui_locales: lang,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, state, verifier, nonce };
    },
    async finish(callbackUrl: URL, expected: { state: string; verifier: string; nonce: string }): Promise<UpstreamIdentity> {
      const cfg = await configuration();
      const tokens = await client.authorizationCodeGrant(cfg, callbackUrl, {
        pkceCodeVerifier: expected.verifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const personalId = String(claims.personal_id ?? claims.sub ?? '');
      return {
        personalId,
        fullName: String(claims.name ?? ''),
        enterpriseCode: typeof claims.enterprise_code === 'string' ? claims.enterprise_code : undefined,
        dateOfBirth: typeof claims.birthdate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(claims.birthdate) ? claims.birthdate : undefined,
        phone: typeof claims.phone_number === 'string' && /^\+?\d{9,12}$/.test(claims.phone_number) ? claims.phone_number : undefined,
        address: residence(claims.address),
      };
    },
  };
}

export type VneidClient = ReturnType<typeof createVneidClient>;
