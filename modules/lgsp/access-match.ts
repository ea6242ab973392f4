/**
 * Endpoint patterns of access rights (X-Road's REST endpoints, UG-SS §7): a method (or any) and
 * a path relative to the service, where `*` stands for exactly one path segment and a final
 * `**` for any rest (none included). Matching is on the decoded-safe raw path the gateway
 * already checked (no dot segments, no encoded separators), segment by segment.
 */

export interface EndpointRule {
  method: string | null;
  pathPattern: string | null;
  expiresAt: Date | null;
}

const SEGMENT = /^(?:\*\*?|[A-Za-z0-9._~!$&'()+,;=:@%-]+|\{[A-Za-z0-9_]+\})$/;

/** A pattern as an administrator may write it: starting with `/`, `**` only last; `{param}` is read as `*`. */
export function invalidPattern(pattern: string): string | undefined {
  if (!pattern.startsWith('/') || pattern.length > 500) return 'A path pattern starts with / and has at most 500 characters';
  const segments = pattern.slice(1).split('/');
  if (pattern !== '/' && segments.some((s) => !SEGMENT.test(s))) return 'A path pattern segment is text, * (one segment), {name} or a final **';
  if (segments.slice(0, -1).includes('**')) return '** may only end a path pattern';
  if (segments.some((s) => s === '.' || s === '..')) return 'A path pattern has no dot segments';
  return undefined;
}

export function pathMatches(pattern: string, path: string): boolean {
  const wanted = pattern === '/' ? [] : pattern.slice(1).split('/');
  const given = path === '' || path === '/' ? [] : path.replace(/^\//, '').split('/');
  for (let i = 0; i < wanted.length; i++) {
    const segment = wanted[i]!;
    if (segment === '**') return true;
    if (i >= given.length) return false;
    if (segment === '*' || /^\{[A-Za-z0-9_]+\}$/.test(segment)) continue;
    if (segment !== given[i]) return false;
  }
  return wanted.length === given.length;
}

/** Does any rule, still in force at `now`, allow this method on this path? */
export function allows(rules: readonly EndpointRule[], method: string, path: string, now: Date): boolean {
  return rules.some((rule) =>
    (rule.expiresAt === null || rule.expiresAt > now)
    && (rule.method === null || rule.method === method.toUpperCase())
    && (rule.pathPattern === null || pathMatches(rule.pathPattern, path)));
}
