import { newId, type Db } from '../../packages/platform/index.ts';
import { agencyRepository, type AgencyInsert } from './agency.repository.ts';
import type { CodeListService } from './code-list.service.ts';
import { seedAgencies } from './seed/agencies.ts';
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
        const id = newId();
        ids.set(a.code, id);
        return {
          id,
          code: a.code,
          name: a.name,
          nameEn: a.nameEn,
          kind: a.kind,
          parentId: a.parentCode ? (ids.get(a.parentCode) ?? null) : null,
          placeholder: a.placeholder,
          active: true,
          sortOrder: i * 10,
        };
      });
      await agencyRepository.insertMany(tx, rows);
    });
  } else {
    await renameStandIns(db);
  }
  const lists = seedCodeLists();
  await codeLists.seedCodeLists(lists, SEED_EFFECTIVE_FROM);
  await codeLists.replaceStandIns(lists, SEED_EFFECTIVE_FROM, (name) => STAND_IN_NAME.test(name));
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
