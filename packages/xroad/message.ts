import { parseServiceId, type ServiceId } from './identifiers.ts';

/**
 * The request line of an X-Road REST message (PR-REST §4.1):
 * `{method} /r1/{serviceId}[/path][?query]`, strictly validated (§4.2) before anything is
 * routed, and the provider URL it maps to (the path and query pass unchanged, §4.1, §4.5).
 */

export const PROTOCOL_VERSION = 'r1';
/** PR-REST §4.2: a Security Server MAY limit the request URI as clients do, to 2000 characters. */
export const MAX_REQUEST_TARGET_LENGTH = 2000;

export interface MessageTarget {
  serviceId: ServiceId;
  /** What follows the service code, raw (percent-encoding kept): `''` or starting with `/`. */
  servicePath: string;
  /** The raw query without `?`, or `''`. */
  query: string;
}

export type MessageTargetResult = { ok: true; target: MessageTarget } | { ok: false; reason: string };

/** Dot segments and encodings that could move a path outside the service's base (SSRF, PR-REST §4.2). */
const UNSAFE_PATH = /%2f|%5c|%25|\\|[\x00-\x1f\x7f]/i; // eslint-disable-line no-control-regex
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** Refuses a service path that escapes its base or hides separators behind encodings; undefined when safe. */
export function unsafeServicePath(servicePath: string): string | undefined {
  if (UNSAFE_PATH.test(servicePath)) return 'The path must not contain encoded separators, double encoding or control characters';
  if (servicePath.split('/').some((segment) => DOT_SEGMENT.test(segment))) return 'The path must not contain dot segments';
  return undefined;
}

/**
 * Parses a request target taken from `/r1/` on (any mount prefix already removed).
 * The five identifier parts are required — the reference implementation reads the service id
 * as exactly five parts, so a path can never be mistaken for a subsystem code.
 */
export function parseMessageTarget(requestTarget: string): MessageTargetResult {
  if (requestTarget.length > MAX_REQUEST_TARGET_LENGTH) return { ok: false, reason: `The request URI exceeds ${MAX_REQUEST_TARGET_LENGTH} characters` };
  const queryAt = requestTarget.indexOf('?');
  const path = queryAt >= 0 ? requestTarget.slice(0, queryAt) : requestTarget;
  const query = queryAt >= 0 ? requestTarget.slice(queryAt + 1) : '';
  const segments = path.split('/');
  if (segments[0] !== '' || !/^r\d+$/.test(segments[1] ?? '')) return { ok: false, reason: 'The path must start with /r1/' };
  if (segments[1] !== PROTOCOL_VERSION) return { ok: false, reason: `Unsupported protocol version ${segments[1]}; this server speaks ${PROTOCOL_VERSION}` };
  if (segments.length < 7) return { ok: false, reason: 'The path must be /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE[/path]' };
  const serviceId = parseServiceId(segments.slice(2, 7).join('/'));
  if (!serviceId) return { ok: false, reason: "The service identifier's parts must be percent-encoded and use only A-Z a-z 0-9 '()+,-.=?" };
  const servicePath = segments.length > 7 ? `/${segments.slice(7).join('/')}` : '';
  const unsafe = unsafeServicePath(servicePath);
  if (unsafe) return { ok: false, reason: unsafe };
  return { ok: true, target: { serviceId, servicePath, query } };
}

/**
 * The provider URL for a message: the service's base URL plus the service path and query,
 * undefined when the result would leave the base (another origin, or a path outside it).
 */
export function providerUrl(base: string, target: Pick<MessageTarget, 'servicePath' | 'query'>): URL | undefined {
  const baseUrl = new URL(base);
  const trimmed = base.replace(/\/+$/, '');
  const url = new URL(`${trimmed}${target.servicePath}${target.query ? `?${target.query}` : ''}`);
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`) || (basePath === '' && url.pathname === '/');
  return url.origin === baseUrl.origin && inside ? url : undefined;
}
