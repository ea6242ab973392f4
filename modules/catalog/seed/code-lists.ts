/**
 * Reference data for the shared e-catalogues, loaded as version 1 of each code list. Sources:
 * ethnic groups — Decision 121-TCTK/PPCĐ (1979) of the General Statistics Office, in its official
 * order and codes; religions — the religions recognised by the Government Committee for
 * Religious Affairs; document types — Decree 30/2020/NĐ-CP art. 7 with its abbreviations;
 * nationalities — ISO 3166-1 alpha-2 with Vietnamese names (a subset, extendable).
 */
import { ROOT_AGENCY_CODE } from './agencies.ts';
import { communeCode, PROVINCE_UNIT_CODE, PROVINCE_UNIT_SOURCE, seedCommunes, unitName } from './communes.ts';

export interface SeedItem {
  code: string;
  name: string;
  nameEn?: string;
  parentCode?: string;
  extra?: Record<string, unknown>;
}

export interface SeedCodeList {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  extendable: boolean;
  items: SeedItem[];
}

/** Seeded versions take effect from this date so that reads of recent dates find them. */
export const SEED_EFFECTIVE_FROM = '2025-07-01';

const ethnicNames = [
  'Kinh', 'Tày', 'Thái', 'Hoa', 'Khơ-me', 'Mường', 'Nùng', 'HMông', 'Dao', 'Gia-rai',
  'Ngái', 'Ê-đê', 'Ba-na', 'Xơ-Đăng', 'Sán Chay', 'Cơ-ho', 'Chăm', 'Sán Dìu', 'Hrê', 'Mnông',
  'Ra-glai', 'Xtiêng', 'Bru-Vân Kiều', 'Thổ', 'Giáy', 'Cơ-tu', 'Gié-Triêng', 'Mạ', 'Khơ-mú', 'Co',
  'Tà-ôi', 'Chơ-ro', 'Kháng', 'Xinh-mun', 'Hà Nhì', 'Chu-ru', 'Lào', 'La Chí', 'La Ha', 'Phù Lá',
  'La Hủ', 'Lự', 'Lô Lô', 'Chứt', 'Mảng', 'Pà Thẻn', 'Cơ Lao', 'Cống', 'Bố Y', 'Si La',
  'Pu Péo', 'Brâu', 'Ơ Đu', 'Rơ-măm',
];

const religions: [string, string][] = [
  ['Không', 'None'],
  ['Phật giáo', 'Buddhism'],
  ['Công giáo', 'Catholicism'],
  ['Tin lành', 'Protestantism'],
  ['Cao Đài', 'Caodaism'],
  ['Phật giáo Hòa Hảo', 'Hoa Hao Buddhism'],
  ['Hồi giáo', 'Islam'],
  ['Tôn giáo Baha’i', "Bahá'í Faith"],
  ['Tịnh độ Cư sĩ Phật hội Việt Nam', 'Pure Land Buddhist Home Practice Association of Vietnam'],
  ['Cơ đốc Phục lâm Việt Nam', 'Seventh-day Adventist Church of Vietnam'],
  ['Phật giáo Tứ Ân Hiếu Nghĩa', 'Tu An Hieu Nghia Buddhism'],
  ['Minh Sư đạo', 'Minh Su Dao'],
  ['Minh Lý đạo - Tam Tông Miếu', 'Minh Ly Dao - Tam Tong Mieu'],
  ['Bà-la-môn giáo', 'Brahmanism'],
  ['Giáo hội Các Thánh hữu Ngày sau của Chúa Giê-su Ky-tô', 'The Church of Jesus Christ of Latter-day Saints'],
  ['Phật giáo Hiếu Nghĩa Tà Lơn', 'Hieu Nghia Ta Lon Buddhism'],
  ['Bửu Sơn Kỳ Hương', 'Buu Son Ky Huong'],
];

const nationalities: [string, string, string][] = [
  ['VN', 'Việt Nam', 'Viet Nam'], ['LA', 'Lào', "Lao People's Democratic Republic"], ['KH', 'Campuchia', 'Cambodia'],
  ['CN', 'Trung Quốc', 'China'], ['TH', 'Thái Lan', 'Thailand'], ['MY', 'Ma-lai-xi-a', 'Malaysia'],
  ['SG', 'Xinh-ga-po', 'Singapore'], ['ID', 'In-đô-nê-xi-a', 'Indonesia'], ['PH', 'Phi-líp-pin', 'Philippines'],
  ['MM', 'Mi-an-ma', 'Myanmar'], ['BN', 'Bru-nây', 'Brunei Darussalam'], ['TL', 'Đông Ti-mo', 'Timor-Leste'],
  ['JP', 'Nhật Bản', 'Japan'], ['KR', 'Hàn Quốc', 'Korea, Republic of'], ['KP', 'Triều Tiên', "Korea, Democratic People's Republic of"],
  ['TW', 'Đài Loan (Trung Quốc)', 'Taiwan, Province of China'], ['HK', 'Hồng Công (Trung Quốc)', 'Hong Kong'],
  ['MO', 'Ma Cao (Trung Quốc)', 'Macao'], ['MN', 'Mông Cổ', 'Mongolia'], ['IN', 'Ấn Độ', 'India'],
  ['PK', 'Pa-ki-xtan', 'Pakistan'], ['BD', 'Băng-la-đét', 'Bangladesh'], ['LK', 'Xri Lan-ca', 'Sri Lanka'],
  ['NP', 'Nê-pan', 'Nepal'], ['KZ', 'Ca-dắc-xtan', 'Kazakhstan'], ['US', 'Hoa Kỳ', 'United States of America'],
  ['CA', 'Ca-na-đa', 'Canada'], ['MX', 'Mê-hi-cô', 'Mexico'], ['BR', 'Bra-xin', 'Brazil'],
  ['AR', 'Ác-hen-ti-na', 'Argentina'], ['CL', 'Chi-lê', 'Chile'], ['CU', 'Cu-ba', 'Cuba'],
  ['GB', 'Vương quốc Anh', 'United Kingdom'], ['FR', 'Pháp', 'France'], ['DE', 'Đức', 'Germany'],
  ['IT', 'I-ta-li-a', 'Italy'], ['ES', 'Tây Ban Nha', 'Spain'], ['PT', 'Bồ Đào Nha', 'Portugal'],
  ['NL', 'Hà Lan', 'Netherlands'], ['BE', 'Bỉ', 'Belgium'], ['CH', 'Thụy Sĩ', 'Switzerland'],
  ['AT', 'Áo', 'Austria'], ['SE', 'Thụy Điển', 'Sweden'], ['NO', 'Na Uy', 'Norway'],
  ['DK', 'Đan Mạch', 'Denmark'], ['FI', 'Phần Lan', 'Finland'], ['IE', 'Ai-len', 'Ireland'],
  ['PL', 'Ba Lan', 'Poland'], ['CZ', 'Séc', 'Czechia'], ['HU', 'Hung-ga-ri', 'Hungary'],
  ['RO', 'Ru-ma-ni', 'Romania'], ['BG', 'Bun-ga-ri', 'Bulgaria'], ['GR', 'Hy Lạp', 'Greece'],
  ['RU', 'Liên bang Nga', 'Russian Federation'], ['UA', 'U-crai-na', 'Ukraine'], ['BY', 'Bê-la-rút', 'Belarus'],
  ['TR', 'Thổ Nhĩ Kỳ', 'Türkiye'], ['IL', 'I-xra-en', 'Israel'], ['SA', 'A-rập Xê-út', 'Saudi Arabia'],
  ['AE', 'Các Tiểu vương quốc A-rập Thống nhất', 'United Arab Emirates'], ['QA', 'Ca-ta', 'Qatar'],
  ['KW', 'Cô-oét', 'Kuwait'], ['IR', 'I-ran', 'Iran'], ['IQ', 'I-rắc', 'Iraq'], ['EG', 'Ai Cập', 'Egypt'],
  ['ZA', 'Nam Phi', 'South Africa'], ['NG', 'Ni-giê-ri-a', 'Nigeria'], ['MA', 'Ma-rốc', 'Morocco'],
  ['DZ', 'An-giê-ri', 'Algeria'], ['AU', 'Ô-xtrây-li-a', 'Australia'], ['NZ', 'Niu Di-lân', 'New Zealand'],
];

/** Procedure fields (lĩnh vực TTHC) and the department that usually owns them. */
const procedureFields: [string, string, string, string][] = [
  ['ho-tich', 'Hộ tịch', 'Civil status registration', 'Sở Tư pháp'],
  ['chung-thuc', 'Chứng thực', 'Certification', 'Sở Tư pháp'],
  ['ly-lich-tu-phap', 'Lý lịch tư pháp', 'Judicial records', 'Sở Tư pháp'],
  ['quoc-tich', 'Quốc tịch', 'Nationality', 'Sở Tư pháp'],
  ['nuoi-con-nuoi', 'Nuôi con nuôi', 'Adoption', 'Sở Tư pháp'],
  ['cong-chung', 'Công chứng', 'Notarisation', 'Sở Tư pháp'],
  ['dat-dai', 'Đất đai', 'Land', 'Sở Nông nghiệp và Môi trường'],
  ['moi-truong', 'Môi trường', 'Environment', 'Sở Nông nghiệp và Môi trường'],
  ['tai-nguyen-nuoc', 'Tài nguyên nước', 'Water resources', 'Sở Nông nghiệp và Môi trường'],
  ['trong-trot', 'Trồng trọt và bảo vệ thực vật', 'Crop production and plant protection', 'Sở Nông nghiệp và Môi trường'],
  ['thu-y', 'Thú y', 'Veterinary', 'Sở Nông nghiệp và Môi trường'],
  ['thuy-san', 'Thủy sản', 'Fisheries', 'Sở Nông nghiệp và Môi trường'],
  ['xay-dung', 'Hoạt động xây dựng', 'Construction', 'Sở Xây dựng'],
  ['duong-bo', 'Đường bộ', 'Road transport', 'Sở Xây dựng'],
  ['nha-o', 'Nhà ở và công sở', 'Housing', 'Sở Xây dựng'],
  ['dang-ky-kinh-doanh', 'Thành lập và hoạt động của doanh nghiệp', 'Business registration', 'Sở Tài chính'],
  ['ho-kinh-doanh', 'Thành lập và hoạt động của hộ kinh doanh', 'Household business registration', 'Sở Tài chính'],
  ['dau-tu', 'Đầu tư tại Việt Nam', 'Investment', 'Sở Tài chính'],
  ['an-toan-thuc-pham', 'An toàn thực phẩm', 'Food safety', 'Sở Y tế'],
  ['kham-chua-benh', 'Khám bệnh, chữa bệnh', 'Medical examination and treatment', 'Sở Y tế'],
  ['duoc-pham', 'Dược phẩm', 'Pharmaceuticals', 'Sở Y tế'],
  ['giao-duc', 'Giáo dục và Đào tạo', 'Education and training', 'Sở Giáo dục và Đào tạo'],
  ['lao-dong', 'Lao động, tiền lương', 'Labour and wages', 'Sở Nội vụ'],
  ['viec-lam', 'Việc làm', 'Employment', 'Sở Nội vụ'],
  ['nguoi-co-cong', 'Người có công', 'Persons with meritorious services', 'Sở Nội vụ'],
  ['bao-tro-xa-hoi', 'Bảo trợ xã hội', 'Social protection', 'Sở Y tế'],
  ['thi-dua-khen-thuong', 'Thi đua, khen thưởng', 'Emulation and commendation', 'Sở Nội vụ'],
  ['tin-nguong-ton-giao', 'Tín ngưỡng, tôn giáo', 'Beliefs and religion', 'Sở Nội vụ'],
  ['van-hoa', 'Văn hóa', 'Culture', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['du-lich', 'Du lịch', 'Tourism', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['the-duc-the-thao', 'Thể dục, thể thao', 'Sports', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['thuong-mai', 'Thương mại', 'Trade', 'Sở Công thương'],
  ['dien', 'Điện', 'Electricity', 'Sở Công thương'],
  ['hoa-chat', 'Hóa chất', 'Chemicals', 'Sở Công thương'],
  ['khoa-hoc-cong-nghe', 'Hoạt động khoa học và công nghệ', 'Science and technology', 'Sở Khoa học và Công nghệ'],
  ['vien-thong', 'Viễn thông và Internet', 'Telecommunications and the Internet', 'Sở Khoa học và Công nghệ'],
  ['tiep-cong-dan', 'Tiếp công dân, khiếu nại, tố cáo', 'Citizen reception, complaints and denunciations', 'Thanh tra tỉnh'],
];

/** Decree 30/2020/NĐ-CP art. 7: the 29 kinds of administrative document, plus licences (results). */
const documentTypes: [string, string, string][] = [
  ['NQ', 'Nghị quyết (cá biệt)', 'Resolution'], ['QĐ', 'Quyết định', 'Decision'], ['CT', 'Chỉ thị', 'Directive'],
  ['QC', 'Quy chế', 'Regulation'], ['QyĐ', 'Quy định', 'Rules'], ['TC', 'Thông cáo', 'Communiqué'],
  ['TB', 'Thông báo', 'Notice'], ['HD', 'Hướng dẫn', 'Guidance'], ['CTr', 'Chương trình', 'Programme'],
  ['KH', 'Kế hoạch', 'Plan'], ['PA', 'Phương án', 'Scheme'], ['ĐA', 'Đề án', 'Project proposal'],
  ['DA', 'Dự án', 'Project'], ['BC', 'Báo cáo', 'Report'], ['BB', 'Biên bản', 'Minutes'],
  ['TTr', 'Tờ trình', 'Submission'], ['HĐ', 'Hợp đồng', 'Contract'], ['CV', 'Công văn', 'Official letter'],
  ['CĐ', 'Công điện', 'Official dispatch'], ['BGN', 'Bản ghi nhớ', 'Memorandum of understanding'],
  ['BTT', 'Bản thỏa thuận', 'Agreement'], ['GUQ', 'Giấy ủy quyền', 'Power of attorney'], ['GM', 'Giấy mời', 'Invitation'],
  ['GGT', 'Giấy giới thiệu', 'Letter of introduction'], ['GNP', 'Giấy nghỉ phép', 'Leave permit'],
  ['PG', 'Phiếu gửi', 'Dispatch slip'], ['PC', 'Phiếu chuyển', 'Transfer slip'], ['PB', 'Phiếu báo', 'Notification slip'],
  ['TCg', 'Thư công', 'Public letter'], ['GP', 'Giấy phép', 'Licence'],
];

/** The province and its 102 commune-level units, each linked to its People's Committee on the chart. */
function administrativeUnits(): SeedItem[] {
  const items: SeedItem[] = [
    {
      code: PROVINCE_UNIT_CODE,
      name: 'Tỉnh Đồng Tháp',
      nameEn: 'Dong Thap Province',
      extra: { level: 'province', agencyCode: ROOT_AGENCY_CODE, source: PROVINCE_UNIT_SOURCE },
    },
  ];
  for (const c of seedCommunes()) {
    items.push({
      code: c.unitCode,
      name: unitName(c),
      parentCode: PROVINCE_UNIT_CODE,
      extra: {
        level: 'commune',
        type: c.type,
        agencyCode: communeCode(c.position),
        formedFrom: c.formedFrom,
        formerProvince: c.formerProvince,
        source: c.source,
      },
    });
  }
  return items;
}

export function seedCodeLists(): SeedCodeList[] {
  return [
    {
      code: 'administrative-units',
      name: 'Danh mục đơn vị hành chính',
      nameEn: 'Administrative units',
      description: 'Tỉnh Đồng Tháp và 102 đơn vị hành chính cấp xã (20 phường, 82 xã) theo Nghị quyết số 1663/NQ-UBTVQH15; mã theo Quyết định số 19/2025/QĐ-TTg; mỗi mục liên kết với cơ quan (extra.agencyCode).',
      extendable: false,
      items: administrativeUnits(),
    },
    {
      code: 'ethnic-groups',
      name: 'Danh mục các dân tộc Việt Nam',
      nameEn: 'Ethnic groups of Viet Nam',
      description: 'Theo Quyết định số 121-TCTK/PPCĐ ngày 02/3/1979 của Tổng cục Thống kê.',
      extendable: false,
      items: [
        ...ethnicNames.map((name, i) => ({ code: String(i + 1).padStart(2, '0'), name })),
        { code: '55', name: 'Người nước ngoài', nameEn: 'Foreigner', extra: { note: 'Không thuộc danh mục 54 dân tộc' } },
      ],
    },
    {
      code: 'nationalities',
      name: 'Danh mục quốc tịch',
      nameEn: 'Nationalities',
      description: 'Mã ISO 3166-1 alpha-2; danh mục có thể bổ sung.',
      extendable: true,
      items: nationalities.map(([code, name, nameEn]) => ({ code, name, nameEn })),
    },
    {
      code: 'religions',
      name: 'Danh mục tôn giáo',
      nameEn: 'Religions',
      description: 'Các tôn giáo được Nhà nước công nhận; mã do tỉnh đặt tạm, đối chiếu với danh mục của CSDLQG về dân cư.',
      extendable: true,
      items: religions.map(([name, nameEn], i) => ({ code: String(i).padStart(2, '0'), name, nameEn })),
    },
    {
      code: 'procedure-fields',
      name: 'Danh mục lĩnh vực thủ tục hành chính',
      nameEn: 'Administrative procedure fields',
      description: 'Lĩnh vực TTHC và cơ quan chủ trì thường gặp; mã do tỉnh đặt.',
      extendable: true,
      items: procedureFields.map(([code, name, nameEn, department]) => ({ code, name, nameEn, extra: { department } })),
    },
    {
      code: 'document-types',
      name: 'Danh mục loại văn bản',
      nameEn: 'Document types',
      description: 'Theo Nghị định số 30/2020/NĐ-CP (Điều 7 và Phụ lục III: chữ viết tắt).',
      extendable: true,
      items: documentTypes.map(([code, name, nameEn]) => ({ code, name, nameEn })),
    },
  ];
}
