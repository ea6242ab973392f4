import nodemailer from 'nodemailer';
import { untrackedOutbound, type OutboundCalls } from '../platform/index.ts';

/**
 * Outbound mail over SMTP (the mail sandbox on one machine, the province's relay in production).
 * One transport per process, pooled; a send either succeeds or throws, so the job that called
 * it retries later.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export function createMailer(options: { smtpUrl: string; from: string; timeoutMs?: number; outbound?: OutboundCalls }): Mailer {
  const outbound = options.outbound ?? untrackedOutbound;
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport(options.smtpUrl, {
    from: options.from,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as never);
  return {
    async send(message) {
      const info = await outbound.observe('mail', () => transport.sendMail({ to: message.to, subject: message.subject, text: message.text }));
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
