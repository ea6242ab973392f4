import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import { foldVietnamese } from '../citizens/random.ts';

/** One mailbox of an address header. */
export interface MailAddress {
  name: string;
  address: string;
}

/** A message captured by the SMTP listener, as the inbox API returns it. */
export interface MailMessage {
  id: string;
  receivedAt: string;
  /** What the client said in MAIL FROM / RCPT TO (Bcc recipients appear only here). */
  envelope: { from: string; to: string[] };
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  text: string | null;
  /** The HTML part as sent; never rendered by the sandbox. */
  html: string | null;
  attachments: { filename: string | null; contentType: string; size: number }[];
  messageId: string | null;
}

/** A stored message with its search text folded once, not on every query. */
export interface CapturedMail {
  id: string;
  message: MailMessage;
  folded: string;
  /** Every recipient address in lower case: envelope, To and Cc. */
  recipients: Set<string>;
}

function mailboxes(entries: EmailAddress[]): MailAddress[] {
  return entries.flatMap((entry) => (entry.group ? mailboxes(entry.group) : entry.address ? [{ name: entry.name, address: entry.address }] : []));
}

function addresses(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!header) return [];
  return (Array.isArray(header) ? header : [header]).flatMap((object) => mailboxes(object.value));
}

export interface Envelope {
  from: string;
  to: string[];
}

/** Parses one message from the DATA stream. */
export async function parseMessage(source: Readable, envelope: Envelope, receivedAt = new Date()): Promise<CapturedMail> {
  // cid: links stay links: inlining images as data: URLs would bloat what is kept in memory.
  const parsed = await simpleParser(source, { keepCidLinks: true });
  const message: MailMessage = {
    id: randomUUID(),
    receivedAt: receivedAt.toISOString(),
    envelope,
    from: addresses(parsed.from)[0] ?? null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? '',
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
    messageId: parsed.messageId ?? null,
  };
  const recipients = new Set([...envelope.to, ...message.to.map((a) => a.address), ...message.cc.map((a) => a.address)].map((a) => a.toLowerCase()));
  return { id: message.id, message, folded: foldVietnamese(`${message.subject}\n${message.text ?? ''}`), recipients };
}

export interface MailFilter {
  to?: string;
  q?: string;
}

export function matchesMail(filter: MailFilter): (mail: CapturedMail) => boolean {
  const to = filter.to?.trim().toLowerCase();
  const q = filter.q ? foldVietnamese(filter.q) : '';
  return (mail) => (!to || mail.recipients.has(to)) && (!q || mail.folded.includes(q));
}

const addressSchema = {
  type: 'object',
  required: ['name', 'address'],
  properties: { name: { type: 'string' }, address: { type: 'string' } },
} as const;

export const mailMessageSchema = {
  type: 'object',
  required: ['id', 'receivedAt', 'envelope', 'from', 'to', 'cc', 'subject', 'text', 'html', 'attachments', 'messageId'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    receivedAt: { type: 'string', format: 'date-time' },
    envelope: {
      type: 'object',
      required: ['from', 'to'],
      description: 'SMTP envelope (MAIL FROM, RCPT TO); Bcc recipients appear only here.',
      properties: { from: { type: 'string' }, to: { type: 'array', items: { type: 'string' } } },
    },
    from: { anyOf: [addressSchema, { type: 'null' }] },
    to: { type: 'array', items: addressSchema },
    cc: { type: 'array', items: addressSchema },
    subject: { type: 'string' },
    text: { type: ['string', 'null'] },
    html: { type: ['string', 'null'], description: 'The HTML part as sent (source, not sanitised).' },
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['filename', 'contentType', 'size'],
        properties: { filename: { type: ['string', 'null'] }, contentType: { type: 'string' }, size: { type: 'integer', description: 'Decoded size in bytes.' } },
      },
    },
    messageId: { type: ['string', 'null'] },
  },
} as const;
