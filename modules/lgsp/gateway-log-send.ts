import type { FastifyReply, FastifyRequest } from 'fastify';
import { PURPOSE_HEADER, type GatewayExchange, type GatewayOptions } from './gateway.ts';
import { lastHeader } from '../../packages/xroad/index.ts';
import type { LogExtras } from './message-log.ts';
import { logEntryOf } from './monitoring.ts';

export interface LogBeforeSend {
  /** Completes the operational-monitoring record with what only this entry knows (SOAP: protocol version, service type). */
  monitoring?: (monitoring: NonNullable<LogExtras['monitoring']>) => void;
  /** Turns the reply into this entry's `Server.ClientProxy.InternalError` fault and returns its body. */
  withheld: () => string;
}

/**
 * The gateway's last step, REST and SOAP alike (an `onSend` hook): the exchange's record, its
 * operational-monitoring record and (services logging in full) the bodies are committed in one
 * group commit before the answer leaves. When they cannot be, the answer is withheld and the
 * client gets the entry's fault instead: an answer the client saw is always in the log.
 */
export async function logBeforeSend(
  options: Pick<GatewayOptions, 'log' | 'observe'>, request: FastifyRequest, reply: FastifyReply, exchange: GatewayExchange, payload: unknown, entry: LogBeforeSend,
): Promise<unknown> {
  const { record, extras } = logEntryOf(request, reply, exchange, payload, lastHeader(exchange.headers, PURPOSE_HEADER));
  if (extras.monitoring) entry.monitoring?.(extras.monitoring);
  try {
    await options.log.append(record, extras);
    options.observe?.(exchange, record);
    return payload;
  } catch (failure) {
    request.log.error({ err: failure }, 'lgsp gateway: the message log could not be written; the answer is withheld');
    return entry.withheld();
  }
}
