/**
 * Start-up seed of the procedure catalogue: e-forms and processes (published version 1), the
 * procedures, and their offerings. Safe at every start-up and for replicas starting together:
 * it inserts what is missing and never touches what is there, so editors' changes survive.
 */
import { foldVietnamese, newId, type Db } from '../../../packages/platform/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import { forms, processes } from '../db/schema.ts';
import { checkFormSchema } from '../catalogue/form.validation.ts';
import { offeringRepository, type OfferingInsert } from '../catalogue/offering.repository.ts';
import { procedureRepository } from '../catalogue/procedure.repository.ts';
import { insertVersionIfMissing } from '../catalogue/procedure.versions.ts';
import { validateProcessDefinition, type ProcessDefinition } from '../process/process.definition.ts';
import { CONDITIONAL_PROCESS, interAgencyProcess, SIMPLE_PROCESS } from '../process/process.samples.ts';
import { SEED_FORMS } from './forms.ts';
import { SEED_PROCEDURES, type SeedProcessKey } from './procedures.ts';

/** Communes that offer the seeded commune procedures (catalog seed codes). */
export const SEED_COMMUNES = ['TAM.H19.X001', 'TAM.H19.X002', 'TAM.H19.X003'];

/** The sample's step durations fit a 3-working-day inter-agency procedure. */
function withDurations(def: ProcessDefinition, days: Record<string, number>): ProcessDefinition {
  return { ...def, steps: def.steps.map((s) => ({ ...s, durationDays: days[s.id] ?? s.durationDays })) };
}

export const SEED_PROCESSES: { key: SeedProcessKey; name: string; definition: ProcessDefinition }[] = [
  { key: 'mot-cua-co-ban', name: 'Quy trình một cửa cơ bản: tiếp nhận, thẩm định, phê duyệt', definition: SIMPLE_PROCESS },
  { key: 'cap-phep-xay-dung', name: 'Quy trình cấp giấy phép xây dựng (thẩm định PCCC đối với nhà trên 7 tầng)', definition: CONDITIONAL_PROCESS },
  {
    key: 'lien-thong-khai-sinh',
    name: 'Quy trình liên thông khai sinh – đăng ký thường trú – cấp thẻ bảo hiểm y tế',
    // Công an tỉnh (T02) and Bảo hiểm xã hội tỉnh (T11) answer in parallel.
    definition: withDurations(interAgencyProcess(['TAM.H19.T02', 'TAM.H19.T11']), { tham_dinh: 1, lay_y_kien: 1, y_kien_1: 1, y_kien_2: 1, tong_hop: 0, phe_duyet: 1 }),
  },
];

export async function seedProcedureCatalog(db: Db, catalog: Pick<CatalogService, 'listAgencies'>): Promise<void> {
  const formRows = SEED_FORMS.map(({ key, draft }) => {
    const errors = checkFormSchema(draft.schema);
    if (errors.length > 0) throw new Error(`seed form ${key} is invalid: ${JSON.stringify(errors)}`);
    return { key, version: 1, status: 'published', ...draft };
  });
  const processRows = SEED_PROCESSES.map(({ key, name, definition }) => {
    const result = validateProcessDefinition(definition);
    if (!result.ok) throw new Error(`seed process ${key} is invalid: ${JSON.stringify(result.errors)}`);
    return { key, version: 1, status: 'published', name, definition: result.definition };
  });
  const agencies = new Map((await catalog.listAgencies()).map((a) => [a.code, a.id]));

  await db.transaction(async (tx) => {
    await procedureRepository.lockCatalogue(tx);
    for (const row of formRows) await insertVersionIfMissing(tx, forms, row);
    for (const row of processRows) await insertVersionIfMissing(tx, processes, row);

    // A seeded procedure is "there" under its code or, once an editor has corrected the code, under its name.
    const levelName = (level: string, name: string) => `${level}|${foldVietnamese(name)}`;
    const present = () => procedureRepository.all(tx).then((all) => ({ byCode: new Map(all.map((p) => [p.nationalCode, p.id])), byName: new Map(all.map((p) => [levelName(p.level, p.name), p.id])) }));
    const idOf = (index: { byCode: Map<string, string>; byName: Map<string, string> }, f: (typeof SEED_PROCEDURES)[number]['fields']) =>
      index.byCode.get(f.nationalCode) ?? index.byName.get(levelName(f.level, f.name));
    const before = await present();
    await procedureRepository.insertMissing(tx, SEED_PROCEDURES.filter((p) => !idOf(before, p.fields)).map((p) => ({ id: newId(), fields: p.fields })));

    const after = await present();
    const offerings: OfferingInsert[] = [];
    for (const p of SEED_PROCEDURES) {
      const procedureId = idOf(after, p.fields);
      // Agencies recoded by an import of the official list are not found by their provisional codes: skipped.
      const agencyIds = (p.agencyCode ? [p.agencyCode] : SEED_COMMUNES).map((code) => agencies.get(code)).filter((id) => id !== undefined);
      if (!procedureId) continue;
      for (const agencyId of agencyIds) {
        offerings.push({ id: newId(), procedureId, agencyId, deskAgencyId: agencyId, processKey: p.processKey, fees: null, codePattern: null, intakeCutoff: null, onlineEnabled: p.fields.methods.includes('online'), onlineFilingPortal: 'provincial', active: true });
      }
    }
    await offeringRepository.insertMissing(tx, offerings);
  });
}
