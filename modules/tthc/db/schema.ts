import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Tables owned by modules/tthc (administrative procedures, dossiers). Agencies are catalog ids. */
export const tthc = pgSchema('tthc');

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const timestamps = {
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
};

/**
 * An administrative procedure as the national procedure database publishes it. Descriptive
 * lists (fees, parts, legal bases) are JSON documents validated by the service: they are read
 * and written whole, never queried piecemeal.
 */
export const procedures = tthc.table(
  'procedures',
  {
    id: uuid('id').primaryKey(),
    /** Mã thủ tục on the national procedure database, e.g. `1.001193`. */
    nationalCode: text('national_code').notNull().unique('procedures_national_code_key'),
    name: text('name').notNull(),
    /** Lĩnh vực: code of the `procedure-field` code list. */
    fieldCode: text('field_code').notNull(),
    /** province | commune (the level that carries it out). */
    level: text('level').notNull(),
    /** Agencies carrying it out, as published (free text, e.g. "Sở Xây dựng"). */
    implementingAgencies: jsonb('implementing_agencies').notNull().$type<string[]>(),
    applicantTypes: jsonb('applicant_types').notNull().$type<string[]>(),
    methods: jsonb('methods').notNull().$type<string[]>(),
    processingDays: integer('processing_days').notNull(),
    processingNote: text('processing_note'),
    fees: jsonb('fees').notNull(),
    parts: jsonb('parts').notNull(),
    conditions: text('conditions'),
    /** Trình tự thực hiện: the steps as the procedure database publishes them, in order. */
    steps: jsonb('steps').notNull().default([]).$type<string[]>(),
    legalBases: jsonb('legal_bases').notNull(),
    resultType: text('result_type').notNull(),
    fullyOnline: boolean('fully_online').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** How far the record was checked against the national procedure database (ProcedureVerification); null: not stated. */
    verification: jsonb('verification'),
    version: integer('version').notNull().default(1),
    /** Folded code and name for diacritic-insensitive search. */
    search: text('search').notNull(),
    ...timestamps,
  },
  (t) => [
    index('procedures_field_idx').on(t.fieldCode),
    check('procedures_level_check', sql`${t.level} in ('province', 'commune')`),
    check('procedures_processing_days_check', sql`${t.processingDays} >= 0`),
  ],
);

/** A procedure as one agency offers it: its desk, its process and its own fee schedule. */
export const offerings = tthc.table(
  'offerings',
  {
    id: uuid('id').primaryKey(),
    procedureId: uuid('procedure_id').notNull().references(() => procedures.id),
    agencyId: uuid('agency_id').notNull(),
    /** The one-stop desk that receives (often the public administration service centre). */
    deskAgencyId: uuid('desk_agency_id').notNull(),
    processKey: text('process_key').notNull(),
    /** Overrides the procedure's fees when set. */
    fees: jsonb('fees'),
    /** Dossier code pattern; default `{agencyCode}-{yyMMdd}-{seq4}`. */
    codePattern: text('code_pattern'),
    /** Local time `HH:MM` after which a dossier counts as received the next working day; null = 15:00. */
    intakeCutoff: text('intake_cutoff'),
    onlineEnabled: boolean('online_enabled').notNull().default(true),
    /**
     * Where online filing happens: `provincial` (Sen's portal) or `national` (the applicant is
     * sent to the National Public Service Portal, which pushes the dossier here). Default:
     * provincial; the 2025 texts point citizens to the national portal, but how sure that is
     * stays [weak] (docs/decisions/0020-national-portal-sync.md).
     */
    onlineFilingPortal: text('online_filing_portal').notNull().default('provincial'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [unique('offerings_procedure_agency_key').on(t.procedureId, t.agencyId), index('offerings_agency_idx').on(t.agencyId)],
);

/** An e-form: JSON Schema plus layout hints. Versions are immutable once published. */
export const forms = tthc.table(
  'forms',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    schema: jsonb('schema').notNull(),
    layout: jsonb('layout').notNull(),
    status: text('status').notNull().default('draft'),
    ...timestamps,
  },
  (t) => [primaryKey({ name: 'forms_pkey', columns: [t.key, t.version] }), check('forms_status_check', sql`${t.status} in ('draft', 'published', 'retired')`)],
);

/** A process definition (steps, transitions, branches). A dossier keeps the version it started with. */
export const processes = tthc.table(
  'processes',
  {
    key: text('key').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    definition: jsonb('definition').notNull(),
    status: text('status').notNull().default('draft'),
    ...timestamps,
  },
  (t) => [primaryKey({ name: 'processes_pkey', columns: [t.key, t.version] }), check('processes_status_check', sql`${t.status} in ('draft', 'published', 'retired')`)],
);

/** A dossier saved by an applicant before submission: not yet a dossier, so no code. */
export const drafts = tthc.table(
  'drafts',
  {
    id: uuid('id').primaryKey(),
    ownerSubject: text('owner_subject').notNull(),
    offeringId: uuid('offering_id').notNull().references(() => offerings.id),
    formData: jsonb('form_data').notNull(),
    files: jsonb('files').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('drafts_owner_idx').on(t.ownerSubject, t.updatedAt)],
);

/** One application by a citizen or organisation for one procedure at one agency. */
export const dossiers = tthc.table(
  'dossiers',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique('dossiers_code_key'),
    /** The agency responsible for the result. */
    agencyId: uuid('agency_id').notNull(),
    /** The one-stop desk that receives the dossier and returns the result. */
    deskAgencyId: uuid('desk_agency_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    offeringId: uuid('offering_id').notNull(),
    processKey: text('process_key').notNull(),
    processVersion: integer('process_version').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    /** Agencies that may see the dossier: the owner, the desk and every agency that held a step. */
    agencyScope: jsonb('agency_scope').notNull().$type<string[]>(),
    applicant: jsonb('applicant').notNull(),
    /** The applicant's account (OIDC subject) when filed online: "my dossiers". */
    applicantSubject: text('applicant_subject'),
    formData: jsonb('form_data').notNull(),
    /** Flags set by part 2 and by transitions (fee paid, consulted, …) that conditions read. */
    flags: jsonb('flags').notNull(),
    submittedAt: at('submitted_at').notNull(),
    receivedAt: at('received_at'),
    /** Promised return date (Vietnam date) on the receipt; moved by supplements (the clock stops) and apologies. */
    dueDate: date('due_date', { mode: 'string' }),
    /** The date first promised, kept for on-time statistics: an apology does not make a dossier on time. */
    originalDueDate: date('original_due_date', { mode: 'string' }),
    /** While the clock is stopped (supplement, pause): since when. */
    clockStoppedAt: at('clock_stopped_at'),
    /** The open supplement request: `{ items: [{ partCode, reason }], note, requestedAt, during }`. */
    supplement: jsonb('supplement'),
    apologised: boolean('apologised').notNull().default(false),
    result: text('result'),
    finishedAt: at('finished_at'),
    /** Hash of the public look-up secret (never stored in clear). */
    lookupSecretHash: text('lookup_secret_hash').notNull(),
    /** National portal dossier code for dossiers pushed from DVCQG. */
    externalCode: text('external_code'),
    version: integer('version').notNull().default(1),
    /** Folded code, applicant name and procedure name, for search without diacritics. */
    search: text('search').notNull(),
    ...timestamps,
  },
  (t) => [
    index('dossiers_queue_idx').on(t.agencyId, t.status, t.dueDate),
    index('dossiers_desk_idx').on(t.deskAgencyId, t.status, t.submittedAt),
    index('dossiers_applicant_idx').on(t.applicantSubject, t.submittedAt),
    index('dossiers_submitted_idx').on(t.agencyId, t.submittedAt),
    unique('dossiers_external_code_key').on(t.externalCode),
    check('dossiers_channel_check', sql`${t.channel} in ('online', 'counter', 'dvcqg', 'post')`),
  ],
);

/**
 * The steps of dossiers being worked on now (several at once during parallel consultation):
 * the officials' "to process" queues read this table.
 */
export const tasks = tthc.table(
  'tasks',
  {
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    stepId: text('step_id').notNull(),
    parallelOf: text('parallel_of'),
    agencyId: uuid('agency_id').notNull(),
    assigneeId: text('assignee_id'),
    assigneeName: text('assignee_name'),
    since: at('since').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'tasks_pkey', columns: [t.dossierId, t.stepId] }),
    index('tasks_agency_idx').on(t.agencyId, t.dueDate),
    index('tasks_assignee_idx').on(t.assigneeId, t.dueDate),
  ],
);

/** Daily dossier-code counters: incremented in the dossier's own transaction, so codes never repeat. */
export const codeCounters = tthc.table('code_counters', {
  scope: text('scope').primaryKey(),
  value: integer('value').notNull(),
});

/** Files of a dossier: inputs per dossier part, supplements and results. Bytes live in the blob store. */
export const dossierFiles = tthc.table(
  'dossier_files',
  {
    id: uuid('id').primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    partCode: text('part_code'),
    kind: text('kind').notNull(),
    blobKey: text('blob_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: at('uploaded_at').notNull().defaultNow(),
    /** The e-data store document this file was taken from instead of an upload (reuse), or that a desk digitisation made. */
    storeDocumentId: text('store_document_id'),
  },
  (t) => [index('dossier_files_dossier_idx').on(t.dossierId), check('dossier_files_kind_check', sql`${t.kind} in ('input', 'supplement', 'result', 'generated')`)],
);

/**
 * Files uploaded before they belong to a dossier (a draft, a submission being prepared, a
 * result being attached). Checked on upload: size and content against the declared type.
 */
export const uploads = tthc.table(
  'uploads',
  {
    id: uuid('id').primaryKey(),
    owner: text('owner').notNull(),
    blobKey: text('blob_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    /** Set when the upload is a reuse of an e-data store document (not bytes the caller sent). */
    storeDocumentId: text('store_document_id'),
  },
  (t) => [index('uploads_owner_idx').on(t.owner, t.createdAt)],
);

/** The dossier's history: every action, who, when, from which state to which. */
export const dossierEvents = tthc.table(
  'dossier_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    at: at('at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    /** Shown to the applicant (receipt, supplement request, result…) or internal only. */
    visibleToApplicant: boolean('visible_to_applicant').notNull().default(false),
    details: jsonb('details').notNull(),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.dossierId, t.id)],
);

/** The process control sheet: each hand-over, who held the dossier from when to when, on time or not. */
export const handovers = tthc.table(
  'handovers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    stepId: text('step_id').notNull(),
    stepName: text('step_name').notNull(),
    agencyId: uuid('agency_id').notNull(),
    holderId: text('holder_id'),
    holderName: text('holder_name'),
    /** Who handed the dossier on to this step (the official who ended the previous one). */
    givenByName: text('given_by_name'),
    /** Who ended this step, handing the dossier on. */
    endedByName: text('ended_by_name'),
    startedAt: at('started_at').notNull(),
    dueAt: at('due_at'),
    endedAt: at('ended_at'),
    onTime: boolean('on_time'),
  },
  (t) => [index('handovers_dossier_idx').on(t.dossierId, t.id)],
);

/**
 * Document numbers (Circular 03/2025/TT-VPCP forms): one series per desk, year and form. The
 * next number is taken by one upsert in the transaction of the action that issues the form,
 * so concurrent issues get distinct consecutive numbers and a rolled-back action takes none.
 */
export const documentSeries = tthc.table(
  'document_series',
  {
    deskAgencyId: uuid('desk_agency_id').notNull(),
    year: integer('year').notNull(),
    form: text('form').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ name: 'document_series_pkey', columns: [t.deskAgencyId, t.year, t.form] })],
);

/** Notification templates an admin edits: one per event, channel and language. */
export const notificationTemplates = tthc.table(
  'notification_templates',
  {
    event: text('event').notNull(),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [primaryKey({ name: 'notification_templates_pkey', columns: [t.event, t.channel, t.locale] })],
);

/** In-app notifications for applicants and officials. */
export const notifications = tthc.table(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    recipient: text('recipient').notNull(),
    dossierId: uuid('dossier_id'),
    event: text('event').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    readAt: at('read_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_recipient_idx').on(t.recipient, t.createdAt)],
);

/**
 * What the national portal (DVCQG) must learn of each dossier, in order: one row per national
 * status reached (or result attached), numbered per dossier. Written in the transaction of
 * the change; a worker sends only a dossier's lowest unsent row, so a later status never
 * overtakes an earlier one. `dead` rows (refused, or failed every attempt) hold back the
 * dossier's later rows until an administrator retries them.
 */
export const nationalSyncs = tthc.table(
  'national_syncs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    seq: integer('seq').notNull(),
    /** What happened in Sen (submit, accept, return, attach_result…). */
    action: text('action').notNull(),
    /** National status code (TrangThaiHoSo) and when the dossier reached it. */
    nationalStatus: integer('national_status').notNull(),
    statusAt: at('status_at').notNull(),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    /** A worker sending this row holds it until then. */
    lockedUntil: at('locked_until'),
    /** The portal's status after the call, and whether it contradicted what was sent. */
    acknowledgedStatus: integer('acknowledged_status'),
    mismatch: boolean('mismatch').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
  },
  (t) => [
    unique('national_syncs_dossier_seq_key').on(t.dossierId, t.seq),
    index('national_syncs_state_idx').on(t.state, t.dossierId, t.seq),
    check('national_syncs_state_check', sql`${t.state} in ('pending', 'sent', 'dead')`),
  ],
);

/** Deadline reminders already sent: one per dossier, step and kind (`due_soon`, `overdue`), whatever the replica. */
export const reminders = tthc.table(
  'reminders',
  {
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    stepId: text('step_id').notNull(),
    kind: text('kind').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    recipients: integer('recipients').notNull(),
    sentAt: at('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'reminders_pkey', columns: [t.dossierId, t.stepId, t.kind] }), check('reminders_kind_check', sql`${t.kind} in ('due_soon', 'overdue')`)],
);
/**
 * When and what an offering charges (fees/): the stage at which the fee is requested, whether
 * the time limit stops while it is awaited, the fee lines with their codes and optional
 * form-value rules, dated, with the document they come from and whether the amount is verified.
 */
export const feeSchedules = tthc.table(
  'fee_schedules',
  {
    id: uuid('id').primaryKey(),
    offeringId: uuid('offering_id').notNull().references(() => offerings.id),
    /** intake | processing | return */
    stage: text('stage').notNull(),
    stopsClock: boolean('stops_clock').notNull().default(true),
    lines: jsonb('lines').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    sourceDocument: text('source_document').notNull(),
    /** False while the amount is a typical figure not yet checked against the province's own decision. */
    verified: boolean('verified').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    unique('fee_schedules_offering_from_key').on(t.offeringId, t.validFrom),
    check('fee_schedules_stage_check', sql`${t.stage} in ('intake', 'processing', 'return')`),
  ],
);

/**
 * The applicant's satisfaction with one returned dossier, on the five-level scale public-service
 * surveys use (5 Rất hài lòng … 1 Rất không hài lòng). One per dossier and final: a rating
 * counted in a period's statistics never changes afterwards. Agency and procedure are copied
 * from the dossier so summaries read this table alone.
 */
export const ratings = tthc.table(
  'ratings',
  {
    dossierId: uuid('dossier_id').primaryKey().references(() => dossiers.id),
    agencyId: uuid('agency_id').notNull(),
    deskAgencyId: uuid('desk_agency_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    /** How the applicant proved it was them: their VNeID account or the dossier's look-up secret. */
    via: text('via').notNull(),
    ratedAt: at('rated_at').notNull().defaultNow(),
  },
  (t) => [
    index('ratings_agency_idx').on(t.agencyId, t.ratedAt),
    check('ratings_score_check', sql`${t.score} between 1 and 5`),
    check('ratings_via_check', sql`${t.via} in ('account', 'lookup')`),
  ],
);

/**
 * The e-data store (Kho quản lý dữ liệu điện tử): documents linked to a person or an
 * organisation for reuse. Today these are the paper parts digitised at a desk, each with its
 * certified-true-copy mark (who, when, which agency, the file's SHA-256, and a keyed MAC over
 * all of it that only the server can make). The holder is a keyed hash of "person:<id>" or
 * "organisation:<code>", so the table never holds an id in clear.
 */
export const storeDocuments = tthc.table(
  'store_documents',
  {
    id: uuid('id').primaryKey(),
    holderKey: text('holder_key').notNull(),
    holderKind: text('holder_kind').notNull(),
    holderMasked: text('holder_masked').notNull(),
    source: text('source').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    fileSha256: text('file_sha256').notNull(),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    partCode: text('part_code'),
    certifiedBy: text('certified_by').notNull(),
    certifiedByName: text('certified_by_name').notNull(),
    agencyId: uuid('agency_id').notNull(),
    agencyName: text('agency_name').notNull(),
    certifiedAt: at('certified_at').notNull(),
    mark: text('mark').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('store_documents_holder_idx').on(t.holderKey, t.createdAt),
    index('store_documents_dossier_idx').on(t.dossierId),
    check('store_documents_source_check', sql`${t.source} in ('digitised')`),
    check('store_documents_holder_kind_check', sql`${t.holderKind} in ('person', 'organisation')`),
  ],
);

/**
 * A store document shared by a time-limited link bound to one recipient (a person by the keyed
 * hash of their id, or an agency). Only the SHA-256 of the link's token is kept.
 */
export const storeShares = tthc.table(
  'store_shares',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    /** A store document id or a results-registry code. */
    documentRef: text('document_ref').notNull(),
    documentTitle: text('document_title').notNull(),
    holderKey: text('holder_key').notNull(),
    holderMasked: text('holder_masked').notNull(),
    recipientKind: text('recipient_kind').notNull(),
    recipientKey: text('recipient_key').notNull(),
    recipientLabel: text('recipient_label').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    lastUsedAt: at('last_used_at'),
  },
  (t) => [
    unique('store_shares_token_uq').on(t.tokenHash),
    index('store_shares_holder_idx').on(t.holderKey, t.createdAt),
    check('store_shares_recipient_kind_check', sql`${t.recipientKind} in ('person', 'agency')`),
  ],
);

/**
 * "Who read my data": one row per read of a person's (or organisation's) data by an official or
 * a system, keyed by the keyed hash of the data subject's id (never the id in clear).
 */
export const personalDataReads = tthc.table(
  'personal_data_reads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subjectKey: text('subject_key').notNull(),
    subjectMasked: text('subject_masked').notNull(),
    reader: text('reader').notNull(),
    readerName: text('reader_name').notNull(),
    agencyId: uuid('agency_id'),
    agencyName: text('agency_name'),
    what: text('what').notNull(),
    target: text('target').notNull(),
    purpose: text('purpose').notNull(),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('personal_data_reads_subject_idx').on(t.subjectKey, t.at)],
);

/**
 * Values fetched from the national databases through LGSP to prefill one e-form (once-only
 * data): who asked, for whom, each value with its provenance (source, fetched at, X-Road message
 * id). Attached to the dossier it was filed with, with whether the applicant changed each value.
 */
export const prefills = tthc.table(
  'prefills',
  {
    id: uuid('id').primaryKey(),
    /** The account (OIDC subject) that asked: the citizen, or the official. */
    requestedBy: text('requested_by').notNull(),
    /** Whose data: the personal id, and the enterprise code when an enterprise's data was read. */
    subjectPersonalId: text('subject_personal_id').notNull(),
    enterpriseCode: text('enterprise_code'),
    formKey: text('form_key').notNull(),
    /** `[{ pointer, value, source, fetchedAt, messageId }]`. */
    fields: jsonb('fields').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    partCode: text('part_code'),
    /** At filing: `[{ pointer, source, fetchedAt, messageId, changed }]` for the values the dossier holds. */
    provenance: jsonb('provenance'),
  },
  (t) => [index('prefills_dossier_idx').on(t.dossierId), index('prefills_requested_by_idx').on(t.requestedBy, t.createdAt)],
);
