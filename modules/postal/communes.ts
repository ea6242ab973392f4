import type { CatalogService } from '../catalog/index.ts';
import type { CommuneLookup } from './postal.service.ts';

/** The code list of the province and its 102 wards and communes (Resolution 1663/NQ-UBTVQH15), owned by the catalog. */
const UNITS = 'administrative-units';

/** A ward or commune of the province by its code in the shared catalogue, with its province's name. */
export function communesOfCatalog(catalog: Pick<CatalogService, 'readCodeList'>): CommuneLookup {
  return async (code) => {
    const read = await catalog.readCodeList(UNITS, { limit: 1000 });
    if (read.notModified) return undefined;
    const unit = read.items.find((item) => item.code === code && item.extra.level === 'commune');
    const province = unit && read.items.find((item) => item.code === unit.parentCode);
    return unit && province ? { name: unit.name, province: province.name } : undefined;
  };
}
