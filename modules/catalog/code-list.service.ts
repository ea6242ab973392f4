import { badRequest, conflict, newId, notFound, sha256Hex, unprocessable, type Db, type Principal, type Queryable } from '../../packages/platform/index.ts';
import { codeListRepository as repo, type StoredVersion } from './code-list.repository.ts';
import { checkItems, contentHash, itemsFromCsv, itemsFromJson, itemsToCsv, LIST_CODE, MAX_ITEMS } from './code-list.import.ts';
import { isIsoDate, todayInVietnam } from './dates.ts';
import type { AgencyService } from './agency.service.ts';
import type { AdministrativeUnit, CodeList, CodeListReadQuery, CodeListSummary, CodeListVersion, CodeListView, NewCodeList, VersionImport } from './code-list.types.ts';
import type { SeedCodeList } from './seed/code-lists.ts';

export const EDIT = 'catalog.edit';
export const ADMINISTRATIVE_UNITS = 'administrative-units';
const DEFAULT_LIMIT = 1000;

const listNotFound = (code: string) => notFound('catalog.code_list_not_found', `No code list ${code}`);

const publicVersion = ({ id: _id, contentHash: _hash, ...v }: StoredVersion): CodeListVersion => v;

function checkDate(value: string, field: string): string {
  if (!isIsoDate(value)) throw badRequest('request.invalid', `${field} must be a date YYYY-MM-DD`, [{ field, message: 'not a calendar date' }]);
  return value;
}

/**
 * The ETag covers everything the response shows: the items (by their hash), the version's
 * validity, and the paging/search that selected them.
 */
function etagOf(v: StoredVersion, query: CodeListReadQuery, limit: number, offset: number): string {
  const tag = sha256Hex([v.contentHash, v.listCode, v.version, v.status, v.effectiveFrom, v.effectiveTo ?? '', query.q ?? '', limit, offset].join('|'));
  return `"${tag.slice(0, 40)}"`;
}

export type CodeListService = ReturnType<typeof createCodeListService>;

export function createCodeListService(db: Db, agencies: AgencyService) {
  async function requireList(code: string): Promise<CodeList> {
    const list = await repo.list(db, code);
    if (!list) throw listNotFound(code);
    return list;
  }

  /** A specific published version by number, or the one in force on `at` (default: today in Vietnam). */
  async function resolveVersion(code: string, query: CodeListReadQuery): Promise<StoredVersion> {
    if (query.version !== undefined) {
      const v = await repo.version(db, code, query.version);
      if (!v || v.status !== 'published') throw notFound('catalog.version_not_found', `Code list ${code} has no published version ${query.version}`);
      return v;
    }
    const at = query.at ? checkDate(query.at, 'at') : todayInVietnam();
    const v = await repo.versionAt(db, code, at);
    if (!v) throw notFound('catalog.version_not_found', `Code list ${code} has no version in force on ${at}`);
    return v;
  }

  async function listCodeLists(at?: string): Promise<CodeListSummary[]> {
    const day = at ? checkDate(at, 'at') : todayInVietnam();
    const lists = await repo.lists(db);
    return Promise.all(
      lists.map(async (list) => {
        const v = await repo.versionAt(db, list.code, day);
        return { ...list, current: v ? publicVersion(v) : null };
      }),
    );
  }

  /** Cheap when the client already holds the content: `ifNoneMatch` matches → items are not read. */
  async function readCodeList(code: string, query: CodeListReadQuery, ifNoneMatch?: string): Promise<{ notModified: true; etag: string } | ({ notModified: false } & CodeListView)> {
    const list = await requireList(code);
    const version = await resolveVersion(code, query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const etag = etagOf(version, query, limit, offset);
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return { notModified: true, etag };
    const page = await repo.items(db, version.id, query.q, limit, offset);
    return { notModified: false, list, version: publicVersion(version), items: page.items, total: page.total, etag };
  }

  async function exportCodeList(code: string, format: 'csv' | 'json', query: CodeListReadQuery): Promise<{ body: string; etag: string; version: CodeListVersion }> {
    await requireList(code);
    const version = await resolveVersion(code, query);
    const { items } = await repo.items(db, version.id, undefined, MAX_ITEMS, 0);
    const body = format === 'csv' ? itemsToCsv(items) : JSON.stringify(items);
    return { body, etag: `"${sha256Hex(`${format}|${etagOf(version, {}, MAX_ITEMS, 0)}`).slice(0, 40)}"`, version: publicVersion(version) };
  }

  async function codeListVersions(code: string): Promise<CodeListVersion[]> {
    await requireList(code);
    return (await repo.versions(db, code)).map(publicVersion);
  }

  async function createCodeList(principal: Principal, input: NewCodeList): Promise<CodeList> {
    await agencies.requireProvinceScope(principal, EDIT);
    if (!LIST_CODE.test(input.code)) throw unprocessable('catalog.code_list_invalid', 'code must be lower-case letters, digits and "-"', [{ field: 'code' }]);
    const created = await repo.insertList(db, {
      code: input.code,
      name: input.name.trim(),
      nameEn: input.nameEn ?? null,
      description: input.description ?? null,
      extendable: input.extendable ?? false,
    });
    if (!created) throw conflict('catalog.code_list_exists', `A code list ${input.code} already exists`);
    return requireList(input.code);
  }

  /** Adds a new version (draft, or published from its effective date) in one transaction. */
  async function importVersion(principal: Principal, code: string, input: VersionImport): Promise<CodeListVersion> {
    await agencies.requireProvinceScope(principal, EDIT);
    await requireList(code);
    checkDate(input.effectiveFrom, 'effectiveFrom');
    if ((input.csv === undefined) === (input.items === undefined)) throw badRequest('catalog.import_source', 'Send exactly one of csv or items');
    const numbered = input.csv !== undefined ? itemsFromCsv(input.csv) : itemsFromJson(input.items ?? []);
    if (numbered.length === 0) throw unprocessable('catalog.import_invalid', 'A version needs at least one item', []);
    const { errors, rows } = checkItems(numbered);
    if (errors.length) throw unprocessable('catalog.import_invalid', `${errors.length} problem(s) in the items; nothing was written`, errors);
    return db.transaction(async (tx) => {
      await repo.list(tx, code, true); // row lock: version numbers are allocated one at a time
      const id = newId();
      const version = await repo.nextVersionNumber(tx, code);
      await repo.insertVersion(
        tx,
        {
          id,
          listCode: code,
          version,
          status: input.publish ? 'published' : 'draft',
          effectiveFrom: input.effectiveFrom,
          note: input.note ?? null,
          contentHash: contentHash(rows),
          itemCount: rows.length,
        },
        rows,
      );
      if (input.publish) await repo.recomputeEffectiveTo(tx, code);
      return publicVersion((await repo.version(tx, code, version)) as StoredVersion);
    });
  }

  async function publishVersion(principal: Principal, code: string, versionNumber: number, effectiveFrom?: string): Promise<CodeListVersion> {
    await agencies.requireProvinceScope(principal, EDIT);
    await requireList(code);
    if (effectiveFrom) checkDate(effectiveFrom, 'effectiveFrom');
    return db.transaction(async (tx) => {
      await repo.list(tx, code, true);
      const v = await repo.version(tx, code, versionNumber);
      if (!v) throw notFound('catalog.version_not_found', `Code list ${code} has no version ${versionNumber}`);
      if (v.status === 'published') throw conflict('catalog.version_published', `Version ${versionNumber} is already published`);
      await repo.publish(tx, v.id, effectiveFrom ?? v.effectiveFrom);
      await repo.recomputeEffectiveTo(tx, code);
      return publicVersion((await repo.version(tx, code, versionNumber)) as StoredVersion);
    });
  }

  /** Start-up seeding: creates each missing list with a published version 1; never touches existing ones. */
  async function seedCodeLists(seed: SeedCodeList[], effectiveFrom: string): Promise<void> {
    const done = await repo.listsWithVersions(db);
    for (const s of seed.filter((l) => !done.has(l.code))) {
      await db.transaction(async (tx) => {
        await repo.insertList(tx, { code: s.code, name: s.name, nameEn: s.nameEn, description: s.description, extendable: s.extendable });
        await repo.list(tx, s.code, true);
        if (await repo.hasVersions(tx, s.code)) return;
        const { rows } = checkItems(itemsFromJson(s.items));
        await repo.insertVersion(
          tx,
          { id: newId(), listCode: s.code, version: 1, status: 'published', effectiveFrom, note: 'Dữ liệu khởi tạo', contentHash: contentHash(rows), itemCount: rows.length },
          rows,
        );
      });
    }
  }

  /**
   * The administrative unit (commune, ward or the province) whose People's Committee is this
   * agency, from the `administrative-units` list in force today; undefined for other agencies.
   */
  async function administrativeUnitOf(agencyId: string): Promise<AdministrativeUnit | undefined> {
    const agency = await agencies.getAgency(agencyId);
    const v = await repo.versionAt(db, ADMINISTRATIVE_UNITS, todayInVietnam());
    const item = v && (await repo.itemByExtra(db, v.id, 'agencyCode', agency.code));
    return item && { code: item.code, name: item.name, level: item.extra['level'] === 'province' ? 'province' : 'commune' };
  }

  /**
   * Start-up upgrade: a list whose version in force on `effectiveFrom` still holds stand-in items
   * (seeded by an earlier release) gets the seed as a new published version from the same date,
   * so the stand-ins are never in force again; the old version stays in the history.
   */
  async function replaceStandIns(seed: SeedCodeList[], effectiveFrom: string, isStandIn: (name: string) => boolean): Promise<void> {
    for (const s of seed) {
      if (s.items.some((i) => isStandIn(i.name))) continue;
      const stale = async (q: Queryable) => {
        const v = await repo.versionAt(q, s.code, effectiveFrom);
        return v !== undefined && (await repo.items(q, v.id, undefined, MAX_ITEMS, 0)).items.some((i) => isStandIn(i.name));
      };
      if (!(await stale(db))) continue;
      await db.transaction(async (tx) => {
        await repo.list(tx, s.code, true);
        if (!(await stale(tx))) return;
        const { rows } = checkItems(itemsFromJson(s.items));
        const version = await repo.nextVersionNumber(tx, s.code);
        const note = 'Thay các mục tạm (chưa có tên chính thức) bằng dữ liệu chính thức';
        await repo.insertVersion(tx, { id: newId(), listCode: s.code, version, status: 'published', effectiveFrom, note, contentHash: contentHash(rows), itemCount: rows.length }, rows);
        await repo.recomputeEffectiveTo(tx, s.code);
      });
    }
  }

  return { listCodeLists, readCodeList, exportCodeList, codeListVersions, createCodeList, importVersion, publishVersion, seedCodeLists, replaceStandIns, administrativeUnitOf };
}
