import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  actorOf, forbidden, maskIdNumber, newId, notFound, sha256Hex, conflict, unauthorized, unprocessable, type BlobStore, type Db, type Principal,
} from '../../../packages/platform/index.ts';
import type { ResultRegistry, ResultView } from '../../signing/index.ts';
import { dossierFiles, storeDocuments } from '../db/schema.ts';
import type { CitizenIdentity } from '../dossier/dossier.actions.ts';
import type { AgencyCalendar, ProcedureSource } from '../dossier/dossier.deps.ts';
import { canAct } from '../dossier/dossier.policies.ts';
import type { DossierService } from '../dossier/dossier.service.ts';
import type { Applicant } from '../dossier/dossier.types.ts';
import { uploadRepository } from '../dossier/upload.repository.ts';
import type { UploadView } from '../dossier/upload.service.ts';
import { ownSubjects } from './reads.service.ts';
import type { StoreKeys, Subject } from './store.keys.ts';

/** Certifying a scan as a true copy is part of intake: the desk's permission, at the dossier's desk. */
export const DIGITISE_PERMISSION = 'dossier.receive';

export type IntegrityProblem = 'mark_invalid' | 'bytes_changed' | 'file_missing';

/** The certified-true-copy mark as anyone who may see the document sees it, checked on every read. */
export interface CertificationView {
  certifiedByName: string;
  agencyName: string;
  certifiedAt: string;
  sha256: string;
  valid: boolean;
  problem: IntegrityProblem | null;
}

export interface StoreDocumentView {
  /** A store document's id, or a results-registry code (`KQ-…`). */
  id: string;
  source: 'digitised' | 'result';
  holderKind: 'person' | 'organisation';
  /** The holder's id, masked. */
  holder: string;
  title: string;
  fileName: string;
  contentType: string;
  at: string;
  certification: CertificationView | null;
  result: { code: string; number: string; status: string; agencyName: string; validUntil: string | null } | null;
}

export interface DigitisedPartView extends StoreDocumentView {
  partCode: string | null;
  dossierFileId: string | null;
}

export interface StoreDeps {
  db: Db;
  blobs: BlobStore;
  keys: StoreKeys;
  catalog: AgencyCalendar;
  procedures: ProcedureSource;
  dossiers: Pick<DossierService, 'get'>;
  citizenIdentity(userId: string): Promise<CitizenIdentity | undefined>;
  /** The results registry (the signing module's door); absent, the store lists digitised parts only. */
  registry?: Pick<ResultRegistry, 'search' | 'get' | 'file'> | undefined;
  /** Who the store reads the registry as: the platform itself, province-wide (it then checks the holder). */
  registryReader(): Promise<Principal>;
  now: () => Date;
}

type Row = typeof storeDocuments.$inferSelect;
const RESULT_CODE = /^KQ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const documentNotFound = () => notFound('store.document_not_found', 'Không tìm thấy tài liệu trong kho / No such document in your store');

/** The store a dossier's documents belong to: the organisation for its filings, else the person. */
export function holderOf(applicant: Applicant): Subject | undefined {
  if (applicant.kind === 'organisation' && applicant.enterpriseCode) return { kind: 'organisation', id: applicant.enterpriseCode };
  return applicant.personalId ? { kind: 'person', id: applicant.personalId } : undefined;
}

const fieldsOf = (row: Row) => ({
  documentId: row.id, holderKey: row.holderKey, fileSha256: row.fileSha256, dossierId: row.dossierId, partCode: row.partCode,
  certifiedBy: row.certifiedBy, certifiedByName: row.certifiedByName, agencyId: row.agencyId, certifiedAt: row.certifiedAt,
});

export function createStoreService(deps: StoreDeps) {
  const { db, keys } = deps;

  async function certification(row: Row): Promise<CertificationView> {
    let problem: IntegrityProblem | null = null;
    if (!keys.markMatches(fieldsOf(row), row.mark)) problem = 'mark_invalid';
    else {
      const bytes = await deps.blobs.get(row.fileSha256);
      if (!bytes) problem = 'file_missing';
      else if (sha256Hex(bytes) !== row.fileSha256) problem = 'bytes_changed';
    }
    return { certifiedByName: row.certifiedByName, agencyName: row.agencyName, certifiedAt: row.certifiedAt.toISOString(), sha256: row.fileSha256, valid: problem === null, problem };
  }

  const documentView = async (row: Row): Promise<StoreDocumentView> => ({
    id: row.id, source: 'digitised', holderKind: row.holderKind as Subject['kind'], holder: row.holderMasked, title: row.title, fileName: row.fileName,
    contentType: row.contentType, at: row.certifiedAt.toISOString(), certification: await certification(row), result: null,
  });

  const resultView = (r: ResultView, holderKind: Subject['kind'], holderId: string): StoreDocumentView => ({
    id: r.code, source: 'result', holderKind, holder: maskIdNumber(holderId), title: r.title, fileName: r.fileName, contentType: 'application/pdf', at: r.issuedAt,
    certification: null, result: { code: r.code, number: r.number, status: r.status, agencyName: r.agencyName, validUntil: r.validUntil },
  });

  /** A citizen's own subjects (their id, and their enterprise's code when they signed in as its representative). */
  async function subjectsOf(principal: Principal): Promise<Subject[]> {
    if (principal.kind === 'anonymous') throw unauthorized();
    const identity = principal.kind === 'user' && principal.userType === 'citizen' ? await deps.citizenIdentity(principal.userId) : undefined;
    if (!identity) throw forbidden('store.citizens_only', 'Kho dữ liệu dành cho công dân, tổ chức đăng nhập bằng VNeID / The e-data store is for citizens and organisations signed in with VNeID');
    return ownSubjects(identity);
  }

  /** A document of the caller's store: a digitised part or a registered result whose holder they are; anything else is "not found". */
  async function resolve(principal: Principal, ref: string): Promise<{ holder: Subject; holderKey: string; title: string; fileName: string; contentType: string; sha256: string; row?: Row }> {
    const subjects = await subjectsOf(principal);
    if (RESULT_CODE.test(ref)) {
      if (!deps.registry) throw documentNotFound();
      const reader = await deps.registryReader();
      const result = await deps.registry.get(reader, ref).catch(() => undefined);
      const holder = subjects.find((s) => s.id === result?.holderId);
      if (!result || !holder) throw documentNotFound();
      const file = await deps.registry.file(reader, ref);
      return { holder, holderKey: keys.subject(holder), title: result.title, fileName: result.fileName, contentType: 'application/pdf', sha256: sha256Hex(file.bytes) };
    }
    if (!/^[0-9a-f-]{36}$/.test(ref)) throw documentNotFound();
    const byKey = new Map(subjects.map((s) => [keys.subject(s), s]));
    const [row] = await db.select().from(storeDocuments).where(and(eq(storeDocuments.id, ref), inArray(storeDocuments.holderKey, [...byKey.keys()])));
    if (!row) throw documentNotFound();
    return { holder: byKey.get(row.holderKey)!, holderKey: row.holderKey, title: row.title, fileName: row.fileName, contentType: row.contentType, sha256: row.fileSha256, row };
  }

  async function bytesOf(doc: Awaited<ReturnType<typeof resolve>>): Promise<Buffer> {
    if (doc.row) {
      const check = await certification(doc.row);
      if (!check.valid) throw conflict('store.document_integrity', 'Tài liệu không còn nguyên vẹn (dấu chứng thực hoặc nội dung đã bị thay đổi) / The document or its mark was altered', { problem: check.problem });
    }
    const bytes = await deps.blobs.get(doc.sha256);
    if (!bytes) throw documentNotFound();
    return bytes;
  }

  return {
    resolve,
    bytesOf,
    subjectsOf,

    /**
     * The desk scans a paper part and certifies it as a true copy of the original. The scan is an
     * upload of the official's own; the mark binds who, when, which agency and the file's
     * SHA-256 under a key only the server holds. The file becomes a part of the dossier and a
     * document of the applicant's store, in one transaction.
     */
    async digitise(principal: Principal, dossierId: string, input: { uploadId: string; partCode: string }): Promise<DigitisedPartView> {
      if (principal.kind === 'anonymous') throw unauthorized();
      const official = principal.kind === 'system' || principal.userType === 'official';
      const dossier = official ? await deps.dossiers.get(principal, dossierId) : undefined;
      if (!dossier || !(await canAct(deps.catalog, principal, DIGITISE_PERMISSION, dossier.deskAgencyId))) {
        throw forbidden('store.digitise_forbidden', 'Chỉ cán bộ tiếp nhận của bộ phận một cửa nhận hồ sơ được chứng thực bản sao điện tử / Only the receiving desk\'s officials may certify a digitised copy');
      }
      const context = await deps.procedures.offeringContext(dossier.offeringId);
      const part = context?.procedure.parts.find((p) => p.code === input.partCode);
      if (!part) throw unprocessable('store.unknown_part', 'Thành phần hồ sơ không thuộc thủ tục này / Unknown dossier part', { partCode: input.partCode });
      const holder = holderOf(dossier.applicant);
      if (!holder) throw unprocessable('store.applicant_unidentified', 'Hồ sơ chưa có số định danh hoặc mã số doanh nghiệp của người nộp / The applicant has no personal id or enterprise code');
      const agency = await deps.catalog.getAgency(dossier.deskAgencyId);
      const owner = actorOf(principal);
      const name = principal.kind === 'user' ? principal.displayName : principal.clientId;
      const id = newId();
      const fileId = newId();
      const certifiedAt = deps.now();
      const row = await db.transaction(async (tx) => {
        const upload = (await uploadRepository.take(tx, [input.uploadId], owner)).get(input.uploadId)!;
        if (upload.storeDocumentId) throw unprocessable('store.not_a_scan', 'Chỉ chứng thực bản quét mới tải lên / Only a freshly uploaded scan can be certified');
        const holderKey = keys.subject(holder);
        const base = {
          id, holderKey, holderKind: holder.kind, holderMasked: maskIdNumber(holder.id), source: 'digitised', title: part.name,
          fileName: upload.fileName, contentType: upload.contentType, size: upload.size, fileSha256: upload.blobKey, dossierId: dossier.id, partCode: part.code,
          certifiedBy: owner, certifiedByName: name, agencyId: agency.id, agencyName: agency.name, certifiedAt,
        };
        const inserted = { ...base, mark: keys.mark({ documentId: id, ...base }), createdAt: certifiedAt };
        await tx.insert(storeDocuments).values(inserted);
        await tx.insert(dossierFiles).values({
          id: fileId, dossierId: dossier.id, partCode: part.code, kind: 'input', blobKey: upload.blobKey, fileName: upload.fileName,
          contentType: upload.contentType, size: upload.size, uploadedBy: owner, uploadedAt: certifiedAt, storeDocumentId: id,
        });
        return inserted;
      });
      return { ...(await documentView(row)), partCode: row.partCode, dossierFileId: fileId };
    },

    /** The dossier's digitised parts with their marks checked now (whoever may see the dossier). */
    async digitisedParts(principal: Principal, dossierId: string): Promise<DigitisedPartView[]> {
      await deps.dossiers.get(principal, dossierId);
      const rows = await db.select().from(storeDocuments).where(eq(storeDocuments.dossierId, dossierId)).orderBy(storeDocuments.certifiedAt);
      const files = await db.select({ id: dossierFiles.id, doc: dossierFiles.storeDocumentId }).from(dossierFiles).where(eq(dossierFiles.dossierId, dossierId));
      return Promise.all(rows.map(async (row) => ({ ...(await documentView(row)), partCode: row.partCode, dossierFileId: files.find((f) => f.doc === row.id)?.id ?? null })));
    },

    /** The signed-in citizen's store (and their enterprise's, shared by its representatives), newest first. */
    async list(principal: Principal): Promise<StoreDocumentView[]> {
      const subjects = await subjectsOf(principal);
      const byKey = new Map(subjects.map((s) => [keys.subject(s), s]));
      const rows = await db.select().from(storeDocuments).where(inArray(storeDocuments.holderKey, [...byKey.keys()])).orderBy(desc(storeDocuments.certifiedAt)).limit(500);
      const items = await Promise.all(rows.map(documentView));
      if (deps.registry) {
        const reader = await deps.registryReader();
        for (const subject of subjects) {
          const found = await deps.registry.search(reader, { holderId: subject.id, limit: 200, offset: 0 });
          items.push(...found.items.map((r) => resultView(r, subject.kind, subject.id)));
        }
      }
      return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    },

    /** The file a share link names, checked against the holder who shared it (no principal: the share service has checked the recipient). */
    async fileForShare(ref: string, holderKey: string): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
      if (RESULT_CODE.test(ref)) {
        const reader = await deps.registryReader();
        const result = deps.registry && (await deps.registry.get(reader, ref).catch(() => undefined));
        const id = result?.holderId;
        if (!deps.registry || !result || !id || ![keys.subject({ kind: 'person', id }), keys.subject({ kind: 'organisation', id })].includes(holderKey)) throw documentNotFound();
        const file = await deps.registry.file(reader, ref);
        return { bytes: file.bytes, fileName: file.fileName, contentType: 'application/pdf' };
      }
      const [row] = await db.select().from(storeDocuments).where(and(eq(storeDocuments.id, ref), eq(storeDocuments.holderKey, holderKey)));
      if (!row) throw documentNotFound();
      const bytes = await bytesOf({ holder: { kind: 'person', id: '' }, holderKey, title: row.title, fileName: row.fileName, contentType: row.contentType, sha256: row.fileSha256, row });
      return { bytes, fileName: row.fileName, contentType: row.contentType };
    },

    async file(principal: Principal, ref: string): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
      const doc = await resolve(principal, ref);
      return { bytes: await bytesOf(doc), fileName: doc.fileName, contentType: doc.contentType };
    },

    /**
     * Reuse instead of upload: the store document becomes an upload of the caller's (the bytes
     * are not sent again), attached to a new dossier's part like any upload; the dossier's file
     * then records the store document it came from.
     */
    async reuse(principal: Principal, ref: string): Promise<UploadView & { storeDocumentId: string }> {
      const doc = await resolve(principal, ref);
      const bytes = await bytesOf(doc);
      const id = newId();
      await uploadRepository.insert(db, { id, owner: actorOf(principal), blobKey: doc.sha256, fileName: doc.fileName, contentType: doc.contentType, size: bytes.byteLength, storeDocumentId: ref });
      return { id, fileName: doc.fileName, contentType: doc.contentType, size: bytes.byteLength, storeDocumentId: ref };
    },
  };
}

export type StoreService = ReturnType<typeof createStoreService>;
