/**
 * The procedure catalogue: procedures (as the national procedure database publishes them), the
 * agencies' offerings of them, e-forms and process definitions. createProcedureCatalog is what
 * the module's door hands out; it is also the dossier side's ProcedureSource.
 */
import { AppError, badRequest, conflict, newId, notFound, pgError, unprocessable, type Db, type Principal } from '../../../packages/platform/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import type { ProcedureSource } from '../dossier/dossier.deps.ts';
import { createFormService } from './form.service.ts';
import { createOfferingService, type AgencyDirectory } from './offering.service.ts';
import { offeringRepository } from './offering.repository.ts';
import { canonicalJson, exportRows, rowsFromCsv, rowsFromJson } from './procedure.import.ts';
import type { FieldIssue, ImportResult, ImportRowError, NewProcedure, Page, ProcedureFields, ProcedureImportRow, ProcedureListQuery, ProcedurePatch } from './procedure.inputs.ts';
import { procedureFor, requireEditor } from './procedure.policies.ts';
import { fieldsOf, procedureRepository as repo } from './procedure.repository.ts';
import type { OfferingContext, Procedure } from './procedure.types.ts';
import { checkProcedure, invalid, mergeProcedure, versionConflict } from './procedure.validation.ts';
import type { CatalogueCodes } from './form.validation.ts';
import { createProcessService } from '../process/process.service.ts';

/** The shared code list of procedure fields (lĩnh vực), seeded by the catalog module. */
export const FIELD_LIST = 'procedure-fields';

export type CatalogPort = AgencyDirectory & Pick<CatalogService, 'findAgencyByCode' | 'readCodeList'>;
export type ProcedureCatalog = ReturnType<typeof createProcedureCatalog>;

const procedureNotFound = () => notFound('tthc.procedure_not_found', 'No such procedure');

function rethrowCodeTaken(err: unknown, nationalCode: string): never {
  if (pgError(err).code === '23505') throw conflict('tthc.procedure_code_taken', `Another procedure already has the national code ${nationalCode}`);
  throw err;
}

/** The item codes of a shared code list's current version (e-form fields with `x-catalog`). */
export function catalogueCodesFrom(catalog: Pick<CatalogService, 'readCodeList'>): CatalogueCodes {
  return async (list) => {
    const read = await catalog.readCodeList(list, { limit: MAX_CATALOGUE_ITEMS }).catch(() => undefined);
    return read && !read.notModified ? new Set(read.items.map((i) => i.code)) : undefined;
  };
}
const MAX_CATALOGUE_ITEMS = 10_000;

export function createProcedureCatalog(db: Db, catalog: CatalogPort, catalogueCodes: CatalogueCodes = catalogueCodesFrom(catalog)) {
  const forms = createFormService(db, catalogueCodes);
  const processes = createProcessService(db);
  const offerings = createOfferingService(db, catalog, processes);

  /** Reference checks against the database, with look-ups cached for one create, update or import. */
  function referenceChecker() {
    let fieldCodes: Promise<Set<string> | undefined> | undefined;
    const formKeys = new Map<string, Promise<boolean>>();
    const knownFields = () =>
      (fieldCodes ??= catalog.readCodeList(FIELD_LIST, { limit: 1000 }).then(
        (view) => (view.notModified ? undefined : new Set(view.items.map((i) => i.code))),
        // Without the code list (a catalog not seeded yet) the field code is checked by its format only.
        (err: unknown) => {
          if (err instanceof AppError && err.status === 404) return undefined;
          throw err;
        },
      ));
    return async (p: ProcedureFields): Promise<FieldIssue[]> => {
      const issues: FieldIssue[] = [];
      const known = await knownFields();
      if (known && !known.has(p.fieldCode)) issues.push({ field: 'fieldCode', message: `${p.fieldCode} is not in the ${FIELD_LIST} code list` });
      for (const [i, part] of p.parts.entries()) {
        if (!part.formKey) continue;
        if (!formKeys.has(part.formKey)) formKeys.set(part.formKey, forms.formExists(part.formKey));
        if (!(await formKeys.get(part.formKey))) issues.push({ field: `parts[${i}].formKey`, message: `no e-form has the key ${part.formKey}` });
      }
      return issues;
    };
  }

  /** The checked procedure that `input` over `base` makes, or a 422 with every refused field. */
  async function checked(base: ProcedureFields | undefined, input: Record<string, unknown>): Promise<ProcedureFields> {
    const merged = mergeProcedure(base, input);
    const issues = checkProcedure(merged);
    if (issues.length === 0) issues.push(...(await referenceChecker()(merged as unknown as ProcedureFields)));
    if (issues.length > 0) throw invalid('tthc.procedure_invalid', issues);
    return merged as unknown as ProcedureFields;
  }

  async function get(id: string): Promise<Procedure> {
    const procedure = await repo.findById(db, id);
    if (!procedure) throw procedureNotFound();
    return procedure;
  }

  async function getByCode(nationalCode: string): Promise<Procedure> {
    const procedure = await repo.findByCode(db, nationalCode);
    if (!procedure) throw procedureNotFound();
    return procedure;
  }

  async function create(principal: Principal, input: NewProcedure): Promise<Procedure> {
    requireEditor(principal);
    const fields = await checked(undefined, { ...input });
    return repo.insert(db, newId(), fields).catch((err) => rethrowCodeTaken(err, fields.nationalCode));
  }

  async function update(principal: Principal, id: string, expectedVersion: number, patch: ProcedurePatch): Promise<Procedure> {
    requireEditor(principal);
    const current = await get(id);
    const fields = await checked(fieldsOf(current), { ...patch });
    if (current.version !== expectedVersion) throw versionConflict('procedure', current.version);
    const updated = await repo.update(db, id, expectedVersion, fields).catch((err) => rethrowCodeTaken(err, fields.nationalCode));
    if (!updated) throw versionConflict('procedure', (await repo.findById(db, id))?.version ?? current.version);
    return updated;
  }

  async function importProcedures(principal: Principal, input: { json?: ProcedureImportRow[] | undefined; csv?: string | undefined }): Promise<ImportResult> {
    requireEditor(principal);
    if ((input.json === undefined) === (input.csv === undefined)) throw badRequest('tthc.import_source', 'Send exactly one of json or csv');
    const { rows, errors } = input.csv !== undefined ? rowsFromCsv(input.csv) : { rows: rowsFromJson(input.json ?? []), errors: [] as ImportRowError[] };
    const references = referenceChecker();
    const planned: { row: number; fields: ProcedureFields }[] = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, value } of rows) {
      if (errors.some((e) => e.row === row)) continue; // unreadable cells: the row is reported already
      const merged = mergeProcedure(undefined, value);
      const issues = checkProcedure(merged);
      if (issues.length === 0) issues.push(...(await references(merged as unknown as ProcedureFields)));
      const code = String(merged.nationalCode);
      if (firstRowOf.has(code)) issues.push({ field: 'nationalCode', message: `${code} already appears on row ${firstRowOf.get(code)}` });
      else firstRowOf.set(code, row);
      errors.push(...issues.map((i) => ({ row, ...i })));
      if (issues.length === 0) planned.push({ row, fields: merged as unknown as ProcedureFields });
    }
    if (errors.length > 0) {
      throw unprocessable('tthc.import_invalid', `${errors.length} problem(s) in the import; nothing was written`, errors.sort((a, b) => a.row - b.row));
    }
    return db.transaction(async (tx) => {
      await repo.lockCatalogue(tx);
      const existing = new Map((await repo.all(tx)).map((p) => [p.nationalCode, p]));
      const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
      for (const { fields } of planned) {
        const current = existing.get(fields.nationalCode);
        if (!current) {
          await repo.insert(tx, newId(), fields);
          result.created++;
        } else if (canonicalJson(fieldsOf(current)) === canonicalJson(fields)) {
          result.unchanged++;
        } else {
          // A concurrent editor's save makes this stale: the whole import rolls back with a 409.
          if (!(await repo.update(tx, current.id, current.version, fields))) throw versionConflict('procedure', current.version);
          result.updated++;
        }
      }
      return result;
    });
  }

  async function offeringContext(offeringId: string): Promise<OfferingContext | undefined> {
    const offering = await offeringRepository.findById(db, offeringId);
    if (!offering) return undefined;
    const [procedure, process] = await Promise.all([repo.findById(db, offering.procedureId), processes.latestPublishedProcess(offering.processKey)]);
    return procedure && process ? { offering, procedure, process } : undefined;
  }

  const source: ProcedureSource = {
    offeringContext,
    processVersion: processes.processVersion,
    publishedForm: forms.publishedForm,
    catalogueCodes,
  };

  return {
    ...source,
    list: async (query: ProcedureListQuery): Promise<Page<Procedure>> => ({ ...(await repo.list(db, query)), limit: query.limit, offset: query.offset }),
    get,
    getByCode,
    create,
    update,
    /** Every procedure in the import format, as the caller may see it (verification markers for administrators only). */
    exportProcedures: async (format: 'json' | 'csv', principal?: Principal): Promise<string> =>
      exportRows((await repo.all(db)).map((p) => fieldsOf(principal ? procedureFor(principal, p) : p)), format),
    importProcedures,
    ...offerings,
    ...forms,
    ...processes,
  };
}
