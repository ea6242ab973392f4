/**
 * Start-up seed of the procedure catalogue: e-forms and processes (published version 1), the
 * procedures, and their offerings. Safe at every start-up and for replicas starting together:
 * it inserts what is missing and never touches what is there, so editors' changes survive.
 */
import { foldVietnamese, newId, type Db, type Tx } from '../../../packages/platform/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import { forms, processes } from '../db/schema.ts';
import { checkFormSchema } from '../catalogue/form.validation.ts';
import { offeringRepository, type OfferingInsert } from '../catalogue/offering.repository.ts';
import { fieldsOf, procedureRepository } from '../catalogue/procedure.repository.ts';
import { insertVersionIfMissing } from '../catalogue/procedure.versions.ts';
import { validateProcessDefinition, type ProcessDefinition } from '../process/process.definition.ts';
import { CONDITIONAL_PROCESS, interAgencyProcess, SIMPLE_PROCESS } from '../process/process.samples.ts';
import { SEED_FORMS } from './forms.ts';
import { SEED_PROCEDURES, type SeedProcessKey } from './procedures.ts';
import { COMBINED_JUDICIAL_RECORD_NAME } from './civil-procedures.ts';

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
  const formRows = SEED_FORMS.map(({ key, version, draft }) => {
    const errors = checkFormSchema(draft.schema);
    if (errors.length > 0) throw new Error(`seed form ${key} is invalid: ${JSON.stringify(errors)}`);
    return { key, version: version ?? 1, status: 'published', ...draft };
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
    await upgradeSeededProcedures(tx);
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

/**
 * Upgrades of databases seeded by earlier versions, only on records nobody has edited (version 1):
 * the one combined judicial-record procedure becomes certificate no. 1 under the same id and code
 * (its offerings and dossiers stay attached; no. 2 is inserted as a new procedure), seeded
 * procedures without a verification record get the seed's, and a part the seed now fills with an
 * e-form (`formKey`) gets it where it has none.
 */
async function upgradeSeededProcedures(tx: Tx): Promise<void> {
  const seeds = new Map(SEED_PROCEDURES.map((p) => [p.fields.nationalCode, p.fields]));
  for (const current of await procedureRepository.all(tx)) {
    const seed = seeds.get(current.nationalCode);
    if (!seed || current.version !== 1) continue;
    const fields = fieldsOf(current);
    if (current.name === COMBINED_JUDICIAL_RECORD_NAME) {
      await procedureRepository.update(tx, current.id, current.version, { ...fields, name: seed.name, resultType: seed.resultType, parts: seed.parts, verification: seed.verification });
      continue;
    }
    // One update for both (an update makes the record version 2, which later starts leave alone).
    const formOf = (code: string) => seed.parts.find((s) => s.code === code)?.formKey;
    const addsForms = current.parts.some((part) => !part.formKey && formOf(part.code));
    const addsVerification = current.verification === null && seed.verification !== null;
    if (!addsForms && !addsVerification) continue;
    await procedureRepository.update(tx, current.id, current.version, {
      ...fields,
      ...(addsVerification ? { verification: seed.verification } : {}),
      parts: current.parts.map((part) => (!part.formKey && formOf(part.code) ? { ...part, formKey: formOf(part.code) } : part)),
    });
  }
}
