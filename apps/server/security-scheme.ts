import { SCOPE_DESCRIPTIONS } from '../../modules/identity/index.ts';

/**
 * The OpenAPI security scheme of the Sen API: OAuth 2 against the platform's own provider, with
 * the flows Sen's clients use and the scopes a token can carry (RFC 6749, RFC 8707 resource `…/api`).
 */
export function securityScheme(publicUrl: string) {
  const oidc = `${publicUrl}/oidc`;
  return {
    type: 'oauth2' as const,
    description: `Bearer access tokens from the platform's OpenID Connect provider (${oidc}/.well-known/openid-configuration), issued for the resource ${publicUrl}/api. A token without the scope a route needs is refused with 403 auth.insufficient_scope.`,
    flows: {
      authorizationCode: {
        authorizationUrl: `${oidc}/auth`,
        tokenUrl: `${oidc}/token`,
        refreshUrl: `${oidc}/token`,
        scopes: SCOPE_DESCRIPTIONS,
      },
      clientCredentials: { tokenUrl: `${oidc}/token`, scopes: SCOPE_DESCRIPTIONS },
    },
  };
}
