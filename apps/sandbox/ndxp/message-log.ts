/**
 * The hub's message log: one record per exchange, as X-Road security servers keep for
 * accountability. Bodies and query strings are never kept; long digit runs in the path
 * (personal ids, tax codes) are masked.
 */
export interface MessageRecord {
  /** `X-Road-Id`. */
  id: string;
  /** `X-Road-Request-Id`. */
  requestId: string;
  at: string;
  /** Client subsystem as claimed in `X-Road-Client`, or null when the header was missing or malformed. */
  client: string | null;
  /** Service id, or null when the request named none. */
  service: string | null;
  method: string;
  /** Path after the service id (masked, without query). */
  path: string;
  status: number;
  durationMs: number;
  requestHash: string;
  /** X-Road fault type, when the hub (not the provider) failed the message. */
  error?: string;
}

export interface MessageQuery {
  client?: string;
  service?: string;
  limit?: number;
}

export const maskPath = (path: string): string => path.split('?')[0]!.replace(/\d{9,}/g, (digits) => `${digits.slice(0, 3)}***${digits.slice(-2)}`);

export class MessageLog {
  readonly #records: MessageRecord[] = [];
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  record(entry: MessageRecord): void {
    this.#records.push(entry);
    if (this.#records.length > this.#capacity) this.#records.splice(0, this.#records.length - this.#capacity);
  }

  /** Newest first. */
  query(query: MessageQuery = {}): MessageRecord[] {
    const limit = query.limit ?? 100;
    const out: MessageRecord[] = [];
    for (let i = this.#records.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = this.#records[i]!;
      if (query.client !== undefined && entry.client !== query.client) continue;
      if (query.service !== undefined && entry.service !== query.service) continue;
      out.push(entry);
    }
    return out;
  }
}

export const messageRecordSchema = {
  type: 'object',
  required: ['id', 'requestId', 'at', 'client', 'service', 'method', 'path', 'status', 'durationMs', 'requestHash'],
  properties: {
    id: { type: 'string' },
    requestId: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    client: { type: ['string', 'null'] },
    service: { type: ['string', 'null'] },
    method: { type: 'string' },
    path: { type: 'string' },
    status: { type: 'integer' },
    durationMs: { type: 'number' },
    requestHash: { type: 'string' },
    error: { type: 'string' },
  },
} as const;
