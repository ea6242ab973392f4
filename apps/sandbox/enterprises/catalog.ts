/**
 * What synthetic enterprises are made of: the VSIC 2018 industries common in the Mekong Delta
 * (Decision 27/2018/QĐ-TTg, level 4), the sectors that group them into plausible businesses,
 * the legal forms of the Law on Enterprises 2020 and the words Vietnamese trade names are built from.
 */

/** VSIC 2018 level-4 codes with their official Vietnamese names. */
export const VSIC_LINES: Readonly<Record<string, string>> = {
  '0111': 'Trồng lúa',
  '0118': 'Trồng rau, đậu các loại và trồng hoa',
  '0121': 'Trồng cây ăn quả',
  '0145': 'Chăn nuôi lợn và sản xuất giống lợn',
  '0146': 'Chăn nuôi gia cầm',
  '0161': 'Hoạt động dịch vụ trồng trọt',
  '0163': 'Hoạt động dịch vụ sau thu hoạch',
  '0322': 'Nuôi trồng thủy sản nội địa',
  '1020': 'Chế biến, bảo quản thủy sản và các sản phẩm từ thủy sản',
  '1030': 'Chế biến và bảo quản rau quả',
  '1061': 'Xay xát và sản xuất bột thô',
  '1075': 'Sản xuất món ăn, thức ăn chế biến sẵn',
  '1079': 'Sản xuất thực phẩm khác chưa được phân vào đâu',
  '1080': 'Sản xuất thức ăn gia súc, gia cầm và thủy sản',
  '1104': 'Sản xuất đồ uống không cồn, nước khoáng',
  '1610': 'Cưa, xẻ, bào gỗ và bảo quản gỗ',
  '2395': 'Sản xuất bê tông và các sản phẩm từ bê tông, xi măng và thạch cao',
  '3100': 'Sản xuất giường, tủ, bàn, ghế',
  '4101': 'Xây dựng nhà để ở',
  '4102': 'Xây dựng nhà không để ở',
  '4212': 'Xây dựng công trình đường bộ',
  '4321': 'Lắp đặt hệ thống điện',
  '4330': 'Hoàn thiện công trình xây dựng',
  '4520': 'Bảo dưỡng, sửa chữa ô tô và xe có động cơ khác',
  '4541': 'Bán mô tô, xe máy',
  '4542': 'Bảo dưỡng và sửa chữa mô tô, xe máy',
  '4610': 'Đại lý, môi giới, đấu giá hàng hóa',
  '4620': 'Bán buôn nông, lâm sản nguyên liệu (trừ gỗ, tre, nứa) và động vật sống',
  '4631': 'Bán buôn gạo, lúa mỳ, hạt ngũ cốc khác, bột mỳ',
  '4632': 'Bán buôn thực phẩm',
  '4633': 'Bán buôn đồ uống',
  '4649': 'Bán buôn đồ dùng khác cho gia đình',
  '4653': 'Bán buôn máy móc, thiết bị và phụ tùng máy nông nghiệp',
  '4661': 'Bán buôn nhiên liệu rắn, lỏng, khí và các sản phẩm liên quan',
  '4663': 'Bán buôn vật liệu, thiết bị lắp đặt khác trong xây dựng',
  '4669': 'Bán buôn chuyên doanh khác chưa được phân vào đâu',
  '4711': 'Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào chiếm tỷ trọng lớn trong các cửa hàng kinh doanh tổng hợp',
  '4730': 'Bán lẻ nhiên liệu động cơ trong các cửa hàng chuyên doanh',
  '4752': 'Bán lẻ đồ ngũ kim, sơn, kính và thiết bị lắp đặt khác trong xây dựng trong các cửa hàng chuyên doanh',
  '4772': 'Bán lẻ thuốc, dụng cụ y tế, mỹ phẩm và vật phẩm vệ sinh trong các cửa hàng chuyên doanh',
  '4932': 'Vận tải hành khách đường bộ khác',
  '4933': 'Vận tải hàng hóa bằng đường bộ',
  '5022': 'Vận tải hàng hóa đường thủy nội địa',
  '5210': 'Kho bãi và lưu giữ hàng hóa',
  '5510': 'Dịch vụ lưu trú ngắn ngày',
  '5610': 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động',
  '5630': 'Dịch vụ phục vụ đồ uống',
  '6810': 'Kinh doanh bất động sản, quyền sử dụng đất thuộc chủ sở hữu, chủ sử dụng hoặc đi thuê',
  '7110': 'Hoạt động kiến trúc và tư vấn kỹ thuật có liên quan',
  '7912': 'Điều hành tua du lịch',
};

/**
 * A kind of business: its name word ("Thủy sản"), the industries it registers as main line and
 * those it usually adds (enterprises register several lines, one of them main).
 */
export interface Sector {
  phrase: string;
  english: string;
  main: readonly string[];
  extra: readonly string[];
  weight: number;
  /** Where a site of its own is usual: the name given to its business locations. */
  site: string;
}

export const SECTORS: readonly Sector[] = [
  { phrase: 'Thủy sản', english: 'SEAFOOD', main: ['1020', '0322'], extra: ['1080', '4620', '4632', '5210'], weight: 8, site: 'Trại nuôi' },
  { phrase: 'Lương thực', english: 'FOOD', main: ['1061', '4631'], extra: ['0163', '4620', '5022', '5210'], weight: 9, site: 'Nhà máy xay xát' },
  { phrase: 'Nông sản', english: 'AGRICULTURAL PRODUCTS', main: ['4620', '1030', '0121'], extra: ['0161', '4632', '5210', '4933'], weight: 9, site: 'Kho hàng' },
  { phrase: 'Vật tư Nông nghiệp', english: 'AGRICULTURAL SUPPLIES', main: ['4669', '4653'], extra: ['4620', '0161', '4610'], weight: 7, site: 'Cửa hàng vật tư nông nghiệp' },
  { phrase: 'Xây dựng', english: 'CONSTRUCTION', main: ['4101', '4102', '4212'], extra: ['4330', '4321', '4663', '7110'], weight: 12, site: 'Văn phòng công trình' },
  { phrase: 'Vật liệu Xây dựng', english: 'BUILDING MATERIALS', main: ['4663', '4752', '2395'], extra: ['4933', '4101', '4330'], weight: 9, site: 'Cửa hàng vật liệu xây dựng' },
  { phrase: 'Vận tải', english: 'TRANSPORT', main: ['4933', '5022', '4932'], extra: ['5210', '4520', '4730'], weight: 7, site: 'Bến bãi' },
  { phrase: 'Xăng dầu', english: 'PETROLEUM', main: ['4730', '4661'], extra: ['4933', '5022'], weight: 5, site: 'Cửa hàng xăng dầu' },
  { phrase: 'Ẩm thực', english: 'CUISINE', main: ['5610', '5630'], extra: ['1075', '5510'], weight: 6, site: 'Nhà hàng' },
  { phrase: 'Thực phẩm', english: 'FOODSTUFF', main: ['1079', '1075', '4632'], extra: ['4711', '4633', '1104'], weight: 6, site: 'Cơ sở sản xuất' },
  { phrase: 'Chăn nuôi', english: 'LIVESTOCK', main: ['0146', '0145'], extra: ['1080', '4620'], weight: 4, site: 'Trại chăn nuôi' },
  { phrase: 'Hoa kiểng', english: 'FLOWERS', main: ['0118'], extra: ['4620', '0161', '7912'], weight: 2, site: 'Vườn hoa kiểng' },
  { phrase: 'Du lịch', english: 'TOURISM', main: ['7912', '5510'], extra: ['5610', '4932'], weight: 3, site: 'Điểm du lịch' },
  { phrase: 'Ô tô', english: 'AUTOMOBILE', main: ['4520', '4541', '4542'], extra: ['4933', '4610'], weight: 3, site: 'Xưởng dịch vụ' },
  { phrase: 'Nội thất', english: 'FURNITURE', main: ['3100', '1610'], extra: ['4649', '4330'], weight: 3, site: 'Xưởng sản xuất' },
  { phrase: 'Dược phẩm', english: 'PHARMACEUTICAL', main: ['4772'], extra: ['4649'], weight: 2, site: 'Nhà thuốc' },
  { phrase: 'Bất động sản', english: 'REAL ESTATE', main: ['6810'], extra: ['4101', '7110', '4102'], weight: 3, site: 'Sàn giao dịch' },
  { phrase: 'Tạp hóa', english: 'GROCERY', main: ['4711'], extra: ['4632', '4633', '4649'], weight: 4, site: 'Cửa hàng' },
  { phrase: 'Trồng trọt', english: 'FARMING', main: ['0111', '0121'], extra: ['0161', '0163', '4620'], weight: 3, site: 'Cánh đồng' },
];

/** Words many names put before the sector, with their usual English rendering. */
export const TRADE_PREFIXES: readonly (readonly [readonly [string, string], number])[] = [
  [['', ''], 30], [['Thương mại', 'TRADING'], 20], [['Thương mại Dịch vụ', 'TRADING SERVICE'], 20],
  [['Sản xuất Thương mại', 'PRODUCTION TRADING'], 10], [['Đầu tư', 'INVESTMENT'], 6],
  [['Xuất nhập khẩu', 'IMPORT EXPORT'], 6], [['Sản xuất Thương mại Dịch vụ', 'PRODUCTION TRADING SERVICE'], 8],
];

/** Distinctive parts of trade names: wishes of prosperity and local place names. */
export const PROPER_NAMES: readonly string[] = [
  'Phú Hưng', 'Kim Ngân', 'Thành Đạt', 'Tân Phát', 'Hưng Thịnh', 'Minh Phát', 'Phát Đạt', 'Vạn Lợi', 'Thuận Phát',
  'Hoàng Long', 'Thiên Phúc', 'An Khang', 'Phúc Lộc', 'Tấn Lộc', 'Hồng Phát', 'Đại Thành', 'Thịnh Vượng',
  'Thanh Tâm', 'Hải Đăng', 'Nam Phong', 'Vĩnh Phát', 'Toàn Thắng', 'Quốc Việt', 'Mỹ Hạnh', 'Hòa Bình',
  'Trường Thịnh', 'Bảo Ngọc', 'Kim Long', 'Sen Hồng', 'Ngọc Trâm', 'Phương Nam', 'Đông Á', 'Hiệp Thành',
  'Tân Thành', 'Lộc Phát', 'Thanh Bình', 'Gia Huy', 'Minh Khang', 'Nhật Minh', 'Vĩnh Hưng', 'Tường An',
  'Sa Đéc', 'Cao Lãnh', 'Tháp Mười', 'Hồng Ngự', 'Lai Vung', 'Lấp Vò', 'Mỹ Tho', 'Gò Công', 'Cái Bè',
  'Cai Lậy', 'Chợ Gạo', 'Đồng Tháp', 'Tiền Giang', 'Cửu Long', 'Đồng Sen', 'Tràm Chim', 'Mỹ An', 'Phú Thọ',
];

export type EnterpriseType = 'one_member_llc' | 'multi_member_llc' | 'joint_stock' | 'private' | 'partnership';

export interface EnterpriseForm {
  type: EnterpriseType;
  /** Official name of the form (loại hình doanh nghiệp). */
  typeName: string;
  /** How the form opens the enterprise's name. */
  namePrefix: string;
  /** English form and its abbreviation for international and short names; null when unusual. */
  english: readonly [string, string] | null;
  /** Share of enterprises of this form, roughly the Mekong Delta's. */
  weight: number;
  /** Charter (or, for a private enterprise, invested) capital range in millions of VND, drawn log-uniformly. */
  capitalMillions: readonly [number, number];
  titles: readonly (readonly [string, number])[];
}

export const ENTERPRISE_FORMS: readonly EnterpriseForm[] = [
  {
    type: 'one_member_llc', typeName: 'Công ty trách nhiệm hữu hạn một thành viên', namePrefix: 'Công ty TNHH',
    english: ['COMPANY LIMITED', 'CO., LTD'], weight: 46, capitalMillions: [200, 20_000],
    titles: [['Giám đốc', 85], ['Chủ tịch công ty', 15]],
  },
  {
    type: 'multi_member_llc', typeName: 'Công ty trách nhiệm hữu hạn hai thành viên trở lên', namePrefix: 'Công ty TNHH',
    english: ['COMPANY LIMITED', 'CO., LTD'], weight: 22, capitalMillions: [500, 50_000],
    titles: [['Giám đốc', 75], ['Chủ tịch Hội đồng thành viên', 25]],
  },
  {
    type: 'joint_stock', typeName: 'Công ty cổ phần', namePrefix: 'Công ty Cổ phần',
    english: ['JOINT STOCK COMPANY', 'JSC'], weight: 13, capitalMillions: [2_000, 300_000],
    titles: [['Tổng Giám đốc', 35], ['Giám đốc', 45], ['Chủ tịch Hội đồng quản trị', 20]],
  },
  {
    type: 'private', typeName: 'Doanh nghiệp tư nhân', namePrefix: 'Doanh nghiệp tư nhân',
    english: null, weight: 18, capitalMillions: [100, 5_000],
    titles: [['Chủ doanh nghiệp', 1]],
  },
  {
    type: 'partnership', typeName: 'Công ty hợp danh', namePrefix: 'Công ty Hợp danh',
    english: ['PARTNERSHIP COMPANY', 'PARTNERSHIP'], weight: 1, capitalMillions: [500, 5_000],
    titles: [['Chủ tịch Hội đồng thành viên', 60], ['Giám đốc', 40]],
  },
];

export type EnterpriseStatus = 'active' | 'suspended' | 'dissolved';

/** Registry wording of each status (tình trạng hoạt động) and its share. */
export const STATUSES: readonly (readonly [readonly [EnterpriseStatus, string], number])[] = [
  [['active', 'Đang hoạt động'], 88], [['suspended', 'Tạm ngừng kinh doanh có thời hạn'], 7], [['dissolved', 'Đã giải thể'], 5],
];

/** Landline area codes by pre-merger province (0277 Đồng Tháp, 0273 Tiền Giang). */
export const AREA_CODES = { 'Đồng Tháp': '0277', 'Tiền Giang': '0273' } as const;
