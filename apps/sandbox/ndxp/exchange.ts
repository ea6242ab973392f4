import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseSubsystemId, subsystemKey } from './identifiers.ts';
import { maskPath, type MessageLog } from './message-log.ts';
import { XROAD_HEADER, sendXroadFault, xroadRequestHash, type XroadFaultType } from './protocol.ts';
import type { NdxpRegistry } from './registry.ts';

/**
 * One message through the hub, from its first look at the request to the log record written
 * when the answer has gone. Ids and the request hash are set on the reply at once, so that
 * every answer — provider response or X-Road fault — carries them.
 */
export interface Exchange {
  id: string;
  requestId: string;
  started: number;
  at: string;
  requestHash: string;
  /** The request target from `/r1/` on, as received. */
  xroadPath: string;
  /** The client sent an `X-Road-Id` the hub cannot accept (a fresh id stands in). */
  malformedId: boolean;
  client: string | null;
  service: string | null;
  /** The path after the service id, for the log. */
  path: string;
}

const MESSAGE_ID = /^[\x21-\x7e]{1,200}$/;

/** A single-valued header as text (Node joins repeated headers with `, `). */
export function headerText(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value.join(', ') : value;
  return text === undefined ? undefined : text.trim();
}

export class Exchanges {
  readonly #open = new WeakMap<FastifyRequest, Exchange>();
  readonly #log: MessageLog;

  constructor(log: MessageLog) {
    this.#log = log;
  }

  /** The request's exchange, begun on first use (by the handler, or the error handler if validation failed first). */
  of(request: FastifyRequest, reply: FastifyReply): Exchange {
    const open = this.#open.get(request);
    if (open) return open;
    const exchange = this.#begin(request);
    reply.header(XROAD_HEADER.id, exchange.id).header(XROAD_HEADER.requestId, exchange.requestId).header(XROAD_HEADER.requestHash, exchange.requestHash);
    return exchange;
  }

  #begin(request: FastifyRequest): Exchange {
    const given = headerText(request.headers[XROAD_HEADER.id]);
    const malformedId = given !== undefined && !MESSAGE_ID.test(given);
    const id = given !== undefined && !malformedId ? given : randomUUID();
    const r1 = request.url.indexOf('/r1/');
    const xroadPath = r1 >= 0 ? request.url.slice(r1) : request.url;
    const exchange: Exchange = {
      id,
      requestId: randomUUID(),
      started: performance.now(),
      at: new Date().toISOString(),
      requestHash: xroadRequestHash({
        method: request.method,
        path: xroadPath,
        headers: { ...request.headers, [XROAD_HEADER.id]: id },
        body: Buffer.isBuffer(request.body) ? request.body : undefined,
      }),
      xroadPath,
      malformedId,
      client: null,
      service: null,
      path: xroadPath,
    };
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
      at: exchange.at,
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
export function refuse(reply: FastifyReply, exchange: Exchange, type: XroadFaultType, message: string, status?: number): FastifyReply {
  return sendXroadFault(reply, type, message, exchange.requestId, status);
}

/** Begins the exchange and refuses a malformed `X-Road-Id`; undefined when the answer has been sent. */
export function openExchange(exchanges: Exchanges, request: FastifyRequest, reply: FastifyReply): Exchange | undefined {
  const exchange = exchanges.of(request, reply);
  if (!exchange.malformedId) return exchange;
  refuse(reply, exchange, 'Client.BadRequest', 'X-Road-Id must be 1 to 200 visible ASCII characters');
  return undefined;
}

/**
 * Identifies and authenticates the client information system: `X-Road-Client` names the
 * subsystem, `X-Road-Client-Key` stands in for the TLS client certificate real X-Road checks.
 * Returns the client id, or undefined when a fault has been sent.
 */
export function authenticateClient(registry: NdxpRegistry, request: FastifyRequest, reply: FastifyReply, exchange: Exchange): string | undefined {
  const header = headerText(request.headers[XROAD_HEADER.client]);
  if (!header) {
    refuse(reply, exchange, 'Client.BadRequest', 'The X-Road-Client header is required');
    return undefined;
  }
  const client = parseSubsystemId(header);
  if (!client) {
    refuse(reply, exchange, 'Client.BadRequest', 'X-Road-Client must be INSTANCE/CLASS/MEMBER/SUBSYSTEM');
    return undefined;
  }
  exchange.client = subsystemKey(client);
  reply.header(XROAD_HEADER.client, exchange.client);
  if (client.instance !== registry.instance) {
    refuse(reply, exchange, 'Client.InvalidClientIdentifier', `The client must belong to the X-Road instance ${registry.instance}`);
    return undefined;
  }
  if (!registry.authenticate(client, headerText(request.headers[XROAD_HEADER.clientKey]))) {
    refuse(reply, exchange, 'Server.ClientProxy.AuthenticationFailed', 'Unknown client subsystem or wrong X-Road-Client-Key');
    return undefined;
  }
  return exchange.client;
}
