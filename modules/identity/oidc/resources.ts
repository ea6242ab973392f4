/**
 * The resource servers tokens are issued for (RFC 8707 resource indicators): each names its
 * audience and the scopes a token for it may carry. A token for one is refused by the others.
 *
 * Scopes: `api` is the Sen API as a whole (what each route further limits by permission);
 * `lgsp` is reserved for the LGSP gateway. A route may declare a finer scope (config.scope);
 * it must then be listed here so the provider can issue it.
 */
export interface ResourceServer {
  audience: string;
  scope: string;
}

export const API_SCOPES = ['api'] as const;
export const LGSP_SCOPES = ['lgsp'] as const;
export const RESOURCE_SCOPES = [...API_SCOPES, ...LGSP_SCOPES];

/** For the OpenAPI document: the scopes of the API resource. */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  api: 'The Sen API, within the permissions of the signed-in person or the system client',
  lgsp: 'The LGSP gateway (resource …/lgsp): X-Road messages of the client subsystem registered for the service client',
};

export function resourceServers(publicUrl: string) {
  const api: ResourceServer = { audience: `${publicUrl}/api`, scope: API_SCOPES.join(' ') };
  const lgsp: ResourceServer = { audience: `${publicUrl}/lgsp`, scope: LGSP_SCOPES.join(' ') };
  const byAudience = new Map([api, lgsp].map((r) => [r.audience, r]));
  return { api, lgsp, get: (indicator: string) => byAudience.get(indicator) };
}
