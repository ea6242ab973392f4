import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sandboxErrorSchema } from '../kit.ts';
import { CLIENT_AUTH_DESCRIPTION, callerOf, clientHeadersSchema } from './client-headers.ts';

/**
 * Who looked up what, when and why: the national databases must be able to account for every
 * access to personal data (Decree 13/2023 on personal data protection), so the sandboxes keep
 * the same trail and let testers check that Sen states a purpose and names the official.
 * Shared by the population and business-registration sandboxes.
 */
export interface AccessLogEntry<Outcome extends string = string> {
  id: string;
  at: string;
  clientId: string;
  requester: string;
  userId: string | null;
  purpose: string | null;
  outcome: Outcome;
}

export interface AccessLogFilter {
  clientId?: string;
  /** ISO date-time, inclusive. */
  since?: string;
  /** ISO date-time, inclusive. */
  until?: string;
  outcome?: string;
  limit?: number;
  offset?: number;
}

export interface AccessLogPage<Entry> {
  total: number;
  items: Entry[];
}

/** The last `capacity` entries in memory, oldest dropped first. */
export class AccessLog<Entry extends AccessLogEntry> {
  readonly #entries: Entry[] = [];
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  record(fields: Omit<Entry, 'id' | 'at'>): Entry {
    const entry = { id: randomUUID(), at: new Date().toISOString(), ...fields } as Entry;
    this.#entries.push(entry);
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
    return entry;
  }

  /** Matching entries, newest first. */
  query(filter: AccessLogFilter = {}): AccessLogPage<Entry> {
    const since = filter.since === undefined ? -Infinity : Date.parse(filter.since);
    const until = filter.until === undefined ? Infinity : Date.parse(filter.until);
    const matching = this.#entries.filter((entry) => {
      const at = Date.parse(entry.at);
      return at >= since && at <= until
        && (filter.clientId === undefined || entry.clientId === filter.clientId)
        && (filter.outcome === undefined || entry.outcome === filter.outcome);
    }).reverse();
    const offset = filter.offset ?? 0;
    return { total: matching.length, items: matching.slice(offset, offset + (filter.limit ?? 50)) };
  }
}

/** `087085001234` → `087******234`: enough for a tester to recognise, not enough to identify. */
export function maskPersonalId(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  return value.length >= 7 ? `${value.slice(0, 3)}******${value.slice(-3)}` : '******';
}

/** What a sandbox's log adds to the common fields, for its routes' schemas. */
export interface AccessLogSpec {
  tag: string;
  outcomes: readonly string[];
  /** JSON-schema properties of the sandbox's own entry fields (the subject looked up). */
  subjectProperties: Record<string, unknown>;
}

const nullableText = { type: ['string', 'null'] } as const;

function entrySchema(spec: AccessLogSpec) {
  return {
    type: 'object',
    required: ['id', 'at', 'clientId', 'requester', 'userId', 'purpose', 'outcome'],
    properties: {
      id: { type: 'string' },
      at: { type: 'string', format: 'date-time' },
      clientId: { type: 'string', description: 'The authenticated client (X-Client-Id)' },
      requester: { type: 'string', description: 'X-Road-Client when a hub forwarded the call, else the client id' },
      userId: { ...nullableText, description: 'X-Road-UserId: the official who asked' },
      purpose: { ...nullableText, description: 'The stated purpose of the access' },
      outcome: { type: 'string', enum: [...spec.outcomes] },
      ...spec.subjectProperties,
    },
  } as const;
}

function querySchema(spec: AccessLogSpec, withClientFilter: boolean) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      since: { type: 'string', format: 'date-time', maxLength: 40, description: 'Entries at or after this instant' },
      until: { type: 'string', format: 'date-time', maxLength: 40, description: 'Entries at or before this instant' },
      outcome: { type: 'string', enum: [...spec.outcomes] },
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
      offset: { type: 'integer', minimum: 0, maximum: 10_000, default: 0 },
      ...(withClientFilter ? { clientId: { type: 'string', minLength: 1, maxLength: 200, description: 'Only this client\'s calls' } } : {}),
    },
  } as const;
}

function pageSchema(spec: AccessLogSpec) {
  return {
    type: 'object',
    required: ['total', 'items'],
    properties: { total: { type: 'integer' }, items: { type: 'array', items: entrySchema(spec) } },
  } as const;
}

/** `GET /v1/access-log`: the calling client's own calls (register it behind the client-header guard). */
export function registerOwnAccessLogRoute<Entry extends AccessLogEntry>(api: FastifyInstance, log: AccessLog<Entry>, spec: AccessLogSpec): void {
  api.get<{ Querystring: Omit<AccessLogFilter, 'clientId'> }>('/v1/access-log', {
    schema: {
      summary: 'Own access log',
      description: `The calling client's lookups, newest first, filtered by time and outcome. ${CLIENT_AUTH_DESCRIPTION}`,
      tags: [spec.tag],
      headers: clientHeadersSchema(),
      querystring: querySchema(spec, false),
      response: { 200: pageSchema(spec), 400: sandboxErrorSchema, 401: sandboxErrorSchema },
    },
  }, async (request) => log.query({ ...request.query, clientId: callerOf(request).clientId }));
}

/** `GET /_admin/access-log`: every client's calls, for testers (the server requires the admin token). */
export function registerAdminAccessLogRoute<Entry extends AccessLogEntry>(app: FastifyInstance, log: AccessLog<Entry>, spec: AccessLogSpec): void {
  app.get<{ Querystring: AccessLogFilter }>('/_admin/access-log', {
    schema: {
      summary: 'Access log (all clients)',
      description: 'Every lookup of every client, newest first, filtered by client, time and outcome. '
        + 'Admin route: requires `Authorization: Bearer <sandbox admin token>`.',
      tags: [spec.tag],
      querystring: querySchema(spec, true),
      response: { 200: pageSchema(spec), 400: sandboxErrorSchema, 401: sandboxErrorSchema },
    },
  }, async (request) => log.query(request.query));
}
