import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  XROAD_FAULT_TYPES, XROAD_HEADER, callProvider, faultStatus, lastHeader, providerUrl, relayableHeaders, requestHash, restHeaderPart,
  type XroadFaultType,
} from '../../packages/xroad/index.ts';
import { maskIdNumber } from '../../packages/platform/index.ts';
import type { MessageLog } from './message-log.ts';

/**
 * The national leg of the gateway: a registry service whose provider is a national system is
 * reached through NDXP, the national exchange, with the province's own client subsystem and
 * key there (never the consumer's). LGSP acts as the client on that leg, passes the consumer's
 * `X-Road-Id`, `X-Road-UserId`, `X-Road-Issue` and purpose on, and logs the leg as a record of
 * its own with the same message id as the consumer's record: the two legs of one call are
 * found together by `message_id`. NDXP's faults become faults of the consumer's leg.
 */

export interface NationalLeg {
  /** NDXP's base URL (under which `/r1/…` is served). */
  url: string;
  /** The province's client subsystem at NDXP, `INSTANCE/CLASS/MEMBER/SUBSYSTEM`. */
  client: string;
  /** The key that authenticates it (the sandbox's stand-in for the TLS client certificate); never logged, never hashed. */
  clientKey: string;
}

/** The header NDXP reads the client key from (apps/sandbox/ndxp: `X-Road-Client-Key`). */
export const NDXP_CLIENT_KEY_HEADER = 'x-road-client-key';
const NOT_HASHED: ReadonlySet<string> = new Set([NDXP_CLIENT_KEY_HEADER]);

/** The consumer's message, as far as the national leg needs it. */
export interface ConsumerMessage {
  id: string;
  path: string;
  query: string;
  userId: string | undefined;
  issue: string | undefined;
  purpose: string | undefined;
}

export interface NationalOutcome {
  /** NDXP's answer to pass on unchanged, or the fault to answer the consumer with. */
  answer:
    | { ok: true; status: number; headers: Record<string, string>; setCookies: string[]; body: Buffer }
    | { ok: false; fault: XroadFaultType; message: string };
  providerMs: number;
}

const isFaultType = (text: string): text is XroadFaultType => (XROAD_FAULT_TYPES as readonly string[]).includes(text);

/**
 * What the consumer is told for a fault NDXP answered: the provider side's faults pass as they
 * are (no right, unknown service, national system down); a fault of the province's own side of
 * the national leg (its credentials, NDXP's client proxy) is not the consumer's doing — for the
 * consumer, the service failed.
 */
export function consumerFault(ndxpFault: string): XroadFaultType {
  if (ndxpFault === 'Client.BadRequest') return 'Client.BadRequest';
  if (ndxpFault.startsWith('Server.ServerProxy.') && isFaultType(ndxpFault)) return ndxpFault;
  return 'Server.ServerProxy.ServiceFailed';
}

function faultMessage(body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message.slice(0, 500) : 'no message';
  } catch {
    return 'no message';
  }
}

export interface NationalCall {
  leg: NationalLeg;
  log: MessageLog;
  /** The NDXP service id (`INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE`). */
  nationalService: string;
  timeoutMs: number;
  retries: number;
  maxMessageBytes: number;
  /** Masks what the log must not hold in full (personal id numbers in paths). */
  maskPath: (path: string) => string;
}

/** The national leg's own record in the message log: the province as the client at NDXP, the NDXP service id, the consumer's message id. */
export async function logNationalLeg(
  call: Pick<NationalCall, 'leg' | 'log' | 'nationalService' | 'maskPath'>, message: ConsumerMessage,
  leg: { at: Date; requestId: string; method: string; status: number; fault: string | null; providerMs: number; requestHash: string },
): Promise<void> {
  await call.log.append({
    at: leg.at, messageId: message.id, requestId: leg.requestId, client: call.leg.client, service: call.nationalService, method: leg.method,
    path: call.maskPath(message.path).slice(0, 1000), status: leg.status, fault: leg.fault, durationMs: leg.providerMs, providerMs: leg.fault === null ? leg.providerMs : null,
    requestHash: leg.requestHash, purpose: message.purpose ? message.purpose.slice(0, 500) : null, userId: message.userId ? maskIdNumber(message.userId) : null,
  });
}

/** Forwards the consumer's message through NDXP and logs the national leg (before the consumer's own record). */
export async function forwardNational(call: NationalCall, request: FastifyRequest, message: ConsumerMessage): Promise<NationalOutcome> {
  const base = `${call.leg.url.replace(/\/+$/, '')}/r1/${call.nationalService}`;
  const url = providerUrl(base, { servicePath: message.path, query: message.query });
  if (!url) return { answer: { ok: false, fault: 'Client.BadRequest', message: 'The path must stay within the service' }, providerMs: 0 };

  const relayed = relayableHeaders(Object.entries(request.headers));
  delete relayed.authorization;
  const headers: Record<string, string> = {
    ...relayed,
    [XROAD_HEADER.client]: call.leg.client,
    [XROAD_HEADER.id]: message.id,
    ...(message.userId ? { [XROAD_HEADER.userId]: message.userId } : {}),
    ...(message.issue ? { [XROAD_HEADER.issue]: message.issue } : {}),
  };
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  const at = new Date();
  const started = performance.now();
  const result = await callProvider({
    url, method: request.method, headers: { ...headers, [NDXP_CLIENT_KEY_HEADER]: call.leg.clientKey }, ...(body ? { body } : {}),
    timeoutMs: call.timeoutMs, retries: call.retries, maxResponseBytes: call.maxMessageBytes,
  });
  const providerMs = Math.round((performance.now() - started) * 10) / 10;

  const ndxpFault = result.ok ? result.xroad[XROAD_HEADER.error] : undefined;
  const requestId = (result.ok ? result.xroad[XROAD_HEADER.requestId] : undefined) ?? randomUUID();
  // NDXP's hash is the one its own log holds; without an answer, the hash of what was sent.
  const hash = (result.ok ? result.xroad[XROAD_HEADER.requestHash] : undefined) ?? requestHash(restHeaderPart({
    method: request.method, requestTarget: `${url.pathname}${url.search}`.slice(url.pathname.indexOf('/r1/')), headers: Object.entries(headers), requestId, exclude: NOT_HASHED,
  }), body);
  await logNationalLeg(call, message, {
    at, requestId, method: request.method, status: result.ok ? result.status : faultStatus(result.fault), fault: ndxpFault ?? (result.ok ? null : result.fault), providerMs, requestHash: hash,
  });

  if (!result.ok) return { answer: { ok: false, fault: result.fault, message: `NDXP: ${result.message}` }, providerMs };
  if (ndxpFault) return { answer: { ok: false, fault: consumerFault(ndxpFault), message: `NDXP answered ${ndxpFault}: ${faultMessage(result.body)}` }, providerMs };
  return { answer: { ok: true, status: result.status, headers: result.headers, setCookies: result.setCookies, body: result.body }, providerMs };
}

/** The consumer's message fields the national leg passes on. */
export function consumerMessage(
  exchange: { id: string; headers: readonly (readonly [string, string])[]; message: { ok: true; headers: { userId?: string; issue?: string } } | { ok: false } },
  target: { servicePath: string; query: string },
  purposeHeader: string,
): ConsumerMessage {
  const headers = exchange.message.ok ? exchange.message.headers : {};
  return {
    id: exchange.id, path: target.servicePath, query: target.query, userId: headers.userId, issue: headers.issue,
    purpose: lastHeader(exchange.headers, purposeHeader),
  };
}
