/**
 * Who is calling, as resolved from the bearer token by the identity module. Infrastructure
 * only: permissions are opaque strings here; the identity module owns their catalogue.
 */
export interface Grant {
  agencyId: string;
  /** `agency`: that agency only; `subtree`: that agency and every agency below it. */
  scope: 'agency' | 'subtree';
  permissions: readonly string[];
}

/**
 * `scopes` are those of the access token the caller presented (OAuth 2 scopes): a route needs its
 * scope as well as its permission. A principal without scopes reaches no protected route.
 */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; userType: 'official' | 'citizen'; displayName: string; grants: readonly Grant[]; scopes?: readonly string[] }
  | { kind: 'system'; clientId: string; grants: readonly Grant[]; scopes?: readonly string[] };

/** The scope a protected route needs when it declares none. */
export const DEFAULT_SCOPE = 'api';

export function holdsScope(p: Principal, scope: string): boolean {
  return p.kind !== 'anonymous' && (p.scopes?.includes(scope) ?? false);
}

export const anonymous: Principal = { kind: 'anonymous' };

/** What a route declares: a permission, `authenticated` (any signed-in principal) or `public`. */
export type RouteAccess = string;

export function actorOf(p: Principal): string {
  if (p.kind === 'user') return `user:${p.userId}`;
  if (p.kind === 'system') return `client:${p.clientId}`;
  return 'anonymous';
}

/** Does the principal hold the permission anywhere? Routes check this; services check scope. */
export function holdsPermission(p: Principal, permission: string): boolean {
  return p.kind !== 'anonymous' && p.grants.some((g) => g.permissions.includes(permission));
}

/**
 * Does the principal hold the permission for this agency? `ancestors` lists the agency's
 * ancestors (nearest first), so a subtree grant on any of them applies.
 */
export function canActOn(p: Principal, permission: string, agencyId: string, ancestors: readonly string[]): boolean {
  if (p.kind === 'anonymous') return false;
  return p.grants.some(
    (g) =>
      g.permissions.includes(permission) &&
      (g.agencyId === agencyId || (g.scope === 'subtree' && ancestors.includes(g.agencyId))),
  );
}
