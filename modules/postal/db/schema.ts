import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, jsonb, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Tables owned by modules/postal. Owners (a dossier today) are plain references `<module>:<kind>:<id>`. */
export const postal = pgSchema('postal');

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Who receives or sends by post, and where: a commune of the province picked by its code. */
export interface RecipientRow {
  name: string;
  phone: string;
  address: { line: string; communeCode: string; commune: string; province: string };
}

/** How an owner's applicant sends the papers (online, at the desk, by post pickup) and receives the result (desk, online, post). */
export const choices = postal.table(
  'choices',
  {
    owner: text('owner').primaryKey(),
    submit: text('submit').notNull(),
    receive: text('receive').notNull(),
    recipient: jsonb('recipient').$type<RecipientRow>(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('choices_submit_check', sql`${t.submit} in ('online', 'desk', 'post')`),
    check('choices_receive_check', sql`${t.receive} in ('desk', 'online', 'post')`),
    check('choices_recipient_check', sql`(${t.submit} <> 'post' and ${t.receive} <> 'post') or ${t.recipient} is not null`),
  ],
);

/** An order placed with VNPost: one pickup and one delivery per owner at most. */
export const orders = postal.table(
  'orders',
  {
    id: uuid('id').primaryKey(),
    owner: text('owner').notNull(),
    kind: text('kind').notNull(),
    referenceCode: text('reference_code').notNull(),
    providerOrderId: text('provider_order_id').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    serviceCode: text('service_code').notNull(),
    feeVnd: bigint('fee_vnd', { mode: 'number' }).notNull(),
    /** What the postman collects from the receiver: the postage when it was not paid with the dossier's fee. */
    codVnd: bigint('cod_vnd', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    /** When the current status happened at VNPost; an event older than this does not change it. */
    statusAt: at('status_at').notNull(),
    estimatedDeliveryAt: at('estimated_delivery_at'),
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('orders_owner_kind_key').on(t.owner, t.kind),
    unique('orders_provider_order_key').on(t.providerOrderId),
    check('orders_kind_check', sql`${t.kind} in ('pickup', 'delivery')`),
  ],
);

/** The tracking history as VNPost reported it; each event once (its id is unique). */
export const events = postal.table(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull(),
    providerEventId: text('provider_event_id').notNull(),
    status: text('status').notNull(),
    at: at('at').notNull(),
    location: text('location').notNull(),
    note: text('note').notNull(),
    receivedBy: text('received_by'),
    /** False when it arrived after a later event (out of order): kept in the history, the status unchanged. */
    applied: boolean('applied').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [unique('events_provider_event_key').on(t.providerEventId), index('events_order_idx').on(t.orderId, t.at)],
);
