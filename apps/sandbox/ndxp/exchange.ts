import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  XROAD_HEADER, lastHeader, openMessage, requestHeaderPairs, responseHeaders, sendFault,
  type OpenedMessage, type XroadFaultType,
} from '../../../packages/xroad/index.ts';
import { maskPath, type MessageLog } from './message-log.ts';
import type { NdxpRegistry } from './registry.ts';

/**
 * One message through the hub, from its first look at the request to the log record written
 * when the answer has gone. The request line and X-Road headers are read once (PR-REST §4.1,
 * §4.3) and the ids and request hash are set on the reply at once, so that every answer —
 * provider response or X-Road fault — carries them.
 */

/** Sandbox stand-in for the information system's TLS client certificate: not part of the message, never relayed or hashed. */
export const CLIENT_KEY_HEADER = 'x-road-client-key';
const NOT_HASHED = new Set([CLIENT_KEY_HEADER]);

/** The hub's view of a message is the shared one of packages/xroad (its first look at the request). */
export type Exchange = OpenedMessage;

export class Exchanges {
  readonly #open = new WeakMap<FastifyRequest, Exchange>();
  readonly #log: MessageLog;
  readonly #mountPath: string;

  /** `mountPath` is where the hub is served (`/ndxp`): the request target begins after it. */
  constructor(log: MessageLog, mountPath: string) {
    this.#log = log;
    this.#mountPath = mountPath;
  }

  /** The request's exchange, begun on first use (by the handler, or the error handler if parsing failed first). */
  of(request: FastifyRequest, reply: FastifyReply): Exchange {
    const open = this.#open.get(request);
    if (open) return open;
    const exchange = this.#begin(request);
    const target = exchange.target.ok ? exchange.target.target : undefined;
    reply.headers(responseHeaders({
      ...(exchange.message.ok ? { client: exchange.message.headers.client } : {}),
      ...(target ? { service: target.serviceId } : {}),
      id: exchange.id,
      requestId: exchange.requestId,
      requestHash: exchange.requestHash,
    }));
    return exchange;
  }

  #begin(request: FastifyRequest): Exchange {
    const exchange: Exchange = openMessage(request, this.#mountPath, NOT_HASHED);
    this.#open.set(request, exchange);
    return exchange;
  }

  /** Writes the log record once the answer has been sent (onResponse); an injected fault may answer before any handler. */
  finish(request: FastifyRequest, reply: FastifyReply): void {
    const exchange = this.#open.get(request) ?? this.#begin(request);
    const error = reply.getHeader(XROAD_HEADER.error);
    this.#log.record({
      id: exchange.id,
      requestId: exchange.requestId,
      at: exchange.at.toISOString(),
      client: exchange.client,
      service: exchange.service,
      method: request.method,
      path: maskPath(exchange.path),
      status: reply.statusCode,
      durationMs: Math.round((performance.now() - exchange.started) * 10) / 10,
      requestHash: exchange.requestHash,
      ...(typeof error === 'string' ? { error } : {}),
    });
  }
}

/** Sends an X-Road fault for this exchange; its detail is the request id, as found in the message log. */
export function refuse(request: FastifyRequest, reply: FastifyReply, exchange: Exchange, type: XroadFaultType, message: string): FastifyReply {
  return sendFault(request, reply, { type, message, detail: exchange.requestId });
}

/**
 * Checks the request line and the X-Road headers, then authenticates the client information
 * system: `X-Road-Client` names it, `X-Road-Client-Key` stands in for the TLS client
 * certificate real X-Road checks (unknown client and wrong key look alike). Returns the
 * client id, or undefined when a fault has been sent.
 */
export function acceptMessage(registry: NdxpRegistry, request: FastifyRequest, reply: FastifyReply, exchange: Exchange): string | undefined {
  if (!exchange.target.ok) {
    refuse(request, reply, exchange, 'Client.BadRequest', exchange.target.reason);
    return undefined;
  }
  if (!exchange.message.ok) {
    refuse(request, reply, exchange, 'Client.BadRequest', exchange.message.reason);
    return undefined;
  }
  const key = lastHeader(requestHeaderPairs(request), CLIENT_KEY_HEADER);
  if (!registry.authenticate(exchange.message.headers.client, key)) {
    refuse(request, reply, exchange, 'Server.ClientProxy.SslAuthenticationFailed', 'Unknown client subsystem or wrong X-Road-Client-Key');
    return undefined;
  }
  return exchange.client ?? undefined;
}
