import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Queryable } from './db/connection.ts';

/**
 * PostgreSQL LISTEN/NOTIFY, the same on PGlite and on a PostgreSQL server: a signal sent by one
 * replica reaches every replica listening on the channel (and the sender itself).
 */
export interface ListenHandlers {
  message(payload: string): void;
  /**
   * Called whenever signals may have been missed (the listening connection dropped, or came back):
   * anything derived from earlier signals must be forgotten.
   */
  reset(): void;
}

export interface Listener {
  /** False while the listening connection is down: signals are not being received. */
  readonly connected: boolean;
  close(): Promise<void>;
}

export type Listen = (channel: string, handlers: ListenHandlers) => Promise<Listener>;

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${channel}`);
}

/** Sends a signal; inside a transaction it is delivered at commit (and dropped on rollback). */
export async function notify(q: Queryable, channel: string, payload: string): Promise<void> {
  checkChannel(channel);
  await q.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** PGlite runs in this process: every platform sharing the instance hears every signal. */
export function pgliteListen(client: PGlite): Listen {
  return async (channel, handlers) => {
    checkChannel(channel);
    const unlisten = await client.listen(channel, (payload) => handlers.message(payload));
    return { connected: true, close: () => unlisten() };
  };
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * On PostgreSQL a listener needs a dedicated connection (a pooled one would be handed to other
 * queries). It reconnects with backoff; while it is down `connected` is false.
 */
export function pgListen(connectionString: string, opened: Set<Listener>): Listen {
  return async (channel, handlers) => {
    checkChannel(channel);
    let client: pg.Client | undefined;
    let connected = false;
    let closed = false;
    let delay = RECONNECT_MIN_MS;
    let timer: NodeJS.Timeout | undefined;

    const drop = (failed: pg.Client) => {
      if (client !== failed) return;
      client = undefined;
      if (connected) handlers.reset();
      connected = false;
      failed.removeAllListeners();
      failed.on('error', () => {});
      void failed.end().catch(() => {});
      if (!closed) timer = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };

    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString });
      client = next;
      next.on('error', () => drop(next));
      next.on('end', () => drop(next));
      next.on('notification', (message) => {
        if (message.channel === channel) handlers.message(message.payload ?? '');
      });
      try {
        await next.connect();
        await next.query(`listen ${channel}`);
        if (client !== next || closed) return;
        connected = true;
        delay = RECONNECT_MIN_MS;
        handlers.reset();
      } catch {
        drop(next);
      }
    };

    await connect();
    const listener: Listener = {
      get connected() {
        return connected;
      },
      async close() {
        closed = true;
        clearTimeout(timer);
        opened.delete(listener);
        const current = client;
        client = undefined;
        connected = false;
        await current?.end().catch(() => {});
      },
    };
    opened.add(listener);
    return listener;
  };
}
