import nodemailer from 'nodemailer';

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

export function createMailer(options: { smtpUrl: string; from: string; timeoutMs?: number }): Mailer {
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport(options.smtpUrl, {
    from: options.from,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as never);
  return {
    async send(message) {
      const info = await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
