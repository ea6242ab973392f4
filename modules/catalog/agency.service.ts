import {
  badRequest,
  canActOn,
  conflict,
  forbidden,
  foldVietnamese,
  newId,
  notFound,
  pgError,
  unprocessable,
  writeCsv,
  type Db,
  type Principal,
  type Queryable,
} from '../../packages/platform/index.ts';
import { agencyRepository as repo, type AgencyInsert } from './agency.repository.ts';
import { AGENCY_CODE, agencyRowsFromCsv, agencyRowsFromJson, checkAgencyRows, MAX_NAME, type NumberedRow } from './agency.import.ts';
import { ROOT_AGENCY_CODE } from './seed/agencies.ts';
import type {
  Agency,
  AgencyImportResult,
  AgencyImportRow,
  AgencyKind,
  AgencyListQuery,
  AgencyPage,
  AgencyPatch,
  AgencyTreeNode,
  ImportRowError,
  NewAgency,
} from './agency.types.ts';

export const EDIT = 'catalog.edit';
const EXPORT_COLUMNS = ['code', 'name', 'nameEn', 'kind', 'parentCode', 'placeholder', 'active'] as const;

const agencyNotFound = () => notFound('catalog.agency_not_found', 'No such agency');

function invalid(field: string, message: string) {
  return unprocessable('catalog.agency_invalid', message, [{ field, message }]);
}

function checkFields(input: { code?: string | undefined; name?: string | undefined; nameEn?: string | null | undefined }) {
  if (input.code !== undefined && !AGENCY_CODE.test(input.code)) throw invalid('code', 'code must be 1–64 letters, digits, ".", "_" or "-"');
  if (input.name !== undefined && (input.name.trim() === '' || input.name.length > MAX_NAME)) throw invalid('name', 'name must be 1–300 characters');
}

function rethrowCodeTaken(err: unknown, code: string | undefined): never {
  if (pgError(err).code === '23505') throw conflict('catalog.agency_code_taken', `The code ${code ?? ''} is already used by another agency`);
  throw err;
}

export type AgencyService = ReturnType<typeof createAgencyService>;

export function createAgencyService(db: Db) {
  async function getAgency(id: string): Promise<Agency> {
    const agency = await repo.findById(db, id);
    if (!agency) throw agencyNotFound();
    return agency;
  }

  async function agencyAncestors(id: string, q: Queryable = db): Promise<string[]> {
    const agency = await repo.findById(q, id);
    if (!agency) throw agencyNotFound();
    return repo.ancestors(q, id);
  }

  async function requireScope(principal: Principal, agencyId: string, q: Queryable = db): Promise<void> {
    const ancestors = await repo.ancestors(q, agencyId);
    if (!canActOn(principal, EDIT, agencyId, ancestors)) {
      throw forbidden('auth.out_of_scope', 'You may not edit this part of the organisation chart');
    }
  }

  async function rootAgency(): Promise<Agency> {
    const root = await repo.findByCode(db, ROOT_AGENCY_CODE);
    if (!root) throw notFound('catalog.agency_not_found', 'The organisation chart has not been seeded');
    return root;
  }

  /** Province-wide changes (imports, shared code lists, the whole calendar) need a grant on the root. */
  async function requireProvinceScope(principal: Principal, permission: string): Promise<void> {
    const root = await rootAgency();
    if (!canActOn(principal, permission, root.id, [])) {
      throw forbidden('auth.out_of_scope', `Permission ${permission} on the provincial People's Committee is required`);
    }
  }

  async function tree(): Promise<AgencyTreeNode[]> {
    const all = await repo.all(db);
    const children = new Map<string | null, Agency[]>();
    for (const a of all) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
    const out: AgencyTreeNode[] = [];
    const visit = (parentId: string | null, depth: number) => {
      for (const a of children.get(parentId) ?? []) {
        out.push({ ...a, depth });
        if (depth < 64) visit(a.id, depth + 1);
      }
    };
    visit(null, 0);
    return out;
  }

  async function createAgency(principal: Principal, input: NewAgency): Promise<Agency> {
    checkFields(input);
    if (input.kind === 'province') throw invalid('kind', 'There is one province at the root of the chart');
    return db.transaction(async (tx) => {
      await repo.lockChart(tx);
      const parent = await repo.findById(tx, input.parentId);
      if (!parent) throw invalid('parentId', 'The parent agency does not exist');
      await requireScope(principal, parent.id, tx);
      const row: AgencyInsert = {
        id: newId(),
        code: input.code,
        name: input.name.trim(),
        nameEn: input.nameEn?.trim() || null,
        kind: input.kind,
        parentId: parent.id,
        placeholder: input.placeholder ?? false,
        active: input.active ?? true,
        sortOrder: input.sortOrder ?? 0,
      };
      await repo.insertMany(tx, [row]).catch((err) => rethrowCodeTaken(err, input.code));
      return (await repo.findById(tx, row.id)) as Agency;
    });
  }

  async function updateAgency(principal: Principal, id: string, expectedVersion: number, patch: AgencyPatch): Promise<Agency> {
    checkFields(patch);
    return db.transaction(async (tx) => {
      await repo.lockChart(tx);
      const current = await repo.findById(tx, id);
      if (!current) throw agencyNotFound();
      await requireScope(principal, id, tx);
      if (patch.kind === 'province' && current.kind !== 'province') throw invalid('kind', 'There is one province at the root of the chart');
      if (patch.parentId !== undefined && patch.parentId !== current.parentId) {
        const parent = await repo.findById(tx, patch.parentId);
        if (!parent) throw invalid('parentId', 'The parent agency does not exist');
        const above = await repo.ancestors(tx, parent.id);
        if (parent.id === id || above.includes(id)) throw unprocessable('catalog.agency_cycle', 'An agency cannot be moved below itself');
        if (!canActOn(principal, EDIT, parent.id, above)) throw forbidden('auth.out_of_scope', 'You may not move agencies under that parent');
      }
      if (current.version !== expectedVersion) throw versionConflict(current.version);
      const updated = await repo.update(tx, id, expectedVersion, { ...patch, name: patch.name?.trim() }, current).catch((err) => rethrowCodeTaken(err, patch.code));
      if (!updated) throw versionConflict(current.version);
      return updated;
    });
  }

  async function importAgencies(principal: Principal, input: { csv?: string | undefined; rows?: AgencyImportRow[] | undefined }): Promise<AgencyImportResult> {
    await requireProvinceScope(principal, EDIT);
    if ((input.csv === undefined) === (input.rows === undefined)) throw badRequest('catalog.import_source', 'Send exactly one of csv or rows');
    const rows = input.csv !== undefined ? agencyRowsFromCsv(input.csv) : agencyRowsFromJson(input.rows ?? []);
    const errors = checkAgencyRows(rows);
    if (errors.length) throw importInvalid(errors);
    return db.transaction(async (tx) => {
      await repo.lockChart(tx);
      const plan = planImport(await repo.all(tx), rows);
      if (plan.errors.length) throw importInvalid(plan.errors);
      await repo.insertMany(tx, plan.inserts);
      for (const u of plan.updates) await repo.update(tx, u.current.id, u.current.version, u.patch, u.current);
      return { created: plan.inserts.length, updated: plan.updates.length, unchanged: rows.length - plan.inserts.length - plan.updates.length };
    });
  }

  async function exportAgencies(format: 'csv' | 'json'): Promise<string> {
    const all = (await tree()) as Agency[];
    const codeOf = new Map(all.map((a) => [a.id, a.code]));
    const rows = all.map((a) => ({
      code: a.code,
      name: a.name,
      nameEn: a.nameEn,
      kind: a.kind,
      parentCode: a.parentId ? (codeOf.get(a.parentId) ?? null) : null,
      placeholder: a.placeholder,
      active: a.active,
    }));
    return format === 'csv' ? writeCsv(EXPORT_COLUMNS, rows) : JSON.stringify(rows);
  }

  return {
    getAgency,
    findAgencyByCode: (code: string) => repo.findByCode(db, code),
    listAgencies: () => repo.all(db),
    listAgencyPage: async (query: AgencyListQuery): Promise<AgencyPage> => ({ ...(await repo.list(db, query)), limit: query.limit, offset: query.offset }),
    agencyAncestors: (id: string) => agencyAncestors(id),
    tree,
    rootAgency,
    requireProvinceScope,
    createAgency,
    updateAgency,
    importAgencies,
    exportAgencies,
  };
}

function versionConflict(currentVersion: number) {
  return conflict('catalog.version_conflict', 'The agency was changed by someone else; reload it and try again', { currentVersion });
}

function importInvalid(errors: ImportRowError[]) {
  return unprocessable('catalog.import_invalid', `${errors.length} row(s) of the import are invalid; nothing was written`, errors);
}

interface ImportPlan {
  inserts: AgencyInsert[];
  updates: { current: Agency; patch: AgencyPatch }[];
  errors: ImportRowError[];
}

/**
 * Matches each imported row to an existing agency (by code, then by `replacesCode`, then — for
 * seeded stand-ins — by identical name and kind), resolves parents by their final codes and
 * refuses cycles. Pure: the caller writes the plan only when it has no errors.
 */
export function planImport(existing: Agency[], rows: NumberedRow<AgencyImportRow>[]): ImportPlan {
  const errors: ImportRowError[] = [];
  const byCode = new Map(existing.map((a) => [a.code, a]));
  const placeholdersByName = new Map<string, Agency[]>();
  for (const a of existing.filter((x) => x.placeholder)) {
    const key = `${a.kind}|${foldVietnamese(a.name)}`;
    placeholdersByName.set(key, [...(placeholdersByName.get(key) ?? []), a]);
  }
  const targets = new Map<number, Agency | undefined>();
  const claimed = new Map<string, number>();
  for (const { row, value } of rows) {
    let target = byCode.get(value.code);
    if (value.replacesCode) {
      const replaced = byCode.get(value.replacesCode);
      if (!replaced) errors.push({ row, field: 'replacesCode', message: `no agency has the code ${value.replacesCode}` });
      else if (target && target.id !== replaced.id) errors.push({ row, field: 'code', message: `the code ${value.code} is already used by another agency` });
      else target = replaced;
    }
    if (!target) {
      const folded = placeholdersByName.get(`${value.kind}|${foldVietnamese(value.name)}`) ?? [];
      // Folding makes some real names collide (xã Tân Thành, xã Tân Thạnh): then only the exact name matches.
      const candidates = folded.length > 1 ? folded.filter((a) => a.name === value.name.trim()) : folded;
      if (candidates.length === 1) target = candidates[0];
    }
    if (target) {
      const other = claimed.get(target.id);
      if (other !== undefined) errors.push({ row, field: 'code', message: `row ${other} already updates the agency ${target.code}` });
      claimed.set(target.id, row);
    }
    targets.set(row, target);
  }
  // Final code → id, after renames, for existing and new agencies.
  const idOf = new Map<string, string>();
  const renamed = new Set<string>();
  for (const { row, value } of rows) {
    const t = targets.get(row);
    if (t && t.code !== value.code) renamed.add(t.code);
  }
  for (const a of existing) if (!renamed.has(a.code)) idOf.set(a.code, a.id);
  const newIds = new Map<number, string>();
  for (const { row, value } of rows) {
    const id = targets.get(row)?.id ?? newId();
    newIds.set(row, id);
    if (idOf.has(value.code) && idOf.get(value.code) !== id) errors.push({ row, field: 'code', message: `the code ${value.code} is already used by another agency` });
    idOf.set(value.code, id);
  }
  const parentOf = new Map(existing.map((a) => [a.id, a.parentId]));
  const inserts: AgencyInsert[] = [];
  const updates: ImportPlan['updates'] = [];
  for (const { row, value } of rows) {
    const id = newIds.get(row) as string;
    const target = targets.get(row);
    let parentId: string | null = null;
    if (value.parentCode) {
      const p = idOf.get(value.parentCode);
      if (!p) errors.push({ row, field: 'parentCode', message: `no agency has the code ${value.parentCode}` });
      else parentId = p;
    } else if (!(target && target.parentId === null)) {
      errors.push({ row, field: 'parentCode', message: 'parentCode is required (only the existing root has no parent)' });
    }
    if (value.kind === 'province' && parentId !== null) errors.push({ row, field: 'kind', message: 'only the root may be of kind province' });
    parentOf.set(id, parentId);
    const fields = {
      code: value.code,
      name: value.name,
      kind: value.kind as AgencyKind,
      parentId,
      placeholder: false,
      ...(value.nameEn !== undefined ? { nameEn: value.nameEn } : {}),
    };
    if (!target) {
      inserts.push({ id, nameEn: null, active: true, sortOrder: 0, ...fields, parentId });
    } else {
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== target[k]);
      if (changed.length) updates.push({ current: target, patch: Object.fromEntries(changed.map((k) => [k, fields[k]])) as AgencyPatch });
    }
  }
  for (const { row } of rows) {
    const seen = new Set<string>();
    let at: string | null | undefined = newIds.get(row);
    while (at) {
      if (seen.has(at)) {
        errors.push({ row, field: 'parentCode', message: 'the parent chain loops back on itself' });
        break;
      }
      seen.add(at);
      at = parentOf.get(at);
    }
  }
  return { inserts, updates, errors: errors.sort((a, b) => a.row - b.row) };
}
