import { and, asc, count, desc, eq, isNull, lte, or, gt, sql, type SQL } from 'drizzle-orm';
import { type Queryable } from '../../packages/platform/index.ts';
import { codeListItems, codeLists, codeListVersions } from './db/schema.ts';
import { likePattern } from './agency.repository.ts';
import type { CodeList, CodeListItem, CodeListVersion, VersionStatus } from './code-list.types.ts';

type ListRow = typeof codeLists.$inferSelect;
type VersionRow = typeof codeListVersions.$inferSelect;
type ItemRow = typeof codeListItems.$inferSelect;

export interface StoredVersion extends CodeListVersion {
  id: string;
  contentHash: string;
}

const toList = (r: ListRow): CodeList => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  description: r.description,
  extendable: r.extendable,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const toVersion = (r: VersionRow): StoredVersion => ({
  id: r.id,
  listCode: r.listCode,
  version: r.version,
  status: r.status as VersionStatus,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo,
  publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
  note: r.note,
  itemCount: r.itemCount,
  contentHash: r.contentHash,
});

const toItem = (r: ItemRow): CodeListItem => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  parentCode: r.parentCode,
  sortOrder: r.sortOrder,
  extra: r.extra as Record<string, unknown>,
});

export interface ItemInsert extends CodeListItem {
  search: string;
}

export const codeListRepository = {
  async lists(db: Queryable): Promise<CodeList[]> {
    return (await db.select().from(codeLists).orderBy(asc(codeLists.code))).map(toList);
  },

  async list(db: Queryable, code: string, forUpdate = false): Promise<CodeList | undefined> {
    const query = db.select().from(codeLists).where(eq(codeLists.code, code));
    const [row] = forUpdate ? await query.for('update') : await query;
    return row && toList(row);
  },

  async insertList(db: Queryable, list: Omit<CodeList, 'createdAt' | 'updatedAt'>): Promise<boolean> {
    const rows = await db.insert(codeLists).values(list).onConflictDoNothing().returning({ code: codeLists.code });
    return rows.length > 0;
  },

  /** The published version in force on `at`. */
  async versionAt(db: Queryable, listCode: string, at: string): Promise<StoredVersion | undefined> {
    const [row] = await db
      .select()
      .from(codeListVersions)
      .where(
        and(
          eq(codeListVersions.listCode, listCode),
          eq(codeListVersions.status, 'published'),
          lte(codeListVersions.effectiveFrom, at),
          or(isNull(codeListVersions.effectiveTo), gt(codeListVersions.effectiveTo, at)),
        ),
      )
      .orderBy(desc(codeListVersions.effectiveFrom), desc(codeListVersions.version))
      .limit(1);
    return row && toVersion(row);
  },

  async version(db: Queryable, listCode: string, version: number): Promise<StoredVersion | undefined> {
    const [row] = await db
      .select()
      .from(codeListVersions)
      .where(and(eq(codeListVersions.listCode, listCode), eq(codeListVersions.version, version)));
    return row && toVersion(row);
  },

  async versions(db: Queryable, listCode: string): Promise<StoredVersion[]> {
    const rows = await db.select().from(codeListVersions).where(eq(codeListVersions.listCode, listCode)).orderBy(asc(codeListVersions.version));
    return rows.map(toVersion);
  },

  async hasVersions(db: Queryable, listCode: string): Promise<boolean> {
    const [row] = await db.select({ n: count() }).from(codeListVersions).where(eq(codeListVersions.listCode, listCode));
    return (row?.n ?? 0) > 0;
  },

  async listsWithVersions(db: Queryable): Promise<Set<string>> {
    const rows = await db.selectDistinct({ code: codeListVersions.listCode }).from(codeListVersions);
    return new Set(rows.map((r) => r.code));
  },

  async nextVersionNumber(db: Queryable, listCode: string): Promise<number> {
    const [row] = await db
      .select({ max: sql<number | null>`max(${codeListVersions.version})` })
      .from(codeListVersions)
      .where(eq(codeListVersions.listCode, listCode));
    return Number(row?.max ?? 0) + 1;
  },

  async items(db: Queryable, versionId: string, q: string | undefined, limit: number, offset: number): Promise<{ items: CodeListItem[]; total: number }> {
    const where: SQL[] = [eq(codeListItems.versionId, versionId)];
    if (q) where.push(sql`${codeListItems.search} like ${likePattern(q)}`);
    const rows = await db
      .select()
      .from(codeListItems)
      .where(and(...where))
      .orderBy(asc(codeListItems.sortOrder), asc(codeListItems.code))
      .limit(limit)
      .offset(offset);
    const [total] = await db.select({ n: count() }).from(codeListItems).where(and(...where));
    return { items: rows.map(toItem), total: total?.n ?? 0 };
  },

  /** The item of a version whose `extra[key]` equals `value` (e.g. the unit of an agency code). */
  async itemByExtra(db: Queryable, versionId: string, key: string, value: string): Promise<CodeListItem | undefined> {
    const [row] = await db
      .select()
      .from(codeListItems)
      .where(and(eq(codeListItems.versionId, versionId), sql`${codeListItems.extra} ->> ${key} = ${value}`))
      .orderBy(asc(codeListItems.sortOrder))
      .limit(1);
    return row && toItem(row);
  },

  async insertVersion(
    db: Queryable,
    v: { id: string; listCode: string; version: number; status: VersionStatus; effectiveFrom: string; note: string | null; contentHash: string; itemCount: number },
    items: ItemInsert[],
  ): Promise<void> {
    await db.insert(codeListVersions).values({ ...v, publishedAt: v.status === 'published' ? new Date() : null });
    for (let i = 0; i < items.length; i += 500) {
      await db.insert(codeListItems).values(items.slice(i, i + 500).map((item) => ({ ...item, versionId: v.id })));
    }
  },

  async publish(db: Queryable, versionId: string, effectiveFrom: string): Promise<void> {
    await db
      .update(codeListVersions)
      .set({ status: 'published', publishedAt: new Date(), effectiveFrom })
      .where(eq(codeListVersions.id, versionId));
  },

  /** Each published version ends where the next one (by effective date, then number) begins. */
  async recomputeEffectiveTo(db: Queryable, listCode: string): Promise<void> {
    await db.execute(sql`
      update catalog.code_list_versions v set effective_to = n.next_from
      from (
        select id, lead(effective_from) over (order by effective_from, version) as next_from
        from catalog.code_list_versions where list_code = ${listCode} and status = 'published'
      ) n
      where v.id = n.id and v.effective_to is distinct from n.next_from`);
  },
};
