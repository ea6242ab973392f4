import { newId, type Db } from '../../packages/platform/index.ts';
import { agencyRepository, type AgencyInsert } from './agency.repository.ts';
import type { CodeListService } from './code-list.service.ts';
import { seedAgencies } from './seed/agencies.ts';
import { SEED_EFFECTIVE_FROM, seedCodeLists } from './seed/code-lists.ts';

/**
 * Loads the reference data once. The chart is seeded only into an empty table — never again —
 * so that agencies renamed or recoded by an import do not reappear as stand-ins; code lists get
 * version 1 only while they have no version. Safe for replicas starting together: the chart
 * lock and the code-list row locks make the second seeder wait and then find the work done.
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
  }
  await codeLists.seedCodeLists(seedCodeLists(), SEED_EFFECTIVE_FROM);
}
