import { untrackedOutbound, type OutboundCalls } from '../platform/index.ts';

/**
 * Brandname SMS over the provider's HTTP API (the SMS sandbox on one machine). The request id
 * is the caller's idempotency key: a retried job never sends the message twice.
 */
export interface SmsOptions {
  apiUrl: string;
  clientId: string;
  apiKey: string;
  brandname: string;
  timeoutMs?: number;
  /** Records each call as `system="sms"`. */
  outbound?: OutboundCalls;
}

export interface SmsSender {
  send(message: { phone: string; text: string; requestId: string }): Promise<{ messageId: string }>;
}

export class SmsError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'SmsError';
    this.status = status;
  }
}

export function createSmsSender(options: SmsOptions): SmsSender {
  const url = `${options.apiUrl.replace(/\/+$/, '')}/messages`;
  const fetch = (options.outbound ?? untrackedOutbound).fetch('sms');
  return {
    async send({ phone, text, requestId }) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-client-id': options.clientId, 'x-api-key': options.apiKey },
        body: JSON.stringify({ brandname: options.brandname, phone, message: text, requestId }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        redirect: 'error',
      });
      const body = (await response.json().catch(() => ({}))) as { messageId?: string; code?: string; message?: string };
      if (!response.ok || !body.messageId) throw new SmsError(response.status, `SMS refused (${response.status} ${body.code ?? ''})`);
      return { messageId: body.messageId };
    },
  };
}
