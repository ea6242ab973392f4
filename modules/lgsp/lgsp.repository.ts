import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { enqueueJob, queryRows, type Db } from '../../packages/platform/index.ts';
import { accessRequests, accessRights, groupMembers, groups, members, notices, quotas, serviceVersions, services, subsystemCertificates, subsystems, vapexPublications, vapexSubscriptions, type EndpointRow } from './db/schema.ts';

/** The job that brings V-APEX in step with a service chosen for publication there (vapex-sync.ts). */
export const VAPEX_SYNC_QUEUE = 'lgsp.vapex-sync';
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** In the transaction of a change to a service: when it is published on V-APEX, V-APEX must follow (the outbox). */
async function vapexDue(tx: Tx, serviceId: string): Promise<void> {
  const [due] = await tx.update(vapexPublications).set({ state: 'pending', updatedAt: new Date() }).where(eq(vapexPublications.serviceId, serviceId)).returning();
  if (due) await enqueueJob(tx, { queue: VAPEX_SYNC_QUEUE, payload: { serviceId } });
}

/** The job that tells V-APEX of an official's decision on an access request made from a V-APEX subscription (vapex-subscriptions.ts). */
export const VAPEX_DECISION_QUEUE = 'lgsp.vapex-decision';

/** In the transaction of a decision: when the request came from a V-APEX subscription, V-APEX must be told (the outbox; once per request). */
async function vapexDecisionDue(tx: Tx, requestId: string): Promise<void> {
  const [subscription] = await tx.select({ id: vapexSubscriptions.id }).from(vapexSubscriptions)
    .where(and(eq(vapexSubscriptions.accessRequestId, requestId), eq(vapexSubscriptions.status, 'active')));
  if (subscription) await enqueueJob(tx, { queue: VAPEX_DECISION_QUEUE, payload: { subscriptionId: subscription.id, requestId }, dedupeKey: `${VAPEX_DECISION_QUEUE}:${requestId}` });
}

/** The job that mails one notice to its agency's LGSP administrators (notices.ts). */
export const NOTICE_QUEUE = 'lgsp.notice';

/** A notice to write with a change: to the agencies named, or (none named) to every agency whose subsystems hold access to the service now. */
export interface NoticeDraft {
  event: (typeof notices.$inferInsert)['event'];
  serviceId: string;
  subject: string;
  body: string;
  agencyIds?: string[] | undefined;
}

/** The agencies whose subsystems hold an unexpired right to the service, directly or through a group. */
async function consumerAgencies(tx: Tx, serviceId: string): Promise<string[]> {
  const rows = await queryRows<{ agency_id: string }>(tx, sql`
    select distinct m.agency_id from lgsp.access_rights r
      join lgsp.subsystems s on s.id = r.subsystem_id or s.id in (select gm.subsystem_id from lgsp.group_members gm where gm.group_id = r.group_id)
      join lgsp.members m on m.id = s.member_id
    where r.service_id = ${serviceId} and (r.expires_at is null or r.expires_at > now())`);
  return rows.map((r) => r.agency_id).sort();
}

/** In the transaction of the change: the notices and their mail jobs (the outbox), one per agency. */
async function writeNotices(tx: Tx, draft: NoticeDraft | undefined): Promise<void> {
  if (!draft) return;
  for (const agencyId of draft.agencyIds ?? (await consumerAgencies(tx, draft.serviceId))) {
    const id = randomUUID();
    await tx.insert(notices).values({ id, agencyId, event: draft.event, serviceId: draft.serviceId, subject: draft.subject, body: draft.body });
    await enqueueJob(tx, { queue: NOTICE_QUEUE, payload: { noticeId: id }, dedupeKey: `${NOTICE_QUEUE}:${id}` });
  }
}

/** The only place that writes SQL for the lgsp schema. */
export function lgspRepository(db: Db) {
  return {
    db,
    insertMember: async (row: typeof members.$inferInsert) => (await db.insert(members).values(row).onConflictDoNothing().returning())[0],
    member: async (id: string) => (await db.select().from(members).where(eq(members.id, id)))[0],
    listMembers: () => db.select().from(members).orderBy(asc(members.memberClass), asc(members.memberCode)),

    insertSubsystem: async (row: typeof subsystems.$inferInsert) => (await db.insert(subsystems).values(row).onConflictDoNothing().returning())[0],
    subsystem: async (id: string) => (await db.select().from(subsystems).where(eq(subsystems.id, id)))[0],
    subsystemByClient: async (clientId: string) => (await db.select().from(subsystems).where(eq(subsystems.clientId, clientId)))[0],
    subsystemByCode: async (memberId: string, code: string) =>
      (await db.select().from(subsystems).where(and(eq(subsystems.memberId, memberId), eq(subsystems.code, code))))[0],
    /** A subsystem with its member, by the service client bound to it (one query: the gateway asks on every message). */
    subsystemWithMemberByClient: async (clientId: string) =>
      (await db.select({ subsystem: subsystems, member: members }).from(subsystems).innerJoin(members, eq(members.id, subsystems.memberId))
        .where(eq(subsystems.clientId, clientId)))[0],
    /** A service by its X-Road id parts (one query: the gateway asks on every message). */
    serviceByIdParts: async (id: { instance: string; memberClass: string; memberCode: string; subsystemCode: string; serviceCode: string }) =>
      (await db.select({ service: services }).from(services)
        .innerJoin(subsystems, eq(subsystems.id, services.subsystemId)).innerJoin(members, eq(members.id, subsystems.memberId))
        .where(and(eq(members.instance, id.instance), eq(members.memberClass, id.memberClass), eq(members.memberCode, id.memberCode),
          eq(subsystems.code, id.subsystemCode), eq(services.code, id.serviceCode))))[0]?.service,
    listSubsystems: () => db.select().from(subsystems).orderBy(asc(subsystems.code)),
    insertCertificate: async (row: typeof subsystemCertificates.$inferInsert) => (await db.insert(subsystemCertificates).values(row).onConflictDoNothing().returning())[0],
    certificatesOf: (subsystemId: string) => db.select().from(subsystemCertificates).where(eq(subsystemCertificates.subsystemId, subsystemId)).orderBy(desc(subsystemCertificates.createdAt)),
    deleteCertificate: async (subsystemId: string, id: string) =>
      (await db.delete(subsystemCertificates).where(and(eq(subsystemCertificates.id, id), eq(subsystemCertificates.subsystemId, subsystemId))).returning())[0],
    /** A subsystem with its member, by the SHA-256 fingerprint of a client certificate registered for it (the gateway's mutual TLS). */
    subsystemWithMemberByCertificate: async (fingerprint: string) =>
      (await db.select({ subsystem: subsystems, member: members }).from(subsystemCertificates)
        .innerJoin(subsystems, eq(subsystems.id, subsystemCertificates.subsystemId)).innerJoin(members, eq(members.id, subsystems.memberId))
        .where(eq(subsystemCertificates.fingerprint, fingerprint)))[0],
    memberByIdParts: async (instance: string, memberClass: string, memberCode: string) =>
      (await db.select().from(members).where(and(eq(members.instance, instance), eq(members.memberClass, memberClass), eq(members.memberCode, memberCode))))[0],

    async insertService(row: typeof services.$inferInsert, version: typeof serviceVersions.$inferInsert) {
      return db.transaction(async (tx) => {
        const [created] = await tx.insert(services).values(row).onConflictDoNothing().returning();
        if (created) await tx.insert(serviceVersions).values(version);
        return created;
      });
    },
    service: async (id: string) => (await db.select().from(services).where(eq(services.id, id)))[0],
    serviceByCode: async (subsystemId: string, code: string) =>
      (await db.select().from(services).where(and(eq(services.subsystemId, subsystemId), eq(services.code, code))))[0],
    listServices: (subsystemId?: string) =>
      db.select().from(services).where(subsystemId ? eq(services.subsystemId, subsystemId) : undefined).orderBy(asc(services.code)),
    currentVersion: async (serviceId: string) =>
      (await db.select().from(serviceVersions).where(eq(serviceVersions.serviceId, serviceId)).orderBy(desc(serviceVersions.version)).limit(1))[0],
    currentVersions: async (serviceIds: string[]) => serviceIds.length === 0 ? [] : db.selectDistinctOn([serviceVersions.serviceId]).from(serviceVersions)
      .where(inArray(serviceVersions.serviceId, serviceIds)).orderBy(serviceVersions.serviceId, desc(serviceVersions.version)),
    versionOf: async (serviceId: string, version: number) =>
      (await db.select().from(serviceVersions).where(and(eq(serviceVersions.serviceId, serviceId), eq(serviceVersions.version, version))))[0],
    versions: (serviceId: string) => db.select().from(serviceVersions).where(eq(serviceVersions.serviceId, serviceId)).orderBy(desc(serviceVersions.version)),
    /** `source` is the description's URL (OpenAPI, or WSDL for a SOAP service when `source` is `{ wsdlUrl }`). */
    async addVersion(serviceId: string, expected: number, version: typeof serviceVersions.$inferInsert, source: string | null | { wsdlUrl: string | null }, notice?: NoticeDraft) {
      return db.transaction(async (tx) => {
        const urls = source !== null && typeof source === 'object' ? { wsdlUrl: source.wsdlUrl } : { openApiUrl: source };
        const [moved] = await tx.update(services).set({ version: version.version, ...urls, updatedAt: new Date() })
          .where(and(eq(services.id, serviceId), eq(services.version, expected))).returning();
        if (moved) {
          await tx.insert(serviceVersions).values(version);
          await vapexDue(tx, serviceId);
          await writeNotices(tx, notice);
        }
        return moved;
      });
    },
    setStatus: (serviceId: string, from: string, to: 'draft' | 'published' | 'deprecated' | 'retired', notice?: NoticeDraft) => db.transaction(async (tx) => {
      const [moved] = await tx.update(services).set({ status: to, updatedAt: new Date() }).where(and(eq(services.id, serviceId), eq(services.status, from as never))).returning();
      if (moved) {
        await vapexDue(tx, serviceId);
        await writeNotices(tx, notice);
      }
      return moved;
    }),

    /** The administrator's choice to publish the service on V-APEX (or withdraw it), with its sync job, in one transaction. */
    wantOnVapex: (serviceId: string, wanted: boolean, requestedBy: string) => db.transaction(async (tx) => {
      const [row] = await tx.insert(vapexPublications).values({ serviceId, wanted, requestedBy })
        .onConflictDoUpdate({ target: vapexPublications.serviceId, set: { wanted, requestedBy, state: 'pending', updatedAt: new Date() } }).returning();
      await enqueueJob(tx, { queue: VAPEX_SYNC_QUEUE, payload: { serviceId } });
      return row!;
    }),
    vapexPublication: async (serviceId: string) => (await db.select().from(vapexPublications).where(eq(vapexPublications.serviceId, serviceId)))[0],
    saveVapex: (serviceId: string, patch: Partial<Pick<typeof vapexPublications.$inferInsert, 'vapexId' | 'syncedVersion' | 'published' | 'state' | 'lastError'>>) =>
      db.update(vapexPublications).set({ ...patch, updatedAt: new Date() }).where(eq(vapexPublications.serviceId, serviceId)),

    setBodyLogging: async (serviceId: string, mode: 'full' | 'metadata' | 'off') =>
      (await db.update(services).set({ bodyLogging: mode, updatedAt: new Date() }).where(eq(services.id, serviceId)).returning())[0],

    setRequestValidation: async (serviceId: string, on: boolean) =>
      (await db.update(services).set({ validateRequests: on, updatedAt: new Date() }).where(eq(services.id, serviceId)).returning())[0],

    setResponseValidation: async (serviceId: string, on: boolean) =>
      (await db.update(services).set({ validateResponses: on, updatedAt: new Date() }).where(eq(services.id, serviceId)).returning())[0],

    setSandbox: async (serviceId: string, sandbox: boolean) =>
      (await db.update(services).set({ sandbox, updatedAt: new Date() }).where(eq(services.id, serviceId)).returning())[0],

    insertGroup: async (row: typeof groups.$inferInsert) => (await db.insert(groups).values(row).onConflictDoNothing().returning())[0],
    group: async (id: string) => (await db.select().from(groups).where(eq(groups.id, id)))[0],
    addGroupMember: (groupId: string, subsystemId: string) => db.insert(groupMembers).values({ groupId, subsystemId }).onConflictDoNothing(),
    /** Every group with its member subsystems, by code. */
    listGroups: async () => {
      const [rows, memberships] = await Promise.all([db.select().from(groups).orderBy(asc(groups.code)), db.select().from(groupMembers)]);
      return rows.map((g) => ({ id: g.id, code: g.code, name: g.name, subsystemIds: memberships.filter((m) => m.groupId === g.id).map((m) => m.subsystemId) }));
    },
    groupMembers: async (groupId: string) => (await db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId))).map((r) => r.subsystemId),

    insertRight: async (row: typeof accessRights.$inferInsert) => (await db.insert(accessRights).values(row).returning())[0]!,
    right: async (id: string) => (await db.select().from(accessRights).where(eq(accessRights.id, id)))[0],
    deleteRight: (id: string) => db.delete(accessRights).where(eq(accessRights.id, id)),
    rightsOf: (serviceId: string) => db.select().from(accessRights).where(eq(accessRights.serviceId, serviceId)).orderBy(asc(accessRights.createdAt)),
    /** The rights naming this subsystem, directly or through a group it belongs to. */
    rightsFor: (serviceIds: string[], subsystemId: string) => serviceIds.length === 0 ? Promise.resolve([]) : db.select().from(accessRights).where(and(
      inArray(accessRights.serviceId, serviceIds),
      or(eq(accessRights.subsystemId, subsystemId), inArray(accessRights.groupId,
        db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.subsystemId, subsystemId)))),
    )),

    insertRequest: (row: typeof accessRequests.$inferInsert, notice?: NoticeDraft) => db.transaction(async (tx) => {
      const [created] = await tx.insert(accessRequests).values(row).returning();
      await writeNotices(tx, notice);
      return created!;
    }),
    request: async (id: string) => (await db.select().from(accessRequests).where(eq(accessRequests.id, id)))[0],
    listRequests: (serviceId?: string) =>
      db.select().from(accessRequests).where(serviceId ? eq(accessRequests.serviceId, serviceId) : undefined).orderBy(desc(accessRequests.createdAt)).limit(500),
    /** Decides a pending request (and creates its right when approved) in one transaction; undefined when it was already decided. */
    async decideRequest(id: string, decision: { status: 'approved' | 'refused'; decidedBy: string; note: string | null }, right?: typeof accessRights.$inferInsert, notice?: NoticeDraft) {
      return db.transaction(async (tx) => {
        const [decided] = await tx.update(accessRequests)
          .set({ status: decision.status, decidedBy: decision.decidedBy, decisionNote: decision.note, decidedAt: new Date(), accessRightId: right?.id ?? null })
          .where(and(eq(accessRequests.id, id), eq(accessRequests.status, 'pending'), isNull(accessRequests.decidedAt))).returning();
        if (decided && right) await tx.insert(accessRights).values(right);
        if (decided) {
          await writeNotices(tx, notice);
          await vapexDecisionDue(tx, id);
        }
        return decided;
      });
    },
    /** The services registered on V-APEX, whose subscriptions the poll reads (vapex-subscriptions.ts). */
    vapexRegistered: () => db.select({ serviceId: vapexPublications.serviceId, vapexId: vapexPublications.vapexId }).from(vapexPublications).where(isNotNull(vapexPublications.vapexId)),
    vapexSubscriptionsOf: (serviceId: string) => db.select().from(vapexSubscriptions).where(eq(vapexSubscriptions.serviceId, serviceId)),
    /**
     * A subscription seen for the first time: its row and (when it maps to a subsystem) its access
     * request, notice and audit record (`audit`, written in the transaction), in one transaction;
     * undefined when known already.
     */
    admitVapexSubscription: (row: typeof vapexSubscriptions.$inferInsert, request?: typeof accessRequests.$inferInsert, notice?: NoticeDraft, audit?: (tx: Tx) => Promise<unknown>) => db.transaction(async (tx) => {
      const [created] = await tx.insert(vapexSubscriptions).values(row).onConflictDoNothing().returning();
      if (created && request) {
        await tx.insert(accessRequests).values(request);
        await writeNotices(tx, notice);
        await audit?.(tx);
      }
      return created;
    }),
    /** A cancelled subscription, in one transaction: its request refused while pending, or the right it led to revoked. */
    cancelVapexSubscription: (id: string, decision: { decidedBy: string; note: string }) => db.transaction(async (tx) => {
      const [row] = await tx.update(vapexSubscriptions).set({ status: 'cancelled', updatedAt: new Date() })
        .where(and(eq(vapexSubscriptions.id, id), ne(vapexSubscriptions.status, 'cancelled'))).returning();
      const [request] = row?.accessRequestId ? await tx.select().from(accessRequests).where(eq(accessRequests.id, row.accessRequestId)) : [];
      if (request?.status === 'pending') {
        await tx.update(accessRequests).set({ status: 'refused', decidedBy: decision.decidedBy, decisionNote: decision.note, decidedAt: new Date() })
          .where(and(eq(accessRequests.id, request.id), eq(accessRequests.status, 'pending')));
      } else if (request?.status === 'approved' && request.accessRightId) {
        await tx.delete(accessRights).where(eq(accessRights.id, request.accessRightId));
      }
      return row;
    }),
    /** Sets (limit given) or removes (null) one quota of a service. */
    async setQuota(row: Omit<typeof quotas.$inferInsert, 'limit' | 'windowSeconds'> & { limit: number | null; windowSeconds: number }) {
      const where = and(eq(quotas.serviceId, row.serviceId), eq(quotas.scope, row.scope), row.subsystemId ? eq(quotas.subsystemId, row.subsystemId) : isNull(quotas.subsystemId));
      if (row.limit === null) {
        await db.delete(quotas).where(where);
        return;
      }
      const values = { ...row, limit: row.limit, updatedAt: new Date() };
      await db.insert(quotas).values(values)
        .onConflictDoUpdate({ target: [quotas.serviceId, quotas.scope, quotas.subsystemId], set: { limit: values.limit, windowSeconds: values.windowSeconds, setBy: values.setBy, updatedAt: values.updatedAt } });
    },
    quotasOf: (serviceId: string) => db.select().from(quotas).where(eq(quotas.serviceId, serviceId)).orderBy(asc(quotas.scope), asc(quotas.subsystemId)),
    notice: async (id: string) => (await db.select().from(notices).where(eq(notices.id, id)))[0],
    /** The notices to these agencies, newest first. */
    noticesFor: (agencyIds: string[], limit: number) => agencyIds.length === 0 ? Promise.resolve([]) :
      db.select().from(notices).where(inArray(notices.agencyId, agencyIds)).orderBy(desc(notices.createdAt), desc(notices.id)).limit(limit),
  };
}

export type LgspRepository = ReturnType<typeof lgspRepository>;
export type { EndpointRow };
