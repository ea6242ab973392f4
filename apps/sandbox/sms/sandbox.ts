import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { findClient, sandboxError, sandboxErrorSchema, type SandboxClient } from '../kit.ts';
import { sendPage } from '../mail/inbox-page.ts';
import { BoundedStore, deletedSchema, pageSchema, pagingQueryProperties, type PageRequest } from '../mail/store.ts';
import { TESTER_ROUTE, type Sandbox, type SandboxContext, type SandboxFactory } from '../sandbox.ts';
import { MAX_SEGMENTS, analyseSmsText } from './encoding.ts';
import { acceptanceOf, acceptanceSchema, authHeadersSchema, messageOf, sendBodySchema, smsMessageSchema, type SmsRecord } from './messages.ts';
import { renderSmsInbox } from './pages.ts';
import { FAILING_NUMBER_SUFFIX, normalisePhone } from './phone.ts';
import { CLIENT_KEY_SCHEMES } from '../openapi.ts';

export type { SmsMessage, SmsStatus } from './messages.ts';

/** A caller of the brandname gateway: API key plus the sender names registered to it. */
export interface SmsClient extends SandboxClient {
  brandnames: string[];
}

export interface SmsSandboxOptions {
  /** Registered callers; default `DEFAULT_SMS_CLIENTS`. */
  clients?: readonly SmsClient[];
}

export const DEFAULT_SMS_CLIENTS: readonly SmsClient[] = [{ id: 'sen-dongthap', secret: 'sandbox-sms-key-h19', brandnames: ['DONGTHAP', 'HCC-DTP'] }];

/** Messages kept in memory; older ones are dropped. */
export const SMS_INBOX_CAPACITY = 10_000;

interface SendBody {
  brandname: string;
  phone: string;
  message: string;
  requestId: string;
  scheduledAt?: string;
}

const NAME = 'sms';
const TAGS = ['sms'];
const CLIENT_AUTH = 'Authenticate with the headers `X-Client-Id` and `X-Api-Key` (401 `sms.unauthorized` otherwise).';
const ADMIN_NOTE = 'Admin route: requires `Authorization: Bearer <sandbox admin token>`.';
const phoneQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { phone: { type: 'string', maxLength: 20, description: 'Only this number (any accepted form).' }, ...pagingQueryProperties },
} as const;

/**
 * SMS brandname sandbox: the HTTP API of a brandname gateway (sender names registered per
 * client, idempotent sends, segment counting, delivery status). Nothing reaches a handset;
 * testers read the messages in the inbox.
 */
export function smsSandbox(options: SmsSandboxOptions = {}): SandboxFactory {
  return (context) => createSmsSandbox(context, options.clients ?? DEFAULT_SMS_CLIENTS);
}

function createSmsSandbox(context: SandboxContext, clients: readonly SmsClient[]): Sandbox {
  const store = new BoundedStore<SmsRecord>(SMS_INBOX_CAPACITY, { secondaryKey: (r) => `${r.clientId}\n${r.requestId}` });
  const callers = new WeakMap<FastifyRequest, SmsClient>();

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const client = findClient(clients, header('x-client-id'), header('x-api-key'));
    if (!client) return sandboxError(reply, 401, 'sms.unauthorized', 'Unknown client id or wrong API key');
    callers.set(request, client as SmsClient);
    return undefined;
  }
  const callerOf = (request: FastifyRequest): SmsClient => callers.get(request)!;

  /** Listing of captured messages; undefined when the phone filter is not a mobile number. */
  function search(query: { phone?: string } & PageRequest) {
    const phone = query.phone ? normalisePhone(query.phone) : undefined;
    if (query.phone && !phone) return undefined;
    const found = store.page((r) => !phone || r.phone === phone, query);
    const now = Date.now();
    return { ...found, items: found.items.map((r) => messageOf(r, now)) };
  }

  return {
    name: NAME,
    title: 'Tin nhắn thương hiệu (SMS brandname)',
    titleEn: 'SMS brandname gateway sandbox',
    description: 'Cổng gửi tin nhắn thương hiệu: kiểm tra brandname, số điện thoại, độ dài tin; giữ lại mọi tin để xem.',
    securitySchemes: CLIENT_KEY_SCHEMES,
    links: [{ label: 'Hộp tin nhắn / Inbox', path: '/inbox' }],

    async register(app: FastifyInstance): Promise<void> {
      app.post<{ Body: SendBody }>('/api/v1/messages', {
        onRequest: authenticate,
        schema: {
          summary: 'Send a brandname SMS',
          description: `Accepts one SMS for a Vietnamese mobile number under a brandname registered to the client. ${CLIENT_AUTH} `
            + `The same \`requestId\` again returns the first message (200) without sending twice; reused with different content → 409. `
            + `More than ${MAX_SEGMENTS} parts → 400 \`sms.too_long\`. A message with diacritics is accepted with a \`warning\`.`,
          tags: TAGS,
          headers: authHeadersSchema,
          body: sendBodySchema,
          response: {
            200: { ...acceptanceSchema, description: 'Already accepted under this requestId' },
            202: { ...acceptanceSchema, description: 'Accepted' },
            400: sandboxErrorSchema, 401: sandboxErrorSchema, 403: sandboxErrorSchema, 409: sandboxErrorSchema,
          },
        },
      }, async (request, reply) => {
        const client = callerOf(request);
        const body = request.body;
        if (!client.brandnames.includes(body.brandname)) {
          return sandboxError(reply, 403, 'sms.brandname_not_allowed', `Brandname ${body.brandname} is not registered to this client`);
        }
        const phone = normalisePhone(body.phone);
        if (!phone) return sandboxError(reply, 400, 'sms.invalid_phone', 'Not a Vietnamese mobile number (0, 84 or +84 and 9 digits starting 3, 5, 7, 8 or 9)');
        const scheduledAt = body.scheduledAt ? new Date(body.scheduledAt).toISOString() : null;

        const earlier = store.getByKey(`${client.id}\n${body.requestId}`);
        if (earlier) {
          const same = earlier.brandname === body.brandname && earlier.phone === phone && earlier.message === body.message && earlier.scheduledAt === scheduledAt;
          if (!same) return sandboxError(reply, 409, 'sms.request_id_reused', 'This requestId was already used for a different message');
          return reply.code(200).send(acceptanceOf(earlier));
        }

        const analysis = analyseSmsText(body.message);
        if (analysis.segments > MAX_SEGMENTS) {
          return sandboxError(reply, 400, 'sms.too_long', `The message needs ${analysis.segments} parts; at most ${MAX_SEGMENTS} are allowed`, {
            encoding: analysis.encoding, units: analysis.units, segments: analysis.segments, maxSegments: MAX_SEGMENTS,
          });
        }
        const record: SmsRecord = {
          id: randomUUID(), clientId: client.id, requestId: body.requestId, brandname: body.brandname, phone, message: body.message,
          encoding: analysis.encoding, segments: analysis.segments, hasDiacritics: analysis.hasDiacritics, acceptedAt: new Date().toISOString(), scheduledAt,
        };
        store.add(record);
        request.log.info({ messageId: record.id, brandname: record.brandname, segments: record.segments }, 'sms sandbox: message accepted');
        return reply.code(202).send(acceptanceOf(record));
      });

      app.get<{ Params: { messageId: string } }>('/api/v1/messages/:messageId', {
        onRequest: authenticate,
        schema: {
          summary: 'Delivery status of an SMS',
          description: `Status of a message the client sent: \`delivered\` once due (immediately unless scheduled), \`scheduled\` before \`scheduledAt\`, `
            + `\`failed\` for numbers of the test range (ending in ${FAILING_NUMBER_SUFFIX}). Another client's message is 404. ${CLIENT_AUTH}`,
          tags: TAGS,
          headers: authHeadersSchema,
          params: { type: 'object', additionalProperties: false, required: ['messageId'], properties: { messageId: { type: 'string', minLength: 1, maxLength: 64 } } },
          response: { 200: smsMessageSchema, 401: sandboxErrorSchema, 404: sandboxErrorSchema },
        },
      }, async (request, reply) => {
        const record = store.get(request.params.messageId);
        if (!record || record.clientId !== callerOf(request).id) return sandboxError(reply, 404, 'sms.message_not_found', 'No message with this id');
        return messageOf(record);
      });

      app.get<{ Querystring: { phone?: string } & PageRequest }>('/_admin/messages', {
        schema: {
          summary: 'List captured SMS',
          description: `Captured messages of every client, newest first, optionally for one phone number. ${ADMIN_NOTE}`,
          tags: TAGS,
          querystring: phoneQuery,
          response: { 200: pageSchema(smsMessageSchema), 400: sandboxErrorSchema, 401: sandboxErrorSchema },
        },
      }, async (request, reply) => search(request.query) ?? sandboxError(reply, 400, 'sms.invalid_phone', 'The phone filter is not a Vietnamese mobile number'));

      app.delete('/_admin/messages', {
        schema: {
          summary: 'Empty the SMS inbox',
          description: `Deletes every captured message (their requestIds can then be used again). ${ADMIN_NOTE}`,
          tags: TAGS,
          response: { 200: deletedSchema, 401: sandboxErrorSchema },
        },
      }, async () => ({ deleted: store.clear() }));

      app.get<{ Querystring: { phone?: string } & PageRequest }, typeof TESTER_ROUTE>('/inbox', {
        config: TESTER_ROUTE,
        schema: {
          summary: 'SMS inbox page',
          description: 'HTML page for testers: captured messages grouped by phone, newest first. No authentication (synthetic data only).',
          tags: TAGS,
          querystring: phoneQuery,
          response: {
            200: { description: 'Inbox page', content: { 'text/html': { schema: { type: 'string' } } } },
            400: { description: 'Invalid filter', content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: sandboxErrorSchema } } },
          },
        },
      }, async (request, reply) => {
        const found = search(request.query);
        const view = { phone: request.query.phone ?? '', invalidPhone: !found, page: found ?? { total: 0, limit: request.query.limit, offset: 0, items: [] } };
        return sendPage(reply, found ? 200 : 400, renderSmsInbox(view));
      });
    },
  };
}
