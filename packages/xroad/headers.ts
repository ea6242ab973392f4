import { randomUUID } from 'node:crypto';
import {
  formatClientId, formatServiceId, parseClientId, parseRepresentedParty, parseSecurityServerId,
  type ClientId, type RepresentedParty, type SecurityServerId, type ServiceId,
} from './identifiers.ts';

/** The X-Road headers of PR-REST §4.3, by their lower-case names (HTTP header names are case-insensitive). */
export const XROAD_HEADER = {
  client: 'x-road-client',
  id: 'x-road-id',
  userId: 'x-road-userid',
  issue: 'x-road-issue',
  representedParty: 'x-road-represented-party',
  securityServer: 'x-road-security-server',
  service: 'x-road-service',
  requestId: 'x-road-request-id',
  requestHash: 'x-road-request-hash',
  error: 'x-road-error',
} as const;

/** A request's headers in arrival order, names as sent (Node's `rawHeaders` paired up). */
export type HeaderPair = readonly [name: string, value: string];

export function headerPairs(rawHeaders: readonly string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

/** The last value of a header (PR-REST §4.3: of several `X-Road-Client` headers the last one counts). */
export function lastHeader(pairs: readonly HeaderPair[], name: string): string | undefined {
  for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i]![0].toLowerCase() === name) return pairs[i]![1];
  return undefined;
}

/** PR-REST §4.3 recommends UUIDs but allows any unique id; visible ASCII keeps it safe in headers and logs. */
const MESSAGE_ID = /^[\x21-\x7e]{1,200}$/;
export const isMessageId = (text: string): boolean => MESSAGE_ID.test(text);
/** Free-text headers (user id, issue): any visible text, bounded. */
const FREE_TEXT = /^[^\x00-\x1f\x7f]{1,1000}$/; // eslint-disable-line no-control-regex

export interface MessageHeaders {
  client: ClientId;
  /** `X-Road-Id` as sent, or a fresh UUID (PR-REST §4.3: generated when missing). */
  id: string;
  idGenerated: boolean;
  userId?: string;
  issue?: string;
  representedParty?: RepresentedParty;
  securityServer?: SecurityServerId;
}

export type MessageHeadersResult = { ok: true; headers: MessageHeaders } | { ok: false; reason: string };

/**
 * Reads the X-Road headers of a request (PR-REST §4.3): `X-Road-Client` is the one mandatory
 * header; the optional ones are checked when present. A failure is a `Client.BadRequest`.
 */
export function readMessageHeaders(pairs: readonly HeaderPair[], newId: () => string = randomUUID): MessageHeadersResult {
  const clientText = lastHeader(pairs, XROAD_HEADER.client);
  if (clientText === undefined || clientText === '') return { ok: false, reason: 'The X-Road-Client header is required' };
  const client = parseClientId(clientText);
  if (!client) return { ok: false, reason: "X-Road-Client must be INSTANCE/CLASS/MEMBER[/SUBSYSTEM], parts percent-encoded, using only A-Z a-z 0-9 '()+,-.=?" };

  const givenId = lastHeader(pairs, XROAD_HEADER.id);
  if (givenId !== undefined && !MESSAGE_ID.test(givenId)) return { ok: false, reason: 'X-Road-Id must be 1 to 200 visible ASCII characters' };
  const headers: MessageHeaders = { client, id: givenId ?? newId(), idGenerated: givenId === undefined };

  for (const [field, name] of [['userId', XROAD_HEADER.userId], ['issue', XROAD_HEADER.issue]] as const) {
    const value = lastHeader(pairs, name);
    if (value === undefined) continue;
    if (!FREE_TEXT.test(value)) return { ok: false, reason: `${name} must be 1 to 1000 characters without control characters` };
    headers[field] = value;
  }
  const party = lastHeader(pairs, XROAD_HEADER.representedParty);
  if (party !== undefined) {
    const parsed = parseRepresentedParty(party);
    if (!parsed) return { ok: false, reason: 'X-Road-Represented-Party must be [CLASS/]CODE' };
    headers.representedParty = parsed;
  }
  const server = lastHeader(pairs, XROAD_HEADER.securityServer);
  if (server !== undefined) {
    const parsed = parseSecurityServerId(server);
    if (!parsed) return { ok: false, reason: 'X-Road-Security-Server must be INSTANCE/CLASS/MEMBER/SERVERCODE' };
    headers.securityServer = parsed;
  }
  return { ok: true, headers };
}

export interface ResponseIds {
  client?: ClientId;
  service?: ServiceId;
  id: string;
  requestId: string;
  requestHash?: string;
}

/**
 * The X-Road headers the provider's side sets on every response (PR-REST §4.3, "X-Road
 * specific headers returned in the response"), replacing any a provider sent.
 */
export function responseHeaders(ids: ResponseIds): Record<string, string> {
  return {
    ...(ids.client ? { [XROAD_HEADER.client]: formatClientId(ids.client) } : {}),
    ...(ids.service ? { [XROAD_HEADER.service]: formatServiceId(ids.service) } : {}),
    [XROAD_HEADER.id]: ids.id,
    [XROAD_HEADER.requestId]: ids.requestId,
    ...(ids.requestHash ? { [XROAD_HEADER.requestHash]: ids.requestHash } : {}),
  };
}

/** PR-REST §4.3 "Filtered headers" and "Specially handled headers": never passed through. */
export const FILTERED_HEADERS: ReadonlySet<string> = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'host', 'user-agent', 'server', 'expect', 'content-length',
]);

/**
 * Headers that may cross to the other side (PR-REST §4.3): user-defined, cache, content and
 * accept headers unchanged; no filtered header, none a `Connection` header names, and no
 * `X-Road-*` (the relaying side sets those itself, so neither end can forge them).
 */
export function relayableHeaders(pairs: Iterable<readonly [string, string | string[] | undefined]>): Record<string, string> {
  const entries = [...pairs].map(([name, value]) => [name.toLowerCase(), value] as const);
  const connection = entries.filter(([name]) => name === 'connection').map(([, value]) => String(value)).join(',');
  const named = new Set(connection.split(',').map((token) => token.trim().toLowerCase()).filter(Boolean));
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === undefined || FILTERED_HEADERS.has(name) || named.has(name) || name === 'proxy-connection' || name.startsWith('x-road-')) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name] = headers[name] === undefined ? text : `${headers[name]}, ${text}`;
  }
  return headers;
}
