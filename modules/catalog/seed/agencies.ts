/**
 * The organisation chart of the framework (Hình 21, seed lines 5462–5499). Only the provincial
 * People's Committee's identifier code is known here (Đồng Tháp = H19 in the national scheme);
 * every other row carries a provisional `TAM.` code (tạm = provisional) and `placeholder: true`
 * until the official list of agency identifier codes is imported. The 102 communes carry their
 * real names (Resolution 1663/NQ-UBTVQH15, see communes.ts) with a provisional code.
 */
import type { AgencyKind } from '../agency.types.ts';
import { communeAgencyName, communeAgencyNameEn, communeCode, seedCommunes } from './communes.ts';

export interface SeedAgency {
  code: string;
  name: string;
  nameEn: string | null;
  kind: AgencyKind;
  parentCode: string | null;
  placeholder: boolean;
}

export const ROOT_AGENCY_CODE = '000.00.00.H19';

const departments: [string, string][] = [
  ['Sở Nội vụ', 'Department of Home Affairs'],
  ['Sở Tài chính', 'Department of Finance'],
  ['Sở Xây dựng', 'Department of Construction'],
  ['Sở Công thương', 'Department of Industry and Trade'],
  ['Sở Nông nghiệp và Môi trường', 'Department of Agriculture and Environment'],
  ['Sở Khoa học và Công nghệ', 'Department of Science and Technology'],
  ['Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism'],
  ['Sở Y tế', 'Department of Health'],
  ['Sở Tư pháp', 'Department of Justice'],
  ['Sở Giáo dục và Đào tạo', 'Department of Education and Training'],
  ['Văn phòng Ủy ban nhân dân tỉnh', "Office of the Provincial People's Committee"],
  ['Thanh tra tỉnh', 'Provincial Inspectorate'],
];

const centralAgencies: [string, string][] = [
  ['Bộ Chỉ huy Quân sự tỉnh', 'Provincial Military Command'],
  ['Công an tỉnh', 'Provincial Police'],
  ['Tòa án nhân dân tỉnh', "Provincial People's Court"],
  ['Viện Kiểm sát nhân dân tỉnh', "Provincial People's Procuracy"],
  ['Thi hành án dân sự tỉnh', 'Provincial Civil Judgment Enforcement'],
  ['Thuế tỉnh', 'Provincial Tax'],
  ['Kho bạc Nhà nước Khu vực XVIII', 'State Treasury, Region XVIII'],
  ['Ngân hàng Nhà nước Chi nhánh Khu vực 13', 'State Bank of Vietnam, Region 13 Branch'],
  ['Thống kê tỉnh', 'Provincial Statistics Office'],
  ['Chi cục Hải quan Khu vực XX', 'Customs Sub-department, Region XX'],
  ['Bảo hiểm xã hội tỉnh', 'Provincial Social Insurance'],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function seedAgencies(): SeedAgency[] {
  const rows: SeedAgency[] = [
    {
      code: ROOT_AGENCY_CODE,
      name: 'Ủy ban nhân dân tỉnh Đồng Tháp',
      nameEn: "Dong Thap Provincial People's Committee",
      kind: 'province',
      parentCode: null,
      placeholder: false,
    },
  ];
  departments.forEach(([name, nameEn], i) =>
    rows.push({ code: `TAM.H19.S${pad(i + 1, 2)}`, name, nameEn, kind: 'department', parentCode: ROOT_AGENCY_CODE, placeholder: true }),
  );
  rows.push({
    code: 'TAM.H19.B01',
    name: 'Ban Quản lý Khu kinh tế tỉnh Đồng Tháp',
    nameEn: 'Dong Thap Economic Zone Management Board',
    kind: 'board',
    parentCode: ROOT_AGENCY_CODE,
    placeholder: true,
  });
  centralAgencies.forEach(([name, nameEn], i) =>
    rows.push({ code: `TAM.H19.T${pad(i + 1, 2)}`, name, nameEn, kind: 'central', parentCode: ROOT_AGENCY_CODE, placeholder: true }),
  );
  for (const c of seedCommunes()) {
    rows.push({
      code: communeCode(c.position),
      name: communeAgencyName(c),
      nameEn: communeAgencyNameEn(c),
      kind: 'commune',
      parentCode: ROOT_AGENCY_CODE,
      // The name is official; the code is provisional until the official list is imported.
      placeholder: true,
    });
  }
  rows.push(...serviceCentres());
  return rows;
}

/** Provisional code of the provincial Public Administration Service Centre. */
export const PROVINCIAL_CENTRE_CODE = 'TAM.H19.TTPVHCC';
const communeCentreCode = (position: number) => `${communeCode(position)}.TTPVHCC`;

/** The service centres Decree 118/2025/NĐ-CP sets up, added to databases seeded before them. */
export const isServiceCentreCode = (code: string) => code.endsWith('TTPVHCC');

/**
 * Decree 118/2025/NĐ-CP: the provincial Public Administration Service Centre (under the
 * provincial People's Committee) and one centre under each commune's People's Committee receive
 * dossiers — for any procedure of the province, regardless of boundaries — and return results;
 * the People's Committee or department decides. Listed last so that the chart's earlier rows keep
 * their sort order in databases that get the centres by upgrade.
 */
function serviceCentres(): SeedAgency[] {
  const provincial: SeedAgency = {
    code: PROVINCIAL_CENTRE_CODE,
    name: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp',
    nameEn: 'Dong Thap Provincial Public Administration Service Centre',
    kind: 'service_centre',
    parentCode: ROOT_AGENCY_CODE,
    placeholder: true,
  };
  return [
    provincial,
    ...seedCommunes().map((c): SeedAgency => ({
      code: communeCentreCode(c.position),
      name: `Trung tâm Phục vụ hành chính công ${c.type} ${c.name}`,
      nameEn: `Public Administration Service Centre of ${c.name} ${c.type === 'xã' ? 'Commune' : 'Ward'}`,
      kind: 'service_centre',
      parentCode: communeCode(c.position),
      placeholder: true,
    })),
  ];
}
