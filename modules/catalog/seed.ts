import { newId, type Db } from '../../packages/platform/index.ts';
import { agencyRepository, type AgencyInsert } from './agency.repository.ts';
import type { CodeListService } from './code-list.service.ts';
import { isServiceCentreCode, seedAgencies, type SeedAgency } from './seed/agencies.ts';
import type { Agency } from './agency.types.ts';
import { SEED_EFFECTIVE_FROM, seedCodeLists } from './seed/code-lists.ts';
import { STAND_IN_NAME } from './seed/communes.ts';

/**
 * Loads the reference data once. The chart is seeded only into an empty table — never again —
 * so that agencies renamed or recoded by an import do not reappear as stand-ins; code lists get
 * version 1 only while they have no version. Safe for replicas starting together: the chart
 * lock and the code-list row locks make the second seeder wait and then find the work done.
 *
 * Upgrades: rows an earlier release seeded with a stand-in name ("… (chưa có tên chính thức)")
 * get their real name on the next start, keeping their id (dossiers point at it) and code;
 * a code list whose version in force still holds stand-ins gets the seed as a new version.
 */
export async function seedCatalog(db: Db, codeLists: CodeListService): Promise<void> {
  if ((await agencyRepository.count(db)) === 0) {
    await db.transaction(async (tx) => {
      await agencyRepository.lockChart(tx);
      if ((await agencyRepository.count(tx)) > 0) return;
      const ids = new Map<string, string>();
      const rows: AgencyInsert[] = seedAgencies().map((a, i) => {
        const row = toInsert(a, i, a.parentCode ? (ids.get(a.parentCode) ?? null) : null);
        ids.set(a.code, row.id);
        return row;
      });
      await agencyRepository.insertMany(tx, rows);
    });
  } else {
    await renameStandIns(db);
    await addServiceCentres(db);
  }
  const lists = seedCodeLists();
  await codeLists.seedCodeLists(lists, SEED_EFFECTIVE_FROM);
  await codeLists.replaceStandIns(lists, SEED_EFFECTIVE_FROM, (name) => STAND_IN_NAME.test(name));
}

const toInsert = (a: SeedAgency, index: number, parentId: string | null): AgencyInsert => ({
  id: newId(),
  code: a.code,
  name: a.name,
  nameEn: a.nameEn,
  kind: a.kind,
  parentId,
  placeholder: a.placeholder,
  active: true,
  sortOrder: index * 10,
});

/**
 * Adds the service centres (Decree 118/2025/NĐ-CP) to a chart seeded before them, each under its
 * People's Committee found by code or, if an import recoded it, by name. A centre already there
 * under its code or its name is not added again; one whose parent is gone is left to the administrators.
 */
async function addServiceCentres(db: Db): Promise<void> {
  const seeds = seedAgencies();
  const wanted = seeds.map((a, i) => ({ a, i })).filter(({ a }) => isServiceCentreCode(a.code));
  const present = (rows: Agency[], a: SeedAgency) => rows.some((r) => r.code === a.code || (r.kind === a.kind && r.name === a.name));
  const before = await agencyRepository.all(db);
  if (wanted.every(({ a }) => present(before, a))) return;
  await db.transaction(async (tx) => {
    await agencyRepository.lockChart(tx);
    const all = await agencyRepository.all(tx);
    const byCode = new Map(all.map((r) => [r.code, r.id]));
    const byName = new Map(all.map((r) => [r.name, r.id]));
    const seedName = new Map(seeds.map((s) => [s.code, s.name]));
    const rows: AgencyInsert[] = [];
    for (const { a, i } of wanted) {
      if (present(all, a) || !a.parentCode) continue;
      const parentId = byCode.get(a.parentCode) ?? byName.get(seedName.get(a.parentCode) ?? '');
      if (parentId) rows.push(toInsert(a, i, parentId));
    }
    await agencyRepository.insertMany(tx, rows);
  });
}

/** Gives the seeded rows that still carry a stand-in name their real name; a row an administrator renamed is left alone. */
async function renameStandIns(db: Db): Promise<void> {
  const isStale = (name: string) => STAND_IN_NAME.test(name);
  if (!(await agencyRepository.all(db)).some((a) => isStale(a.name))) return;
  await db.transaction(async (tx) => {
    await agencyRepository.lockChart(tx);
    const byCode = new Map((await agencyRepository.all(tx)).map((a) => [a.code, a]));
    for (const seed of seedAgencies()) {
      const current = byCode.get(seed.code);
      if (!current || !isStale(current.name)) continue;
      await agencyRepository.update(tx, current.id, current.version, { name: seed.name, nameEn: seed.nameEn }, current);
    }
  });
}
