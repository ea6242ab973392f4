import { timingSafeEqual } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';
import { sha256Hex } from '../../../packages/platform/index.ts';

/**
 * Client secrets are stored as `sha256:<hex>` of the secret, never in clear. Secrets Sen issues
 * are 256 random bits, so a fast hash is enough (nothing to brute-force); the demo client's
 * documented secret is public anyway.
 */
const PREFIX = 'sha256:';

export const hashClientSecret = (secret: string): string => `${PREFIX}${sha256Hex(secret)}`;

export function clientSecretMatches(presented: string, stored: string): boolean {
  if (!stored.startsWith(PREFIX)) return false;
  const a = Buffer.from(hashClientSecret(presented));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Teaches the provider's client model both rules it lacks: the presented secret is compared
 * with the stored hash, and a client uses only the method it is registered with. oidc-provider
 * accepts a secret in the body (client_secret_post) from a client_secret_basic client; the
 * request's parameters are at hand here (Provider.ctx), so such a request is refused.
 */
export function enforceClientSecrets(provider: Provider): void {
  const prototype = provider.Client.prototype as unknown as {
    clientSecret?: string;
    clientAuthMethod: string;
    compareClientSecret(actual: string): Promise<boolean> | boolean;
  };
  prototype.compareClientSecret = function compareClientSecret(actual: string) {
    const params = (Provider.ctx as { oidc?: { params?: { client_secret?: unknown } } } | undefined)?.oidc?.params;
    const inBody = params?.client_secret !== undefined;
    if (inBody !== (this.clientAuthMethod === 'client_secret_post')) {
      throw new errors.InvalidClientAuth('the provided authentication mechanism does not match the registered client authentication method');
    }
    return clientSecretMatches(actual, this.clientSecret ?? '');
  };
}
