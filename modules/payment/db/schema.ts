import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Tables owned by modules/payment. Owners (a dossier, later a ticket) are plain references. */
export const payment = pgSchema('payment');

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One line of a payment request: a fee (phí) or charge (lệ phí) with its code. */
export interface PaymentLineRow {
  code: string;
  name: string;
  amount: number;
  kind: 'fee' | 'charge';
}

/**
 * A request for money owed to an agency: what is owed (lines, total in VND), by whom, for what
 * owner (`tthc:dossier:<id>`), and how it was settled. One open request per owner and purpose.
 */
export const requests = payment.table(
  'requests',
  {
    id: uuid('id').primaryKey(),
    /** The owning module's reference, `<module>:<kind>:<id>`. */
    owner: text('owner').notNull(),
    /** Why it is owed within the owner (e.g. `intake`), so a retried create finds the same request. */
    purpose: text('purpose').notNull(),
    agencyId: uuid('agency_id').notNull(),
    agencyCode: text('agency_code').notNull(),
    payerName: text('payer_name').notNull(),
    description: text('description').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    lines: jsonb('lines').notNull().$type<PaymentLineRow[]>(),
    status: text('status').notNull().default('pending'),
    /** How it was paid: online (national platform), counter, transfer; null while unpaid. */
    method: text('method'),
    /** Online attempts made so far; the platform order id is `<request id>-<attempt>`. */
    attempts: integer('attempts').notNull().default(0),
    providerPaymentId: text('provider_payment_id'),
    providerTransactionNo: text('provider_transaction_no'),
    /** Counter: the receipt (biên lai) number written by the official; online: the transaction no. */
    receiptNo: text('receipt_no'),
    collectedBy: text('collected_by'),
    paidAt: at('paid_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('requests_owner_purpose_key').on(t.owner, t.purpose),
    unique('requests_provider_transaction_key').on(t.providerTransactionNo),
    index('requests_paid_at_idx').on(t.paidAt),
    check('requests_status_check', sql`${t.status} in ('pending', 'paid', 'cancelled', 'expired', 'failed')`),
    check('requests_method_check', sql`${t.method} is null or ${t.method} in ('online', 'counter', 'transfer')`),
    check('requests_amount_check', sql`${t.amount} > 0`),
  ],
);

/**
 * Everything that happened to a request, append-only: created, online payment started, results
 * from the return, the notification, a query or the counter, and results that were ignored.
 */
export const events = payment.table(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind').notNull(),
    /** return | notification | query | counter | system */
    source: text('source').notNull(),
    /** The platform's `X-Notification-Id`, so a duplicate delivery is recognised. */
    notificationId: text('notification_id'),
    data: jsonb('data').notNull().default({}),
    actor: text('actor'),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('events_request_idx').on(t.requestId, t.id), unique('events_notification_key').on(t.notificationId)],
);

/** One mismatch between the platform's reconciliation file and Sen's records. */
export interface MismatchRow {
  kind: 'unknown_transaction' | 'amount_differs' | 'status_differs' | 'missing_in_platform';
  transactionNo: string | null;
  orderId: string | null;
  requestId: string | null;
  platformAmount: number | null;
  senAmount: number | null;
  platformStatus: string | null;
  /** A `requests.status` value. */
  senStatus: 'pending' | 'paid' | 'cancelled' | 'expired' | 'failed' | null;
}

/** A daily reconciliation run: the platform's file of one local date against Sen's records. */
export const reconciliations = payment.table(
  'reconciliations',
  {
    id: uuid('id').primaryKey(),
    date: text('date').notNull(),
    merchantCode: text('merchant_code').notNull(),
    fileSha256: text('file_sha256').notNull(),
    platformCount: integer('platform_count').notNull(),
    platformTotal: bigint('platform_total', { mode: 'number' }).notNull(),
    senCount: integer('sen_count').notNull(),
    senTotal: bigint('sen_total', { mode: 'number' }).notNull(),
    matched: integer('matched').notNull(),
    mismatches: jsonb('mismatches').notNull().$type<MismatchRow[]>(),
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('reconciliations_date_idx').on(t.date, t.createdAt)],
);
