import type { SmsEncoding } from './encoding.ts';
import { isFailingTestNumber } from './phone.ts';

/** A brandname SMS as captured: what the client sent plus how it was encoded. */
export interface SmsRecord {
  /** The message id returned to the client. */
  id: string;
  clientId: string;
  requestId: string;
  brandname: string;
  /** Normalised, `84xxxxxxxxx`. */
  phone: string;
  message: string;
  encoding: SmsEncoding;
  segments: number;
  hasDiacritics: boolean;
  acceptedAt: string;
  scheduledAt: string | null;
}

export type SmsStatus = 'scheduled' | 'delivered' | 'failed';

/** A captured SMS with its delivery status as of now. */
export interface SmsMessage {
  messageId: string;
  clientId: string;
  requestId: string;
  brandname: string;
  phone: string;
  message: string;
  encoding: SmsEncoding;
  segments: number;
  hasDiacritics: boolean;
  acceptedAt: string;
  scheduledAt: string | null;
  status: SmsStatus;
  /** When the message reached (or failed to reach) the handset; null while scheduled. */
  completedAt: string | null;
  error: { code: string; message: string } | null;
}

export function diacriticsWarning(encoding: SmsEncoding): string {
  return 'The message has diacritics; brandname SMS for public services is usually sent without them'
    + (encoding === 'UCS2' ? ' (with them it is sent as UCS-2: 70 characters per SMS, 67 per part).' : '.');
}

export function acceptanceOf(record: SmsRecord) {
  return {
    messageId: record.id,
    status: 'accepted' as const,
    segments: record.segments,
    encoding: record.encoding,
    phone: record.phone,
    hasDiacritics: record.hasDiacritics,
    ...(record.hasDiacritics ? { warning: diacriticsWarning(record.encoding) } : {}),
  };
}

/** Delivery happens the moment a message is due; numbers of the test range always fail. */
export function messageOf(record: SmsRecord, now = Date.now()): SmsMessage {
  const { id, ...fields } = record;
  const dueAt = record.scheduledAt && Date.parse(record.scheduledAt) > Date.parse(record.acceptedAt) ? record.scheduledAt : record.acceptedAt;
  const base = { messageId: id, ...fields };
  if (Date.parse(dueAt) > now) return { ...base, status: 'scheduled', completedAt: null, error: null };
  if (isFailingTestNumber(record.phone)) {
    return { ...base, status: 'failed', completedAt: dueAt, error: { code: 'sms.subscriber_unreachable', message: 'The subscriber could not be reached (sandbox test number)' } };
  }
  return { ...base, status: 'delivered', completedAt: dueAt, error: null };
}

const encodingSchema = { type: 'string', enum: ['GSM7', 'UCS2'] } as const;

export const authHeadersSchema = {
  type: 'object',
  required: ['x-client-id', 'x-api-key'],
  properties: {
    'x-client-id': { type: 'string', maxLength: 100, description: 'Registered client id.' },
    'x-api-key': { type: 'string', maxLength: 200, description: 'The client\'s API key.' },
  },
} as const;

export const sendBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['brandname', 'phone', 'message', 'requestId'],
  properties: {
    brandname: { type: 'string', minLength: 1, maxLength: 11, description: 'Registered sender name (alphanumeric, ≤ 11).' },
    phone: { type: 'string', minLength: 1, maxLength: 20, description: 'Vietnamese mobile number: 0…, 84… or +84… and 9 digits starting 3, 5, 7, 8 or 9.' },
    message: { type: 'string', minLength: 1, maxLength: 2000, description: 'At most 5 parts: 765 GSM-7 characters, or 335 UCS-2 (with diacritics).' },
    requestId: { type: 'string', minLength: 1, maxLength: 64, description: 'Client idempotency key: the same key again returns the first message.' },
    scheduledAt: { type: 'string', format: 'date-time', maxLength: 40, description: 'Deliver at this time instead of now.' },
  },
} as const;

export const acceptanceSchema = {
  type: 'object',
  required: ['messageId', 'status', 'segments', 'encoding', 'phone', 'hasDiacritics'],
  properties: {
    messageId: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['accepted'] },
    segments: { type: 'integer', description: 'Parts the message is split into (billed per part).' },
    encoding: encodingSchema,
    phone: { type: 'string', description: 'Normalised number, 84xxxxxxxxx.' },
    hasDiacritics: { type: 'boolean' },
    warning: { type: 'string', description: 'Present when the message has Vietnamese diacritics.' },
  },
} as const;

export const smsMessageSchema = {
  type: 'object',
  required: ['messageId', 'clientId', 'requestId', 'brandname', 'phone', 'message', 'encoding', 'segments', 'hasDiacritics', 'acceptedAt', 'scheduledAt', 'status', 'completedAt', 'error'],
  properties: {
    messageId: { type: 'string', format: 'uuid' },
    clientId: { type: 'string' },
    requestId: { type: 'string' },
    brandname: { type: 'string' },
    phone: { type: 'string' },
    message: { type: 'string' },
    encoding: encodingSchema,
    segments: { type: 'integer' },
    hasDiacritics: { type: 'boolean' },
    acceptedAt: { type: 'string', format: 'date-time' },
    scheduledAt: { type: ['string', 'null'], format: 'date-time' },
    status: { type: 'string', enum: ['scheduled', 'delivered', 'failed'] },
    completedAt: { type: ['string', 'null'], format: 'date-time', description: 'When it was delivered or failed; null while scheduled.' },
    error: {
      anyOf: [
        { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
        { type: 'null' },
      ],
    },
  },
} as const;
