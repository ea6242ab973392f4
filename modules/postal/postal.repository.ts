import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { PostalService, PostalStatus } from '../../packages/national/index.ts';
import type { Queryable } from '../../packages/platform/index.ts';
import { choices, events, orders } from './db/schema.ts';
import type { OrderKind, PostalChoice, PostalOrderView, ReceiveMethod, SubmitMethod, TrackingEntry } from './postal.types.ts';

type OrderRow = typeof orders.$inferSelect;

const toChoice = (row: typeof choices.$inferSelect): PostalChoice => ({
  submit: row.submit as SubmitMethod, receive: row.receive as ReceiveMethod, recipient: row.recipient ?? null, updatedAt: row.updatedAt.toISOString(),
});

const toOrder = (row: OrderRow, history: TrackingEntry[]): PostalOrderView => ({
  id: row.id, kind: row.kind as OrderKind, referenceCode: row.referenceCode, trackingNumber: row.trackingNumber, serviceCode: row.serviceCode as PostalService,
  feeVnd: row.feeVnd, codVnd: row.codVnd, status: row.status as PostalStatus, statusAt: row.statusAt.toISOString(),
  estimatedDeliveryAt: row.estimatedDeliveryAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(), events: history,
});

/** The only place that writes SQL for the `postal` schema. */
export const postalRepository = {
  async saveChoice(db: Queryable, row: typeof choices.$inferInsert): Promise<PostalChoice> {
    const [saved] = await db.insert(choices).values(row)
      .onConflictDoUpdate({ target: choices.owner, set: { submit: row.submit, receive: row.receive, recipient: row.recipient ?? null, updatedBy: row.updatedBy, updatedAt: new Date() } })
      .returning();
    return toChoice(saved!);
  },

  async choice(db: Queryable, owner: string): Promise<PostalChoice | undefined> {
    const [row] = await db.select().from(choices).where(eq(choices.owner, owner));
    return row && toChoice(row);
  },

  /** Inserts the order unless the owner already has one of this kind; answers the stored one either way. */
  async insertOrder(db: Queryable, row: typeof orders.$inferInsert): Promise<{ created: boolean; order: OrderRow }> {
    const [inserted] = await db.insert(orders).values(row).onConflictDoNothing().returning();
    if (inserted) return { created: true, order: inserted };
    const [existing] = await db.select().from(orders).where(and(eq(orders.owner, row.owner), eq(orders.kind, row.kind)));
    return { created: false, order: existing! };
  },

  async orderRow(db: Queryable, owner: string, kind: OrderKind): Promise<OrderRow | undefined> {
    const [row] = await db.select().from(orders).where(and(eq(orders.owner, owner), eq(orders.kind, kind)));
    return row;
  },

  async byProviderOrder(db: Queryable, providerOrderId: string, lock = false): Promise<OrderRow | undefined> {
    const query = db.select().from(orders).where(eq(orders.providerOrderId, providerOrderId));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  },

  async ordersOf(db: Queryable, owner: string): Promise<PostalOrderView[]> {
    const rows = await db.select().from(orders).where(eq(orders.owner, owner)).orderBy(asc(orders.createdAt));
    if (rows.length === 0) return [];
    const history = await db.select().from(events).where(inArray(events.orderId, rows.map((r) => r.id))).orderBy(asc(events.at), asc(events.id));
    return rows.map((row) => toOrder(row, history.filter((e) => e.orderId === row.id).map((e) => ({
      status: e.status as PostalStatus, at: e.at.toISOString(), location: e.location, note: e.note, receivedBy: e.receivedBy,
    }))));
  },

  /** Records the event once; false when its id was already recorded (a duplicate delivery). */
  async appendEvent(db: Queryable, row: typeof events.$inferInsert): Promise<boolean> {
    const inserted = await db.insert(events).values(row).onConflictDoNothing({ target: events.providerEventId }).returning({ id: events.id });
    return inserted.length === 1;
  },

  /** Moves the order to the event's status unless a later event already set it; true when it moved. */
  async advance(db: Queryable, id: string, status: PostalStatus, statusAt: Date): Promise<boolean> {
    const moved = await db.update(orders).set({ status, statusAt }).where(and(eq(orders.id, id), lte(orders.statusAt, statusAt))).returning({ id: orders.id });
    return moved.length === 1;
  },
};
