/**
 * Versioned documents of the procedure catalogue — e-forms and process definitions — kept the
 * same way: versions 1, 2, 3… per key, at most one draft (always the newest version), and
 * published versions that never change, so that a dossier keeps meaning what it meant when it
 * was filed. The newest published version is the one new submissions use; publishing retires
 * nothing (older published versions stay readable for the dossiers that used them).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { conflict, notFound, unprocessable, type Db, type Principal, type Queryable } from '../../../packages/platform/index.ts';
import type { forms, processes } from '../db/schema.ts';
import { isEditor, requireEditor } from './procedure.policies.ts';
import { DOCUMENT_KEY } from './procedure.validation.ts';
import type { VersionSummary } from './procedure.inputs.ts';

export type VersionStatus = 'draft' | 'published' | 'retired';

/** A stored version as the repository returns it: the shared columns plus the kind's own. */
export type VersionRow = { key: string; version: number; status: VersionStatus; createdAt: Date; updatedAt: Date } & Record<string, unknown>;

export interface VersionedKind<Doc, Content> {
  /** Names the error codes (`tthc.form_not_found`) and the advisory lock. */
  kind: 'form' | 'process';
  table: typeof forms | typeof processes;
  /** The column holding the human title (forms: title, processes: name). */
  titleColumn: PgColumn;
  toDoc(row: VersionRow): Doc;
  /** Checks a draft and returns its column values; throws a 422 with details when invalid. */
  prepare(content: Content): Record<string, unknown>;
}

export interface VersionedDocuments<Doc, Content> {
  list(): Promise<VersionSummary[]>;
  /** A version, or the newest published one; drafts are visible to editors only (404 otherwise). */
  get(key: string, version?: number, viewer?: Principal): Promise<Doc>;
  find(key: string, version: number): Promise<Doc | undefined>;
  latestPublished(key: string, q?: Queryable): Promise<Doc | undefined>;
  exists(key: string, q?: Queryable): Promise<boolean>;
  /** Creates the draft (the next version) or replaces the existing one. */
  saveDraft(principal: Principal, key: string, content: Content): Promise<Doc>;
  /** Publishes the draft; publishing an already published version returns it unchanged (safe to retry). */
  publish(principal: Principal, key: string, version: number): Promise<Doc>;
}

export function versionedDocuments<Doc, Content>(db: Db, k: VersionedKind<Doc, Content>): VersionedDocuments<Doc, Content> {
  // Both tables share key, version, status and timestamps; the typed handle of one serves both.
  const t = k.table as typeof forms;
  const notFoundError = () => notFound(`tthc.${k.kind}_not_found`, `No such ${k.kind} version`);

  async function row(q: Queryable, key: string, version: number, forUpdate = false): Promise<VersionRow | undefined> {
    const query = q.select().from(t).where(and(eq(t.key, key), eq(t.version, version)));
    const [found] = forUpdate ? await query.for('update') : await query;
    return found as VersionRow | undefined;
  }

  async function newest(q: Queryable, key: string, status?: VersionStatus): Promise<VersionRow | undefined> {
    const where = status ? and(eq(t.key, key), eq(t.status, status)) : eq(t.key, key);
    const [found] = await q.select().from(t).where(where).orderBy(desc(t.version)).limit(1);
    return found as VersionRow | undefined;
  }

  /** Serialises writers of one key (two editors saving the first draft at once). */
  async function lock(q: Queryable, key: string): Promise<void> {
    await q.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`tthc.${k.kind}:${key}`}, 0))`);
  }

  function checkKey(key: string): void {
    if (!DOCUMENT_KEY.test(key)) throw unprocessable(`tthc.${k.kind}_invalid`, 'The key must be lower-case letters, digits and "-"', [{ field: 'key', message: 'must match ^[a-z0-9][a-z0-9-]{0,79}$' }]);
  }

  async function list(): Promise<VersionSummary[]> {
    const rows = await db
      .select({ key: t.key, version: t.version, status: t.status, title: k.titleColumn, updatedAt: t.updatedAt })
      .from(t)
      .orderBy(asc(t.key), asc(t.version));
    const byKey = new Map<string, VersionSummary>();
    for (const r of rows) {
      const s = byKey.get(r.key) ?? { key: r.key, title: '', latestVersion: 0, publishedVersion: null, draftVersion: null, updatedAt: '' };
      // Rows come in ascending version order, so the last one seen is the newest.
      Object.assign(s, { title: String(r.title), latestVersion: r.version, updatedAt: r.updatedAt.toISOString() });
      if (r.status === 'published') s.publishedVersion = r.version;
      if (r.status === 'draft') s.draftVersion = r.version;
      byKey.set(r.key, s);
    }
    return [...byKey.values()];
  }

  async function get(key: string, version?: number, viewer?: Principal): Promise<Doc> {
    const found = version === undefined ? await newest(db, key, 'published') : await row(db, key, version);
    if (!found || (found.status === 'draft' && !isEditor(viewer))) throw notFoundError();
    return k.toDoc(found);
  }

  async function saveDraft(principal: Principal, key: string, content: Content): Promise<Doc> {
    requireEditor(principal);
    checkKey(key);
    const columns = k.prepare(content);
    return db.transaction(async (tx) => {
      await lock(tx, key);
      const latest = await newest(tx, key);
      if (latest?.status === 'draft') {
        const [updated] = await tx.update(t).set({ ...columns, updatedAt: new Date() }).where(and(eq(t.key, key), eq(t.version, latest.version))).returning();
        return k.toDoc(updated as VersionRow);
      }
      const values = { key, version: (latest?.version ?? 0) + 1, status: 'draft', ...columns } as typeof forms.$inferInsert;
      const [inserted] = await tx.insert(t).values(values).returning();
      return k.toDoc(inserted as VersionRow);
    });
  }

  async function publish(principal: Principal, key: string, version: number): Promise<Doc> {
    requireEditor(principal);
    return db.transaction(async (tx) => {
      await lock(tx, key);
      const found = await row(tx, key, version, true);
      if (!found) throw notFoundError();
      if (found.status === 'published') return k.toDoc(found);
      if (found.status === 'retired') throw conflict(`tthc.${k.kind}_retired`, `Version ${version} is retired and cannot be published again`);
      const [updated] = await tx.update(t).set({ status: 'published', updatedAt: new Date() }).where(and(eq(t.key, key), eq(t.version, version))).returning();
      return k.toDoc(updated as VersionRow);
    });
  }

  return {
    list,
    get,
    find: async (key, version) => {
      const found = await row(db, key, version);
      return found && k.toDoc(found);
    },
    latestPublished: async (key, q = db) => {
      const found = await newest(q, key, 'published');
      return found && k.toDoc(found);
    },
    exists: async (key, q = db) => (await newest(q, key)) !== undefined,
    saveDraft,
    publish,
  };
}

/** Seeding: inserts a version unless that (key, version) exists, never touching an existing one. */
export async function insertVersionIfMissing(q: Queryable, table: typeof forms | typeof processes, values: Record<string, unknown>): Promise<void> {
  const t = table as typeof forms;
  await q.insert(t).values(values as typeof forms.$inferInsert).onConflictDoNothing({ target: [t.key, t.version] });
}
