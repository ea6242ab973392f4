import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../packages/platform/index.ts';
import { events, reconciliations, requests } from './db/schema.ts';
import type { PaymentEvent, PaymentEventSource, PaymentMethod, PaymentRequest, PaymentStatus, ReconciliationReport } from './payment.types.ts';

type RequestRow = typeof requests.$inferSelect;

export function toRequest(row: RequestRow): PaymentRequest & { attempts: number; providerPaymentId: string | null } {
  return {
    id: row.id, owner: row.owner, purpose: row.purpose, agencyId: row.agencyId, agencyCode: row.agencyCode, payerName: row.payerName,
    description: row.description, amount: row.amount, lines: row.lines, status: row.status as PaymentStatus, method: row.method as PaymentMethod | null,
    providerTransactionNo: row.providerTransactionNo, receiptNo: row.receiptNo, paidAt: row.paidAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(), attempts: row.attempts, providerPaymentId: row.providerPaymentId,
  };
}

export type StoredRequest = ReturnType<typeof toRequest>;

/** The only place that writes SQL for the `payment` schema. */
export const paymentRepository = {
  async insert(db: Queryable, row: typeof requests.$inferInsert): Promise<StoredRequest | undefined> {
    const [inserted] = await db.insert(requests).values(row).onConflictDoNothing({ target: [requests.owner, requests.purpose] }).returning();
    return inserted && toRequest(inserted);
  },

  async byOwner(db: Queryable, owner: string, purpose?: string): Promise<StoredRequest[]> {
    const rows = await db.select().from(requests)
      .where(purpose === undefined ? eq(requests.owner, owner) : and(eq(requests.owner, owner), eq(requests.purpose, purpose)))
      .orderBy(requests.createdAt);
    return rows.map(toRequest);
  },

  async get(db: Queryable, id: string, lock = false): Promise<StoredRequest | undefined> {
    const query = db.select().from(requests).where(eq(requests.id, id));
    const [row] = lock ? await query.for('update') : await query;
    return row && toRequest(row);
  },

  async nextAttempt(db: Queryable, id: string): Promise<number | undefined> {
    const [row] = await db.update(requests).set({ attempts: sql`${requests.attempts} + 1`, updatedAt: new Date() })
      .where(and(eq(requests.id, id), eq(requests.status, 'pending'))).returning({ attempts: requests.attempts });
    return row?.attempts;
  },

  async setProviderPayment(db: Queryable, id: string, providerPaymentId: string): Promise<void> {
    await db.update(requests).set({ providerPaymentId, updatedAt: new Date() }).where(eq(requests.id, id));
  },

  /** pending → paid; false when the request was no longer pending (someone else settled it). */
  async markPaid(db: Queryable, id: string, paid: { method: PaymentMethod; paidAt: Date; transactionNo?: string; receiptNo: string; collectedBy?: string }): Promise<boolean> {
    const rows = await db.update(requests).set({
      status: 'paid', method: paid.method, paidAt: paid.paidAt, providerTransactionNo: paid.transactionNo ?? null, receiptNo: paid.receiptNo,
      collectedBy: paid.collectedBy ?? null, updatedAt: new Date(),
    }).where(and(eq(requests.id, id), eq(requests.status, 'pending'))).returning({ id: requests.id });
    return rows.length === 1;
  },

  async setStatus(db: Queryable, id: string, from: PaymentStatus, to: PaymentStatus): Promise<boolean> {
    const rows = await db.update(requests).set({ status: to, updatedAt: new Date() })
      .where(and(eq(requests.id, id), eq(requests.status, from))).returning({ id: requests.id });
    return rows.length === 1;
  },

  /** Appends an event; false when its notification id was already recorded (a duplicate delivery). */
  async appendEvent(db: Queryable, event: typeof events.$inferInsert): Promise<boolean> {
    const rows = await db.insert(events).values(event).onConflictDoNothing({ target: events.notificationId }).returning({ id: events.id });
    return rows.length === 1;
  },

  async events(db: Queryable, requestId: string): Promise<PaymentEvent[]> {
    const rows = await db.select().from(events).where(eq(events.requestId, requestId)).orderBy(events.id);
    return rows.map((r) => ({ id: r.id, kind: r.kind, source: r.source as PaymentEventSource, data: r.data, actor: r.actor, at: r.at.toISOString() }));
  },

  async byTransactionNo(db: Queryable, transactionNo: string): Promise<StoredRequest | undefined> {
    const [row] = await db.select().from(requests).where(eq(requests.providerTransactionNo, transactionNo));
    return row && toRequest(row);
  },

  /** Requests paid online in [from, to). */
  async paidOnlineBetween(db: Queryable, from: Date, to: Date): Promise<StoredRequest[]> {
    const rows = await db.select().from(requests)
      .where(and(eq(requests.method, 'online'), eq(requests.status, 'paid'), gte(requests.paidAt, from), lt(requests.paidAt, to)));
    return rows.map(toRequest);
  },

  async insertReport(db: Queryable, report: typeof reconciliations.$inferInsert): Promise<void> {
    await db.insert(reconciliations).values(report);
  },

  async reports(db: Queryable, page: { limit: number; offset: number; date?: string | undefined }): Promise<{ items: ReconciliationReport[]; total: number }> {
    const where = page.date ? eq(reconciliations.date, page.date) : undefined;
    const rows = await db.select().from(reconciliations).where(where).orderBy(desc(reconciliations.date), desc(reconciliations.createdAt)).limit(page.limit).offset(page.offset);
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(reconciliations).where(where);
    return {
      items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      total: Number(count?.n ?? 0),
    };
  },
};
