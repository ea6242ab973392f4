import type { Db } from '../../../packages/platform/index.ts';
import { PROVINCIAL_CENTRE_CODE, type CatalogService } from '../../catalog/index.ts';
import { portalRepository, type ProcedureLink } from './portal.repository.ts';

export type { ProcedureLink } from './portal.repository.ts';

/** How many procedures the home page lists. */
export const POPULAR_COUNT = 6;

/** What the citizens' home page shows besides the search box and the look-up. */
export interface PortalHome {
  /** The procedures most filed, completed (on a young installation) by procedures filed online. */
  popular: ProcedureLink[];
  /** Who runs the portal: the provincial People's Committee and its Public Administration Service Centre. */
  owner: { name: string; nameEn: string | null };
  serviceCentre: { name: string; nameEn: string | null } | null;
  /** The help line, only when the operator configured it (SEN_HOTLINE). */
  hotline: string | null;
}

export interface PortalService {
  home(): Promise<PortalHome>;
}

export function createPortalService(db: Db, catalog: CatalogService, hotline: string | undefined): PortalService {
  return {
    async home() {
      const mostFiled = await portalRepository.mostFiled(db, POPULAR_COUNT);
      const more = mostFiled.length < POPULAR_COUNT ? await portalRepository.onlineFirst(db, POPULAR_COUNT - mostFiled.length, mostFiled.map((p) => p.id)) : [];
      const root = await catalog.rootAgency();
      const centre = await catalog.findAgencyByCode(PROVINCIAL_CENTRE_CODE);
      return {
        popular: [...mostFiled, ...more],
        owner: { name: root.name, nameEn: root.nameEn },
        serviceCentre: centre?.active ? { name: centre.name, nameEn: centre.nameEn } : null,
        hotline: hotline ?? null,
      };
    },
  };
}
