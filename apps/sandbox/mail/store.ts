/**
 * The capture sandboxes (mail, SMS) keep what Sen sent in memory so testers and tests can
 * read it back. This store and its paging schemas are shared by both: the newest records
 * win, the oldest are dropped once the capacity is reached, so a long-running sandbox never
 * grows without bound.
 */

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  /** Number of records matching the filter (before paging). */
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface BoundedStoreOptions<T> {
  /**
   * A second unique key per record (e.g. a client's idempotency key), looked up with
   * `getByKey`; dropped together with its record.
   */
  secondaryKey?: (item: T) => string;
}

export class BoundedStore<T extends { id: string }> {
  // A Map iterates in insertion order: the first entry is always the oldest.
  readonly #items = new Map<string, T>();
  readonly #byKey = new Map<string, string>();
  readonly #capacity: number;
  readonly #secondaryKey: ((item: T) => string) | undefined;

  constructor(capacity: number, options: BoundedStoreOptions<T> = {}) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#capacity = capacity;
    this.#secondaryKey = options.secondaryKey;
  }

  get size(): number {
    return this.#items.size;
  }

  add(item: T): void {
    this.#remove(item.id);
    this.#items.set(item.id, item);
    if (this.#secondaryKey) this.#byKey.set(this.#secondaryKey(item), item.id);
    while (this.#items.size > this.#capacity) this.#remove(this.#items.keys().next().value as string);
  }

  #remove(id: string): void {
    const item = this.#items.get(id);
    if (!item) return;
    this.#items.delete(id);
    const key = this.#secondaryKey?.(item);
    // The key may since have been given to a newer record: leave that one findable.
    if (key !== undefined && this.#byKey.get(key) === id) this.#byKey.delete(key);
  }

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  getByKey(key: string): T | undefined {
    const id = this.#byKey.get(key);
    return id === undefined ? undefined : this.#items.get(id);
  }

  /** Matching records, newest first. */
  newestFirst(filter: (item: T) => boolean = () => true): T[] {
    return [...this.#items.values()].reverse().filter(filter);
  }

  page(filter: (item: T) => boolean, request: PageRequest): Page<T> {
    const matching = this.newestFirst(filter);
    return { total: matching.length, limit: request.limit, offset: request.offset, items: matching.slice(request.offset, request.offset + request.limit) };
  }

  /** Empties the store; returns how many records were dropped. */
  clear(): number {
    const count = this.#items.size;
    this.#items.clear();
    this.#byKey.clear();
    return count;
  }
}

/** `limit` / `offset` query parameters of every inbox listing. */
export const pagingQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Page size (1–100).' },
  offset: { type: 'integer', minimum: 0, maximum: 100_000, default: 0, description: 'Records to skip, newest first.' },
} as const;

/** Response schema of a page of records. */
export function pageSchema<S extends object>(itemSchema: S) {
  return {
    type: 'object',
    required: ['total', 'limit', 'offset', 'items'],
    properties: {
      total: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
      items: { type: 'array', items: itemSchema },
    },
  } as const;
}

/** Response of the `DELETE …/_admin/messages` routes. */
export const deletedSchema = {
  type: 'object',
  required: ['deleted'],
  properties: { deleted: { type: 'integer', description: 'Number of captured messages removed.' } },
} as const;
