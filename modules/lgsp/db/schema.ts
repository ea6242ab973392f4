import { bigint, boolean, doublePrecision, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Tables owned by modules/lgsp: the registry (members, subsystems, services and their
 * versions), access rights and requests, and the hash-chained message log. Agencies and
 * service clients are other modules' rows, referenced by plain ids.
 */
export const lgsp = pgSchema('lgsp');

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** An X-Road member: an agency, `INSTANCE/CLASS/CODE`, the code being the agency's identifier code. */
export const members = lgsp.table('members', {
  id: uuid('id').primaryKey(),
  instance: text('instance').notNull(),
  memberClass: text('member_class').notNull(),
  memberCode: text('member_code').notNull(),
  /** The catalog module's agency. */
  agencyId: uuid('agency_id').notNull(),
  name: text('name').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('members_id_uq').on(t.instance, t.memberClass, t.memberCode)]);

/** An information system of a member; `clientId` is the identity module's service client that authenticates it at the gateway. */
export const subsystems = lgsp.table('subsystems', {
  id: uuid('id').primaryKey(),
  memberId: uuid('member_id').notNull().references(() => members.id, { onDelete: 'restrict' }),
  code: text('code').notNull(),
  name: text('name').notNull(),
  clientId: text('client_id'),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('subsystems_code_uq').on(t.memberId, t.code), uniqueIndex('subsystems_client_uq').on(t.clientId)]);

/**
 * A client certificate (from the CA) that authenticates a subsystem over the gateway's mutual TLS
 * (decision 0035): found by its SHA-256 fingerprint; several per subsystem (renewal overlaps).
 * Revocation is asked of the CA (OCSP, else its CRL) at call time, not stored here.
 */
export const subsystemCertificates = lgsp.table('subsystem_certificates', {
  id: uuid('id').primaryKey(),
  subsystemId: uuid('subsystem_id').notNull().references(() => subsystems.id, { onDelete: 'cascade' }),
  /** SHA-256 of the DER certificate, lowercase hex. */
  fingerprint: text('fingerprint').notNull(),
  subject: text('subject').notNull(),
  issuer: text('issuer').notNull(),
  serialNumber: text('serial_number').notNull(),
  notBefore: at('not_before').notNull(),
  notAfter: at('not_after').notNull(),
  /** The certificate itself (PEM): revocation is checked against its issuer's OCSP responder and CRL. */
  certificatePem: text('certificate_pem').notNull(),
  registeredBy: text('registered_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('subsystem_certificates_fingerprint_uq').on(t.fingerprint), index('subsystem_certificates_subsystem_idx').on(t.subsystemId)]);

export interface EndpointRow {
  method: string;
  path: string;
}

/** A REST service of a subsystem; its current description is the latest version. */
export const services = lgsp.table('services', {
  id: uuid('id').primaryKey(),
  subsystemId: uuid('subsystem_id').notNull().references(() => subsystems.id, { onDelete: 'restrict' }),
  code: text('code').notNull(),
  name: text('name').notNull(),
  /** Where the provider's information system serves it; the path after the service code is appended. */
  baseUrl: text('base_url').notNull(),
  /** Where the OpenAPI description was fetched from (null when uploaded). */
  openApiUrl: text('openapi_url'),
  /** REST (PR-REST, described by OpenAPI) or SOAP (PR-MESS, described by WSDL; decision 0044). */
  kind: text('kind', { enum: ['rest', 'soap'] }).notNull().default('rest'),
  /** Where a SOAP service's WSDL was fetched from (null when uploaded, and for REST). */
  wsdlUrl: text('wsdl_url'),
  status: text('status', { enum: ['draft', 'published', 'deprecated', 'retired'] }).notNull().default('draft'),
  version: integer('version').notNull().default(1),
  timeoutMs: integer('timeout_ms').notNull().default(10_000),
  /**
   * A national service: the NDXP service id (`INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICECODE`) LGSP
   * forwards to through NDXP with the province's own credentials (null: a provincial provider at `baseUrl`).
   */
  nationalService: text('national_service'),
  /** What the message log keeps of the bodies: full (encrypted at rest), metadata (their hashes only) or off (neither). */
  bodyLogging: text('body_logging', { enum: ['full', 'metadata', 'off'] }).notNull().default('metadata'),
  /** A sandbox / test provider: the developer portal's "try it" console may call it (deny by default). */
  sandbox: boolean('sandbox').notNull().default(false),
  /** The gateway validates requests against the current OpenAPI document before relaying them (off by default). */
  validateRequests: boolean('validate_requests').notNull().default(false),
  /** The gateway validates the provider's answers against the current OpenAPI document before passing them on (off by default; decision 0048). */
  validateResponses: boolean('validate_responses').notNull().default(false),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('services_code_uq').on(t.subsystemId, t.code)]);

/**
 * A service an administrator chose to publish on the national API exchange V-APEX, and how far
 * V-APEX is in step with it: the job `lgsp.vapex-sync` brings V-APEX to the service's current
 * version and status (registered, updated, published or unpublished), retrying while V-APEX is down.
 */
export const vapexPublications = lgsp.table('vapex_publications', {
  serviceId: uuid('service_id').primaryKey().references(() => services.id, { onDelete: 'cascade' }),
  /** The API's id on V-APEX once registered. */
  vapexId: text('vapex_id'),
  /** The administrator's choice: published there while the service is published here (false: withdrawn). */
  wanted: boolean('wanted').notNull().default(true),
  /** The registry version V-APEX holds, and whether it is published there. */
  syncedVersion: integer('synced_version'),
  published: boolean('published').notNull().default(false),
  state: text('state', { enum: ['pending', 'synced', 'failed'] }).notNull().default('pending'),
  lastError: text('last_error'),
  requestedBy: text('requested_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/**
 * A consumer's subscription on V-APEX to one of the province's published APIs (decision 0050):
 * the job `lgsp.vapex-subscriptions` reads them and turns each into an access request of the
 * subscriber's subsystem for the provider's administrator to decide; a cancelled subscription
 * refuses the request still pending, or revokes the right it led to.
 */
export const vapexSubscriptions = lgsp.table('vapex_subscriptions', {
  /** The subscription's id on V-APEX. */
  id: text('id').primaryKey(),
  serviceId: uuid('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
  /** The subscribing organisation's code and its system's X-Road client id at NDXP, as V-APEX tells them. */
  organisationCode: text('organisation_code').notNull(),
  xroadClient: text('xroad_client'),
  /** The LGSP subsystem the subscriber maps to, and the access request made for it (null while unmapped). */
  subsystemId: uuid('subsystem_id'),
  accessRequestId: uuid('access_request_id'),
  /** `unmapped`: V-APEX names no usable X-Road subsystem for the subscriber (no request made; `problem` says why). */
  status: text('status', { enum: ['active', 'cancelled', 'unmapped'] }).notNull(),
  problem: text('problem'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
}, (t) => [index('vapex_subscriptions_service_idx').on(t.serviceId)]);

/** Every description a service has had: the OpenAPI document, its endpoints and what changed from the version before. */
export const serviceVersions = lgsp.table('service_versions', {
  serviceId: uuid('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  label: text('label').notNull(),
  /** The OpenAPI document; `{}` for a SOAP service, whose description is `wsdl`. */
  openApi: jsonb('openapi').notNull(),
  /** A SOAP service's WSDL 1.1 document as registered (null for REST); its operations are the endpoints `POST /{operation}`. */
  wsdl: text('wsdl'),
  endpoints: jsonb('endpoints').$type<EndpointRow[]>().notNull(),
  diff: jsonb('diff').$type<{ added: EndpointRow[]; removed: EndpointRow[] }>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.serviceId, t.version] })]);

/** A named set of subsystems that access rights can name at once (X-Road's local group). */
export const groups = lgsp.table('groups', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const groupMembers = lgsp.table('group_members', {
  groupId: uuid('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  subsystemId: uuid('subsystem_id').notNull().references(() => subsystems.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.groupId, t.subsystemId] })]);

/** Deny by default: a right lets a subsystem (or a group) call a service, or one endpoint pattern of it, until it expires. */
export const accessRights = lgsp.table('access_rights', {
  id: uuid('id').primaryKey(),
  serviceId: uuid('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
  subsystemId: uuid('subsystem_id').references(() => subsystems.id, { onDelete: 'cascade' }),
  groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
  /** Null: any method. */
  method: text('method'),
  /** Null: the whole service; else a path pattern (`*` one segment, `**` the rest). */
  pathPattern: text('path_pattern'),
  expiresAt: at('expires_at'),
  grantedBy: text('granted_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [index('access_rights_service_idx').on(t.serviceId)]);

/** A consumer's request for a right, decided by the provider's administrator. */
export const accessRequests = lgsp.table('access_requests', {
  id: uuid('id').primaryKey(),
  serviceId: uuid('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
  subsystemId: uuid('subsystem_id').notNull().references(() => subsystems.id, { onDelete: 'cascade' }),
  method: text('method'),
  pathPattern: text('path_pattern'),
  expiresAt: at('expires_at'),
  reason: text('reason').notNull(),
  status: text('status', { enum: ['pending', 'approved', 'refused'] }).notNull().default('pending'),
  requestedBy: text('requested_by').notNull(),
  decidedBy: text('decided_by'),
  decisionNote: text('decision_note'),
  decidedAt: at('decided_at'),
  accessRightId: uuid('access_right_id'),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [index('access_requests_service_idx').on(t.serviceId, t.status)]);

/** One record per exchange through the gateway, hash-chained: `hash` covers the record and `prev_hash`. */
export const messageLog = lgsp.table('message_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: at('at').notNull(),
  messageId: text('message_id').notNull(),
  requestId: text('request_id').notNull(),
  client: text('client'),
  service: text('service'),
  method: text('method').notNull(),
  path: text('path').notNull(),
  status: integer('status').notNull(),
  fault: text('fault'),
  durationMs: doublePrecision('duration_ms').notNull(),
  providerMs: doublePrecision('provider_ms'),
  requestHash: text('request_hash').notNull(),
  purpose: text('purpose'),
  userId: text('user_id'),
  /** SHA-256 (hex) of the request and response bodies; null when the service logs no bodies (or there was none). */
  requestBodyHash: text('request_body_hash'),
  responseBodyHash: text('response_body_hash'),
  prevHash: text('prev_hash').notNull(),
  /** Public SHA-256 link (anyone can recompute it from an evidence package)… */
  hash: text('hash').notNull(),
  /** …and the keyed HMAC of it (only the master key's holder can make one). */
  mac: text('mac'),
}, (t) => [index('message_log_message_idx').on(t.messageId), index('message_log_service_idx').on(t.service, t.at)]);

/** The chain's head (one row): appenders lock it, so replicas extend one chain. */
export const messageLogHead = lgsp.table('message_log_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Bodies of the exchanges of services that log them in full, sealed with the platform's secret box. */
export const messageBodies = lgsp.table('message_bodies', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  messageId: text('message_id').notNull(),
  requestSealed: text('request_sealed'),
  responseSealed: text('response_sealed'),
}, (t) => [index('message_bodies_message_idx').on(t.messageId)]);

/** A seal of the chain: the hash of record `seq`, signed with the LGSP's key and time-stamped by a TSA. */
export const messageLogSeals = lgsp.table('message_log_seals', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  sealedAt: text('sealed_at').notNull(),
  /** RSASSA-PKCS1-v1_5 SHA-256 over the seal's canonical bytes, base64. */
  signature: text('signature').notNull(),
  /** The signer's certificate then its CA chain up to the root, DER base64. */
  certificates: jsonb('certificates').$type<string[]>().notNull(),
  /** RFC 3161 TimeStampToken over the signature value, DER base64. */
  timeStampToken: text('time_stamp_token').notNull(),
  genTime: at('gen_time').notNull(),
});

/**
 * An archive file of the message log (decision 0049): records `firstSeq`..`lastSeq`, ending at a
 * seal, moved out of the database into `LGSP_LOG_ARCHIVE_DIR`. The newest row is the chain's
 * anchor: the database's first remaining record links to `lastHash`, and the next archive names
 * `sha256` (the file's bytes) as its previous one.
 */
export const messageLogArchives = lgsp.table('message_log_archives', {
  firstSeq: bigint('first_seq', { mode: 'number' }).primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().unique(),
  lastHash: text('last_hash').notNull(),
  file: text('file').notNull(),
  sha256: text('sha256').notNull(),
  records: integer('records').notNull(),
  archivedAt: at('archived_at').notNull(),
  /** Its message ids are in message_log_archived_ids (archives written before that index are searched file by file). */
  indexed: boolean('indexed').notNull().default(false),
});

/** Which archive holds each archived record, by message id: evidence of an archived exchange opens one file. */
export const messageLogArchivedIds = lgsp.table('message_log_archived_ids', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  messageId: text('message_id').notNull(),
  archiveFirstSeq: bigint('archive_first_seq', { mode: 'number' }).notNull().references(() => messageLogArchives.firstSeq),
}, (t) => [index('message_log_archived_ids_message_idx').on(t.messageId, t.seq)]);

/** X-Road operational monitoring: one record per request (PR-OPMON's fields), written with its message-log record. */
export const operationalRecords = lgsp.table('operational_records', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  monitoringDataTs: at('monitoring_data_ts').notNull(),
  securityServerType: text('security_server_type').notNull(),
  requestInTs: at('request_in_ts').notNull(),
  requestOutTs: at('request_out_ts'),
  responseInTs: at('response_in_ts'),
  responseOutTs: at('response_out_ts').notNull(),
  clientXRoadInstance: text('client_xroad_instance'),
  clientMemberClass: text('client_member_class'),
  clientMemberCode: text('client_member_code'),
  clientSubsystemCode: text('client_subsystem_code'),
  serviceXRoadInstance: text('service_xroad_instance'),
  serviceMemberClass: text('service_member_class'),
  serviceMemberCode: text('service_member_code'),
  serviceSubsystemCode: text('service_subsystem_code'),
  serviceCode: text('service_code'),
  serviceVersion: text('service_version'),
  messageId: text('message_id').notNull(),
  messageUserId: text('message_user_id'),
  messageIssue: text('message_issue'),
  messageProtocolVersion: text('message_protocol_version'),
  restMethod: text('rest_method').notNull(),
  restPath: text('rest_path').notNull(),
  requestSize: integer('request_size').notNull(),
  responseSize: integer('response_size'),
  /** SOAP only (null for REST): the attachments of a multipart/related message, 0 without (PR-OPMON). */
  requestAttachmentCount: integer('request_attachment_count'),
  /** The whole MIME container's bytes, only when the message has attachments (PR-OPMON). */
  requestMimeSize: integer('request_mime_size'),
  responseAttachmentCount: integer('response_attachment_count'),
  responseMimeSize: integer('response_mime_size'),
  succeeded: boolean('succeeded').notNull(),
  faultCode: text('fault_code'),
  faultString: text('fault_string'),
  statusCode: integer('status_code').notNull(),
  serviceType: text('service_type').notNull(),
  /** The two X-Road ids as strings, to scope by member prefix (`INSTANCE/CLASS/CODE/`). */
  client: text('client'),
  service: text('service'),
  durationMs: doublePrecision('duration_ms').notNull(),
}, (t) => [index('operational_records_service_idx').on(t.service, t.monitoringDataTs), index('operational_records_client_idx').on(t.client, t.monitoringDataTs)]);

/**
 * A notice to the LGSP administrators of one agency (a request for access to its service, the
 * decision on its own request, a lifecycle change or new version of a service it holds access
 * to). Written in the transaction of the change with its mail job (the outbox, queue
 * `lgsp.notice`); the job mails the agency's officials holding `lgsp.manage` when it runs.
 */
export const notices = lgsp.table('notices', {
  id: uuid('id').primaryKey(),
  agencyId: uuid('agency_id').notNull(),
  event: text('event', { enum: ['access_requested', 'access_decided', 'status_changed', 'new_version'] }).notNull(),
  serviceId: uuid('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
}, (t) => [index('notices_agency_idx').on(t.agencyId, t.createdAt)]);

/**
 * Quotas of a service set by its provider (issue 10), used by the gateway instead of the
 * environment's limits: `service` (subsystem null) — all consumers together; `consumer` with
 * subsystem null — each consumer's default on this service; `consumer` with a subsystem — that
 * subsystem's own limit on this service (overrides the default).
 */
export const quotas = lgsp.table('quotas', {
  serviceId: uuid('service_id').notNull().references(() => services.id, { onDelete: 'cascade' }),
  scope: text('scope', { enum: ['service', 'consumer'] }).notNull(),
  subsystemId: uuid('subsystem_id').references(() => subsystems.id, { onDelete: 'cascade' }),
  limit: integer('limit').notNull(),
  windowSeconds: integer('window_seconds').notNull(),
  setBy: text('set_by').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
}, (t) => [unique('quotas_uq').on(t.serviceId, t.scope, t.subsystemId).nullsNotDistinct()]);
