/**
 * The 102 commune-level units of Đồng Tháp from 01/07/2025 (Resolution 1663/NQ-UBTVQH15:
 * 20 wards, 82 communes) with their administrative-unit codes (Decision 19/2025/QĐ-TTg).
 * The data lives in `communes-2025.csv` beside this file, one source per row; how sure each
 * column is, is written in `communes-2025.md`. The official agency identifier codes (mã định
 * danh điện tử) of the new communes are not known here, so each commune's People's Committee
 * keeps a provisional `TAM.` code that only administrators see (docs/decisions/0017).
 */
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../../../packages/platform/index.ts';

export interface SeedCommune {
  /** 1-based position in the resolution (clause of Article 1). */
  position: number;
  type: 'xã' | 'phường';
  /** The unit's name without its type word, e.g. "Tân Hồng". */
  name: string;
  /** 5-digit administrative-unit code. */
  unitCode: string;
  formedFrom: string[];
  formerProvince: string;
  source: string;
}

/** Đồng Tháp's province code in the national list of administrative units since 01/07/2025. */
export const PROVINCE_UNIT_CODE = '82';
export const PROVINCE_UNIT_SOURCE = '19/2025/QĐ-TTg';

let cached: readonly SeedCommune[] | undefined;

export function seedCommunes(): readonly SeedCommune[] {
  if (cached) return cached;
  const text = readFileSync(new URL('./communes-2025.csv', import.meta.url), 'utf8');
  const { records } = parseCsvRecords(text);
  const communes = Object.freeze(
    records.map(({ values, line }, i): SeedCommune => {
      const type = values['type'];
      if (type !== 'xã' && type !== 'phường') throw new Error(`communes-2025.csv line ${line}: unknown type ${type}`);
      if (!/^\d{5}$/.test(values['code'] ?? '')) throw new Error(`communes-2025.csv line ${line}: code must have 5 digits`);
      return {
        position: i + 1,
        type,
        name: values['name']!.trim(),
        unitCode: values['code']!,
        formedFrom: values['formed_from']!.split(';').map((s) => s.trim()).filter(Boolean),
        formerProvince: values['former_province']!,
        source: values['source']!,
      };
    }),
  );
  cached = communes;
  return communes;
}

/** "Xã Tân Hồng", "Phường Cao Lãnh". */
export const unitName = (c: SeedCommune) => `${c.type === 'xã' ? 'Xã' : 'Phường'} ${c.name}`;

/** "UBND xã Tân Hồng", as agencies are named on the chart and on papers. */
export const communeAgencyName = (c: SeedCommune) => `UBND ${c.type} ${c.name}`;

export const communeAgencyNameEn = (c: SeedCommune) => `People's Committee of ${c.name} ${c.type === 'xã' ? 'Commune' : 'Ward'}`;

/**
 * Provisional agency identifier code of the n-th commune (`TAM.H19.X001`…, by position in the
 * resolution). Kept from the earlier release so rows and tests keyed on it stay valid.
 */
export const communeCode = (position: number) => `TAM.H19.X${String(position).padStart(3, '0')}`;

/** Names the first release seeded; a row still carrying one is renamed at start-up. */
export const STAND_IN_NAME = /chưa có tên chính thức|số 0\d\d/i;
