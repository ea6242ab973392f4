import { randomBytes } from 'node:crypto';
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import {
  actorOf, canActOn, conflict, forbidden, newId, notFound, type BlobStore, type Db, type Principal, type Queryable,
} from '../../packages/platform/index.ts';
import type { RESULT_STATUSES} from './db/schema.ts';
import { resultEvents, results } from './db/schema.ts';

/**
 * The results registry: every result issued, with its number, holder, validity, issuing agency
 * and status. Officials search all of it (a later procedure finds a prior result here instead of
 * asking the applicant for a copy); anyone may search the public kinds. Status changes are made
 * by officials holding `result.manage` at the issuing agency, with a reason, and kept as events.
 */
export type ResultStatus = (typeof RESULT_STATUSES)[number];
export const RESULT_KINDS = ['licence', 'certificate', 'decision', 'other'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];
export const MANAGE_PERMISSION = 'result.manage';
/** Officials who handle dossiers may search the whole registry. */
const OFFICIAL_PERMISSIONS = ['dossier.read', 'dossier.process', 'dossier.approve', 'dossier.receive', MANAGE_PERMISSION];

/** Status changes an official may make; replaced, revoked and expired are final. */
const NEXT: Record<ResultStatus, readonly ResultStatus[]> = {
  valid: ['amended', 'replaced', 'revoked', 'expired'],
  amended: ['replaced', 'revoked', 'expired'],
  replaced: [],
  revoked: [],
  expired: [],
};

export interface NewResult {
  /** Chosen before signing when the code is printed on the result (`newCode()`); made here otherwise. */
  code?: string | undefined;
  number: string;
  kind: ResultKind;
  title: string;
  holderName: string;
  holderId: string | null;
  agencyId: string;
  agencyName: string;
  procedureCode: string | null;
  source: string | null;
  issuedAt: Date;
  validFrom: string;
  validUntil: string | null;
  public: boolean;
  fileSha256: string;
  fileName: string;
  signatures: number;
}

export interface ResultView {
  code: string;
  number: string;
  kind: ResultKind;
  title: string;
  holderName: string;
  /** Masked (last three characters) except for officials. */
  holderId: string | null;
  agencyName: string;
  procedureCode: string | null;
  issuedAt: string;
  validFrom: string;
  validUntil: string | null;
  status: ResultStatus;
  public: boolean;
  fileName: string;
  signatures: number;
}

export interface ResultEventView {
  fromStatus: string | null;
  toStatus: string;
  reason: string;
  actor: string;
  at: string;
}

export interface ResultQuery {
  q?: string | undefined;
  holderId?: string | undefined;
  kind?: ResultKind | undefined;
  status?: ResultStatus | undefined;
  limit: number;
  offset: number;
}

type Row = typeof results.$inferSelect;

const isOfficial = (principal: Principal): boolean =>
  principal.kind !== 'anonymous' && principal.grants.some((g) => g.permissions.some((p) => OFFICIAL_PERMISSIONS.includes(p)));

const mask = (id: string | null): string | null => (id ? `${'*'.repeat(Math.max(0, id.length - 3))}${id.slice(-3)}` : null);

function view(row: Row, official: boolean): ResultView {
  return {
    code: row.code, number: row.number, kind: row.kind as ResultKind, title: row.title, holderName: row.holderName,
    holderId: official ? row.holderId : mask(row.holderId), agencyName: row.agencyName, procedureCode: row.procedureCode,
    issuedAt: row.issuedAt.toISOString(), validFrom: row.validFrom, validUntil: row.validUntil, status: row.status as ResultStatus,
    public: row.public, fileName: row.fileName, signatures: row.signatures,
  };
}

/** A code people can type from paper: `KQ-` and 12 characters without look-alikes. */
function resultCode(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `KQ-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

const resultNotFound = () => notFound('result.not_found', 'Không tìm thấy kết quả / No such result');

export interface ResultRegistry {
  /** A fresh registry code, to print on a result before it is recorded. */
  newCode(): string;
  /** Records an issued result in the caller's transaction; answers its code. */
  record(tx: Queryable, input: NewResult): Promise<ResultView>;
  search(principal: Principal, query: ResultQuery): Promise<{ total: number; items: ResultView[] }>;
  get(principal: Principal, code: string): Promise<ResultView & { events: ResultEventView[] }>;
  /** The signed file of a result the principal may see. */
  file(principal: Principal, code: string): Promise<{ fileName: string; bytes: Buffer }>;
  changeStatus(principal: Principal, code: string, change: { status: ResultStatus; reason: string }): Promise<ResultView>;
  /** The registry entry of a file, by its SHA-256 (an uploaded copy of a registered result). */
  bySha256(principal: Principal, sha256: string): Promise<ResultView | undefined>;
  /**
   * A result and its signed file, for verification by the code printed on it. The code is the
   * capability (60 random bits, on the paper and in its QR): whoever holds the result may check it,
   * whatever its kind, with the holder's id masked; the file itself is never handed out this way.
   */
  forVerification(principal: Principal, code: string): Promise<{ result: ResultView; bytes: Buffer }>;
}

export function createResultRegistry(db: Db, blobs: BlobStore, agencyAncestors: (id: string) => Promise<string[]>, now: () => Date): ResultRegistry {
  const visibleRow = async (principal: Principal, code: string): Promise<Row> => {
    const [row] = await db.select().from(results).where(eq(results.code, code)).limit(1);
    if (!row || (!row.public && !isOfficial(principal))) throw resultNotFound();
    return row;
  };
  return {
    newCode: resultCode,

    async record(tx, input) {
      const row = { id: newId(), ...input, code: input.code ?? resultCode(), status: 'valid' as const };
      await (tx as Db).insert(results).values(row);
      await (tx as Db).insert(resultEvents).values({ id: newId(), resultId: row.id, fromStatus: null, toStatus: 'valid', reason: 'issued', actor: 'system', at: input.issuedAt });
      return view({ ...row, supersedes: null, createdAt: input.issuedAt, updatedAt: input.issuedAt }, true);
    },

    async search(principal, query) {
      const official = isOfficial(principal);
      const filters: SQL[] = [];
      if (!official) filters.push(eq(results.public, true));
      if (query.kind) filters.push(eq(results.kind, query.kind));
      if (query.status) filters.push(eq(results.status, query.status));
      // A holder's id is searched exactly, and only by officials (no enumeration of people by anyone).
      if (query.holderId) filters.push(official ? eq(results.holderId, query.holderId) : sql`false`);
      if (query.q) {
        const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filters.push(or(ilike(results.number, pattern), ilike(results.title, pattern), ilike(results.holderName, pattern), eq(results.code, query.q.toUpperCase()))!);
      }
      const where = filters.length ? and(...filters) : undefined;
      const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(results).where(where)) as [{ total: number }];
      const rows = await db.select().from(results).where(where).orderBy(desc(results.issuedAt), desc(results.id)).limit(query.limit).offset(query.offset);
      return { total, items: rows.map((row) => view(row, official)) };
    },

    async get(principal, code) {
      const row = await visibleRow(principal, code);
      const events = await db.select().from(resultEvents).where(eq(resultEvents.resultId, row.id)).orderBy(resultEvents.at);
      return {
        ...view(row, isOfficial(principal)),
        events: events.map((e) => ({ fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, actor: isOfficial(principal) ? e.actor : '', at: e.at.toISOString() })),
      };
    },

    async file(principal, code) {
      const row = await visibleRow(principal, code);
      const bytes = await blobs.get(row.fileSha256);
      if (!bytes) throw resultNotFound();
      return { fileName: row.fileName, bytes };
    },

    async changeStatus(principal, code, change) {
      const [row] = await db.select().from(results).where(eq(results.code, code)).limit(1);
      if (!row) throw resultNotFound();
      if (!canActOn(principal, MANAGE_PERMISSION, row.agencyId, await agencyAncestors(row.agencyId))) {
        throw forbidden('result.forbidden', 'Cần quyền quản lý kết quả của cơ quan cấp / Managing this agency\'s results is not allowed');
      }
      const from = row.status as ResultStatus;
      if (!NEXT[from].includes(change.status)) {
        throw conflict('result.status_not_allowed', `Không thể chuyển từ "${from}" sang "${change.status}" / Status change not allowed`, { from, to: change.status });
      }
      return db.transaction(async (tx) => {
        const updated = await tx.update(results).set({ status: change.status, updatedAt: now() })
          .where(and(eq(results.id, row.id), eq(results.status, from))).returning();
        if (!updated[0]) throw conflict('result.status_changed', 'Trạng thái vừa được người khác thay đổi / The status was just changed by someone else');
        await tx.insert(resultEvents).values({ id: newId(), resultId: row.id, fromStatus: from, toStatus: change.status, reason: change.reason, actor: actorOf(principal), at: now() });
        return view(updated[0], true);
      });
    },

    async forVerification(principal, code) {
      const [row] = await db.select().from(results).where(eq(results.code, code)).limit(1);
      const bytes = row && (await blobs.get(row.fileSha256));
      if (!row || !bytes) throw resultNotFound();
      return { result: view(row, isOfficial(principal)), bytes };
    },

    async bySha256(principal, sha256) {
      const [row] = await db.select().from(results).where(eq(results.fileSha256, sha256)).orderBy(desc(results.issuedAt)).limit(1);
      if (!row) return undefined;
      // Whoever holds the file may see its entry (it is printed on the file), with the holder's id masked.
      return view(row, isOfficial(principal));
    },
  };
}
