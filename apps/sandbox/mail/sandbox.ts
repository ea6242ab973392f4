import type { FastifyInstance } from 'fastify';
import { sandboxError, sandboxErrorSchema } from '../kit.ts';
import { TESTER_ROUTE, type Sandbox, type SandboxContext, type SandboxFactory } from '../sandbox.ts';
import { sendPage } from './inbox-page.ts';
import { mailMessageSchema, matchesMail, type CapturedMail, type MailFilter } from './messages.ts';
import { renderInbox, renderMessage, renderMessageNotFound, type SmtpEndpoint } from './pages.ts';
import { MAX_MESSAGE_BYTES, createSmtpListener, type MailUser } from './smtp.ts';
import { BoundedStore, deletedSchema, pageSchema, pagingQueryProperties, type PageRequest } from './store.ts';

export type { MailUser } from './smtp.ts';
export type { MailMessage, MailAddress } from './messages.ts';

export interface MailSandboxOptions {
  /** SMTP port; default 0 (a free port, shown on the inbox page and in `/mail/api/v1/info`). */
  smtpPort?: number;
  /** Accounts allowed to submit mail; default `DEFAULT_MAIL_USERS`. */
  users?: readonly MailUser[];
}

/** The account Sen's default configuration uses. */
export const DEFAULT_MAIL_USERS: readonly MailUser[] = [{ username: 'sen', password: 'sandbox-mail-password' }];

/** Messages kept in memory; older ones are dropped. */
export const MAIL_INBOX_CAPACITY = 5_000;

const NAME = 'mail';
const ADMIN_NOTE = 'Admin route: requires `Authorization: Bearer <sandbox admin token>`.';
const TAGS = ['mail'];
const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
const filterQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    to: { type: 'string', maxLength: 320, description: 'Recipient address (envelope, To or Cc), case-insensitive exact match.' },
    q: { type: 'string', maxLength: 200, description: 'Text searched in subject and text part, diacritics and case ignored.' },
    ...pagingQueryProperties,
  },
} as const;
const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const isWildcard = (host: string): boolean => ['0.0.0.0', '::', '[::]', ''].includes(host);

/**
 * Mail sandbox: an SMTP server that captures every message Sen sends (nothing is delivered)
 * and an inbox to read them, as pages for testers and as a JSON API for tests.
 */
export function mailSandbox(options: MailSandboxOptions = {}): SandboxFactory {
  return (context) => createMailSandbox(context, options);
}

function createMailSandbox(context: SandboxContext, options: MailSandboxOptions): Sandbox {
  const users = options.users ?? DEFAULT_MAIL_USERS;
  const store = new BoundedStore<CapturedMail>(MAIL_INBOX_CAPACITY);
  const smtp = createSmtpListener({
    host: context.host, port: options.smtpPort ?? 0, users, faults: context.faults, faultName: NAME, log: context.log,
    onMessage: (mail) => store.add(mail),
  });
  // Clients reach a wildcard listener through the public host name, known once the server starts.
  let smtpHost = context.host;
  const endpoint = (): SmtpEndpoint => ({ host: smtpHost, port: smtp.port(), usernames: users.map((u) => u.username) });
  const search = (query: MailFilter & PageRequest) => {
    const found = store.page(matchesMail(query), query);
    return { ...found, items: found.items.map((mail) => mail.message) };
  };

  return {
    name: NAME,
    title: 'Hộp thư thử nghiệm (SMTP)',
    titleEn: 'Mail sandbox — SMTP server that captures every message',
    description: 'Máy chủ SMTP nhận mọi thư Sen gửi (không chuyển đi đâu) và hộp thư để xem lại.',
    links: [
      { label: 'Hộp thư / Inbox', path: '/inbox' },
      { label: 'Thông tin SMTP / SMTP settings', path: '/api/v1/info' },
    ],

    async register(app: FastifyInstance): Promise<void> {
      app.get('/api/v1/info', {
        schema: {
          summary: 'SMTP settings',
          description: 'Where to submit mail: host, actual port (random unless configured) and authentication. Public; contains no secrets.',
          tags: TAGS,
          response: {
            200: {
              type: 'object',
              required: ['smtpHost', 'smtpPort', 'auth', 'starttls', 'maxMessageBytes'],
              properties: {
                smtpHost: { type: 'string' },
                smtpPort: { type: 'integer' },
                auth: { type: 'string', enum: ['PLAIN/LOGIN'] },
                starttls: { type: 'boolean' },
                maxMessageBytes: { type: 'integer' },
              },
            },
            503: sandboxErrorSchema,
          },
        },
      }, async (_request, reply) => {
        const port = smtp.port();
        if (port === undefined) return sandboxError(reply, 503, 'mail.starting', 'The SMTP server is not listening yet');
        return { smtpHost, smtpPort: port, auth: 'PLAIN/LOGIN', starttls: false, maxMessageBytes: MAX_MESSAGE_BYTES };
      });

      app.get<{ Querystring: MailFilter & PageRequest }>('/_admin/messages', {
        schema: {
          summary: 'List captured messages',
          description: `Captured messages, newest first, optionally filtered by recipient and text. ${ADMIN_NOTE}`,
          tags: TAGS,
          querystring: filterQuery,
          response: { 200: pageSchema(mailMessageSchema), 400: sandboxErrorSchema, 401: sandboxErrorSchema },
        },
      }, async (request) => search(request.query));

      app.get<{ Params: { id: string } }>('/_admin/messages/:id', {
        schema: {
          summary: 'One captured message',
          description: `A captured message by id. ${ADMIN_NOTE}`,
          tags: TAGS,
          params: idParams,
          response: { 200: mailMessageSchema, 401: sandboxErrorSchema, 404: sandboxErrorSchema },
        },
      }, async (request, reply) => {
        const mail = store.get(request.params.id);
        return mail ? mail.message : sandboxError(reply, 404, 'mail.message_not_found', 'No captured message with this id');
      });

      app.delete('/_admin/messages', {
        schema: {
          summary: 'Empty the inbox',
          description: `Deletes every captured message. ${ADMIN_NOTE}`,
          tags: TAGS,
          response: { 200: deletedSchema, 401: sandboxErrorSchema },
        },
      }, async () => ({ deleted: store.clear() }));

      app.get<{ Querystring: MailFilter & PageRequest }, typeof TESTER_ROUTE>('/inbox', {
        config: TESTER_ROUTE,
        schema: {
          summary: 'Inbox page',
          description: 'HTML page for testers: captured messages, newest first, filtered by recipient or text. No authentication (synthetic data only).',
          tags: TAGS,
          querystring: filterQuery,
          response: { 200: htmlPage('Inbox page'), 400: sandboxErrorSchema },
        },
      }, async (request, reply) => sendPage(reply, 200, renderInbox({
        smtp: endpoint(), to: request.query.to ?? '', q: request.query.q ?? '', page: search(request.query),
      })));

      app.get<{ Params: { id: string } }, typeof TESTER_ROUTE>('/inbox/:id', {
        config: TESTER_ROUTE,
        schema: {
          summary: 'Message page',
          description: 'HTML page for testers: headers, text part, HTML part as escaped source (never rendered) and attachment list.',
          tags: TAGS,
          params: idParams,
          response: { 200: htmlPage('Message page'), 404: htmlPage('No such message') },
        },
      }, async (request, reply) => {
        const mail = store.get(request.params.id);
        return mail ? sendPage(reply, 200, renderMessage(mail.message)) : sendPage(reply, 404, renderMessageNotFound());
      });
    },

    async start(baseUrl: string): Promise<void> {
      if (isWildcard(context.host)) smtpHost = new URL(baseUrl).hostname;
      const port = await smtp.start();
      context.log.info({ host: context.host, port }, 'mail sandbox: SMTP listening');
    },

    stop: () => smtp.stop(),
  };
}
