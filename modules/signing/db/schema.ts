import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSchema, text, timestamp, unique, uuid, date } from 'drizzle-orm/pg-core';

/** Tables owned by modules/signing. Agencies, dossiers and people are plain references. */
export const signing = pgSchema('signing');

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * An agency's signing key and its certificate from the CA: the private key is sealed with the
 * platform's secret box (context `signing.agency-key:<id>`), never stored in the clear.
 */
export const agencyKeys = signing.table(
  'agency_keys',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    serialNumber: text('serial_number').notNull(),
    /** The agency's certificate, then the CA chain, PEM. */
    certificatePem: text('certificate_pem').notNull(),
    chainPem: text('chain_pem').notNull(),
    privateKeySealed: text('private_key_sealed').notNull(),
    notAfter: at('not_after').notNull(),
    /** active, or retired (superseded, revoked at the CA). */
    status: text('status').notNull().default('active'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('agency_keys_agency_idx').on(t.agencyId, t.status),
    check('agency_keys_status_check', sql`${t.status} in ('active', 'retired')`),
  ],
);

export const RESULT_STATUSES = ['valid', 'amended', 'replaced', 'revoked', 'expired'] as const;

/**
 * The results registry: every result issued (licence, certificate, decision) with its number,
 * holder, validity, issuing agency, status and the signed file (a blob by SHA-256).
 */
export const results = signing.table(
  'results',
  {
    id: uuid('id').primaryKey(),
    /** The code printed on the result and in its QR: the key of the public verification. */
    code: text('code').notNull(),
    /** The result's number as the agency numbers it. */
    number: text('number').notNull(),
    /** licence, certificate, decision, other. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    holderName: text('holder_name').notNull(),
    /** The holder's personal id number or enterprise code (shown masked; searched exactly by officials). */
    holderId: text('holder_id'),
    agencyId: uuid('agency_id').notNull(),
    agencyName: text('agency_name').notNull(),
    procedureCode: text('procedure_code'),
    /** The owning record elsewhere, `<module>:<kind>:<id>` (e.g. `tthc:dossier:<id>`). */
    source: text('source'),
    issuedAt: at('issued_at').notNull(),
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until'),
    status: text('status').notNull().default('valid'),
    /** Anyone may find results of a public kind (licences); others only officials and the holder. */
    public: boolean('public').notNull().default(false),
    fileSha256: text('file_sha256').notNull(),
    fileName: text('file_name').notNull(),
    signatures: integer('signatures').notNull().default(1),
    /** A result this one replaces or amends. */
    supersedes: uuid('supersedes'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('results_code_key').on(t.code),
    unique('results_agency_number_key').on(t.agencyId, t.number),
    index('results_holder_idx').on(t.holderId),
    index('results_source_idx').on(t.source),
    check('results_status_check', sql`${t.status} in ('valid', 'amended', 'replaced', 'revoked', 'expired')`),
    check('results_kind_check', sql`${t.kind} in ('licence', 'certificate', 'decision', 'other')`),
  ],
);

/** Every status change of a registered result: who, when, from what, to what, why. */
export const resultEvents = signing.table(
  'result_events',
  {
    id: uuid('id').primaryKey(),
    resultId: uuid('result_id').notNull().references(() => results.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('result_events_result_idx').on(t.resultId, t.at)],
);
