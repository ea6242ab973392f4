import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../packages/platform/index.ts';
import { documentSeries, dossierEvents, dossierFiles, dossiers, handovers, procedures, tasks } from '../db/schema.ts';
import { STATUS_INFO, type DossierStatus } from './dossier.status.ts';
import type { ActiveStepState, Applicant, Channel, Dossier, DossierEvent, DossierFile, Handover } from './dossier.types.ts';
import type { ProcedureVerification } from '../catalogue/procedure.types.ts';

/** The only place that writes SQL for dossiers, their tasks, files, events and hand-overs. */
type DossierRow = typeof dossiers.$inferSelect;
type TaskRow = typeof tasks.$inferSelect;
type FileRow = typeof dossierFiles.$inferSelect;

export type DossierInsert = typeof dossiers.$inferInsert;
export type DossierPatch = Partial<Omit<DossierInsert, 'id' | 'code' | 'version' | 'createdAt'>>;

/** The intake checklist and any override reason are the desk's working notes, not the applicant's. */
function withoutInternals(details: Record<string, unknown>): Record<string, unknown> {
  const { intake: _intake, ...rest } = details;
  return rest;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);


/** Absent rather than undefined: a dossier reads the same fresh or replayed from its JSON. */
export const toTask = (row: TaskRow): ActiveStepState => ({
  stepId: row.stepId,
  ...(row.parallelOf ? { parallelOf: row.parallelOf } : {}),
  agencyId: row.agencyId,
  ...(row.assigneeId ? { assigneeId: row.assigneeId, assigneeName: row.assigneeName ?? undefined } : {}),
  since: row.since.toISOString(),
  dueDate: row.dueDate,
});

const toFile = (row: FileRow): DossierFile => ({
  id: row.id,
  partCode: row.partCode,
  kind: row.kind as DossierFile['kind'],
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  uploadedAt: row.uploadedAt.toISOString(),
  ...(row.storeDocumentId ? { storeDocumentId: row.storeDocumentId } : {}),
});

type ProcedureOfDossier = { nationalCode: string; name: string; verification: unknown };

/** A procedure code not yet confirmed against the national database is never shown as if it were (no stand-in on any page or form). */
const confirmedCode = (procedure: ProcedureOfDossier): string =>
  (procedure.verification as ProcedureVerification | null)?.unverified.includes('nationalCode') ? '' : procedure.nationalCode;

function toDossier(row: DossierRow, procedure: ProcedureOfDossier, taskRows: TaskRow[], fileRows: FileRow[]): Dossier {
  const status = row.status as DossierStatus;
  return {
    id: row.id,
    code: row.code,
    agencyId: row.agencyId,
    deskAgencyId: row.deskAgencyId,
    procedureId: row.procedureId,
    procedureCode: confirmedCode(procedure),
    procedureName: procedure.name,
    offeringId: row.offeringId,
    process: { key: row.processKey, version: row.processVersion },
    channel: row.channel as Channel,
    status,
    statusLabel: STATUS_INFO[status].vi,
    nationalStatus: STATUS_INFO[status].national,
    activeSteps: taskRows.map(toTask),
    applicant: row.applicant as Applicant,
    applicantSubject: row.applicantSubject,
    agencyScope: row.agencyScope,
    formData: row.formData as Record<string, unknown>,
    flags: row.flags as Record<string, boolean>,
    submittedAt: row.submittedAt.toISOString(),
    receivedAt: iso(row.receivedAt),
    dueDate: row.dueDate,
    originalDueDate: row.originalDueDate,
    clockStoppedAt: iso(row.clockStoppedAt),
    apologised: row.apologised,
    result: row.result as Dossier['result'],
    finishedAt: iso(row.finishedAt),
    externalCode: row.externalCode,
    supplement: row.supplement as Dossier['supplement'],
    files: fileRows.map(toFile),
    version: row.version,
  };
}

export const dossierRepository = {
  async insert(db: Queryable, row: DossierInsert): Promise<void> {
    await db.insert(dossiers).values(row);
  },

  /** Reads the dossier with its procedure, tasks and files. */
  async load(db: Queryable, id: string): Promise<Dossier | undefined> {
    const query = db.select({ dossier: dossiers, procedure: { nationalCode: procedures.nationalCode, name: procedures.name, verification: procedures.verification } })
      .from(dossiers).innerJoin(procedures, eq(procedures.id, dossiers.procedureId)).where(eq(dossiers.id, id));
    const [row] = await query;
    if (!row) return undefined;
    const [taskRows, fileRows] = await Promise.all([
      db.select().from(tasks).where(eq(tasks.dossierId, id)).orderBy(asc(tasks.since), asc(tasks.stepId)),
      db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, id)).orderBy(asc(dossierFiles.uploadedAt), asc(dossierFiles.id)),
    ]);
    return toDossier(row.dossier, row.procedure, taskRows, fileRows);
  },

  async idByCode(db: Queryable, code: string): Promise<{ id: string; lookupSecretHash: string } | undefined> {
    const [row] = await db.select({ id: dossiers.id, lookupSecretHash: dossiers.lookupSecretHash }).from(dossiers).where(eq(dossiers.code, code));
    return row;
  },

  async idByExternalCode(db: Queryable, externalCode: string): Promise<string | undefined> {
    const [row] = await db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.externalCode, externalCode));
    return row?.id;
  },

  /**
   * Applies a patch only if the dossier is still at `expectedVersion` (optimistic concurrency);
   * false when someone else changed it first.
   */
  async update(db: Queryable, id: string, expectedVersion: number, patch: DossierPatch): Promise<boolean> {
    const rows = await db.update(dossiers)
      .set({ ...patch, version: sql`${dossiers.version} + 1`, updatedAt: new Date() })
      .where(and(eq(dossiers.id, id), eq(dossiers.version, expectedVersion)))
      .returning({ id: dossiers.id });
    return rows.length === 1;
  },

  async replaceTasks(db: Queryable, dossierId: string, steps: ActiveStepState[]): Promise<void> {
    await db.delete(tasks).where(eq(tasks.dossierId, dossierId));
    if (steps.length === 0) return;
    await db.insert(tasks).values(steps.map((s) => ({
      dossierId, stepId: s.stepId, parallelOf: s.parallelOf ?? null, agencyId: s.agencyId,
      assigneeId: s.assigneeId ?? null, assigneeName: s.assigneeName ?? null, since: new Date(s.since), dueDate: s.dueDate,
    })));
  },

  async addFiles(db: Queryable, dossierId: string, files: (Omit<DossierFile, 'uploadedAt'> & { blobKey: string; uploadedBy: string })[]): Promise<void> {
    if (files.length === 0) return;
    await db.insert(dossierFiles).values(files.map((f) => ({
      id: f.id, dossierId, partCode: f.partCode, kind: f.kind, blobKey: f.blobKey, fileName: f.fileName,
      contentType: f.contentType, size: f.size, uploadedBy: f.uploadedBy,
    })));
  },

  /** A result file now signed: the row points at the signed PDF (the unsigned blob stays in the store). */
  async replaceFileBlob(db: Queryable, dossierId: string, fileId: string, blob: { blobKey: string; size: number }): Promise<void> {
    await db.update(dossierFiles).set({ blobKey: blob.blobKey, size: blob.size }).where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.id, fileId)));
  },

  async fileBlob(db: Queryable, dossierId: string, fileId: string): Promise<(DossierFile & { blobKey: string }) | undefined> {
    const [row] = await db.select().from(dossierFiles).where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.id, fileId)));
    return row && { ...toFile(row), blobKey: row.blobKey };
  },

  async addEvent(db: Queryable, dossierId: string, event: Omit<DossierEvent, 'id' | 'at'> & { actor: string; visibleToApplicant: boolean }): Promise<void> {
    await db.insert(dossierEvents).values({
      dossierId, actor: event.actor, actorName: event.actorName, action: event.action, fromStatus: event.fromStatus,
      toStatus: event.toStatus, note: event.note, visibleToApplicant: event.visibleToApplicant, details: event.details,
    });
  },

  async events(db: Queryable, dossierId: string, applicantView: boolean): Promise<DossierEvent[]> {
    const where = applicantView ? and(eq(dossierEvents.dossierId, dossierId), eq(dossierEvents.visibleToApplicant, true)) : eq(dossierEvents.dossierId, dossierId);
    const rows = await db.select().from(dossierEvents).where(where).orderBy(asc(dossierEvents.id));
    return rows.map((r) => ({
      id: r.id, at: r.at.toISOString(), actorName: r.actorName, action: r.action, fromStatus: r.fromStatus, toStatus: r.toStatus,
      note: r.note, details: applicantView ? withoutInternals(r.details as Record<string, unknown>) : r.details as Record<string, unknown>,
    }));
  },

  async openHandover(db: Queryable, dossierId: string, h: { stepId: string; stepName: string; agencyId: string; holderId?: string | undefined; holderName?: string | undefined; startedAt: Date; dueAt: Date | null }, givenByName: string): Promise<void> {
    await db.insert(handovers).values({
      dossierId, stepId: h.stepId, stepName: h.stepName, agencyId: h.agencyId, holderId: h.holderId ?? null,
      holderName: h.holderName ?? null, givenByName, startedAt: h.startedAt, dueAt: h.dueAt,
    });
  },

  /**
   * The next number of a desk's series for a year and form, taken in the caller's transaction:
   * the upsert locks the series row, so concurrent callers wait and get consecutive numbers.
   */
  async nextDocumentNumber(db: Queryable, deskAgencyId: string, year: number, form: string): Promise<number> {
    const [row] = await db.insert(documentSeries).values({ deskAgencyId, year, form, lastNumber: 1 })
      .onConflictDoUpdate({ target: [documentSeries.deskAgencyId, documentSeries.year, documentSeries.form], set: { lastNumber: sql`${documentSeries.lastNumber} + 1` } })
      .returning({ lastNumber: documentSeries.lastNumber });
    return row!.lastNumber;
  },

  /** Closes the open hand-over of a step (or every open one when `stepId` is undefined). */
  async closeHandovers(db: Queryable, dossierId: string, endedAt: Date, endedByName: string, stepId?: string): Promise<void> {
    const open = and(eq(handovers.dossierId, dossierId), sql`${handovers.endedAt} is null`, stepId === undefined ? undefined : eq(handovers.stepId, stepId));
    await db.update(handovers)
      .set({ endedAt, endedByName, onTime: sql`${handovers.dueAt} is null or ${endedAt.toISOString()}::timestamptz <= ${handovers.dueAt}` })
      .where(open);
  },

  async handovers(db: Queryable, dossierId: string): Promise<Handover[]> {
    const rows = await db.select().from(handovers).where(eq(handovers.dossierId, dossierId)).orderBy(asc(handovers.id));
    return rows.map((r) => ({
      stepId: r.stepId, stepName: r.stepName, agencyId: r.agencyId, holderName: r.holderName, givenByName: r.givenByName, endedByName: r.endedByName, startedAt: r.startedAt.toISOString(),
      dueAt: iso(r.dueAt), endedAt: iso(r.endedAt), onTime: r.onTime,
    }));
  },

};
