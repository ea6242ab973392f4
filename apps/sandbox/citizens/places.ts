import { BIRTH_PROVINCES } from './personal-id.ts';
import type { Random } from './random.ts';

/**
 * Places of the merged Đồng Tháp province (two-level government since 1 July 2025; it
 * includes the former Tiền Giang). Ward and commune names are real; house numbers, streets
 * and hamlets are drawn from common local names and are not checked against the cadastre.
 */
export const PROVINCE_NAME = 'Tỉnh Đồng Tháp';

export interface Commune {
  name: string;
  kind: 'ward' | 'commune';
  /** Pre-merger province, which decides local habits such as "Khóm" versus "Khu phố". */
  formerProvince: 'Đồng Tháp' | 'Tiền Giang';
  /** Rough relative population, used as a drawing weight. */
  weight: number;
}

const ward = (name: string, formerProvince: Commune['formerProvince'], weight = 3): Commune => ({ name: `Phường ${name}`, kind: 'ward', formerProvince, weight });
const commune = (name: string, formerProvince: Commune['formerProvince'], weight = 2): Commune => ({ name: `Xã ${name}`, kind: 'commune', formerProvince, weight });

export const COMMUNES: readonly Commune[] = [
  ward('Cao Lãnh', 'Đồng Tháp', 6), ward('Mỹ Ngãi', 'Đồng Tháp'), ward('Mỹ Trà', 'Đồng Tháp'),
  ward('Sa Đéc', 'Đồng Tháp', 5), ward('Hồng Ngự', 'Đồng Tháp', 4), ward('An Bình', 'Đồng Tháp'),
  ward('Thường Lạc', 'Đồng Tháp'), ward('Mỹ Tho', 'Tiền Giang', 6), ward('Đạo Thạnh', 'Tiền Giang'),
  ward('Mỹ Phong', 'Tiền Giang'), ward('Thới Sơn', 'Tiền Giang'), ward('Trung An', 'Tiền Giang'),
  ward('Gò Công', 'Tiền Giang', 4), ward('Long Thuận', 'Tiền Giang'), ward('Sơn Qui', 'Tiền Giang'),
  ward('Bình Xuân', 'Tiền Giang'), ward('Cai Lậy', 'Tiền Giang', 4), ward('Nhị Quý', 'Tiền Giang'),
  ward('Thanh Hòa', 'Tiền Giang'), ward('Mỹ Phước Tây', 'Tiền Giang'),
  commune('Tân Hồng', 'Đồng Tháp'), commune('Tân Hộ Cơ', 'Đồng Tháp'), commune('Tân Thành', 'Đồng Tháp'),
  commune('An Phước', 'Đồng Tháp'), commune('Thường Phước', 'Đồng Tháp'), commune('Long Khánh', 'Đồng Tháp'),
  commune('Tam Nông', 'Đồng Tháp'), commune('Tràm Chim', 'Đồng Tháp'), commune('An Hòa', 'Đồng Tháp'),
  commune('Phú Thọ', 'Đồng Tháp'), commune('An Long', 'Đồng Tháp'), commune('Thanh Bình', 'Đồng Tháp'),
  commune('Tân Long', 'Đồng Tháp'), commune('Bình Thành', 'Đồng Tháp'), commune('Tháp Mười', 'Đồng Tháp', 3),
  commune('Mỹ Quí', 'Đồng Tháp'), commune('Trường Xuân', 'Đồng Tháp'), commune('Phương Thịnh', 'Đồng Tháp'),
  commune('Mỹ Thọ', 'Đồng Tháp'), commune('Mỹ Hiệp', 'Đồng Tháp'), commune('Lấp Vò', 'Đồng Tháp', 3),
  commune('Lai Vung', 'Đồng Tháp', 3), commune('Tân Dương', 'Đồng Tháp'), commune('Phú Hựu', 'Đồng Tháp'),
  commune('Tân Nhuận Đông', 'Đồng Tháp'), commune('Cái Bè', 'Tiền Giang', 3), commune('Hậu Mỹ', 'Tiền Giang'),
  commune('Chợ Gạo', 'Tiền Giang', 3), commune('Gia Thuận', 'Tiền Giang'), commune('Tân Phú Đông', 'Tiền Giang'),
];

const STREETS = ['Nguyễn Huệ', 'Lý Thường Kiệt', 'Hùng Vương', '30 Tháng 4', 'Trần Hưng Đạo', 'Lê Lợi',
  'Nguyễn Trãi', 'Nguyễn Sinh Sắc', 'Tôn Đức Thắng', 'Phạm Hữu Lầu', 'Ấp Bắc', 'Nguyễn Đình Chiểu',
  'Hai Bà Trưng', 'Lê Đại Hành', 'Võ Văn Kiệt', 'Trần Phú'] as const;

const HAMLETS = ['Tân Thuận', 'Tân Thạnh', 'Bình Hòa', 'Mỹ Đông', 'An Thạnh', 'Phú Long', 'Long Hưng',
  'Hòa Thuận', 'Thạnh Lợi', 'Tân Hòa', 'Mỹ Phú', 'An Lợi', 'Bình Phú', 'Hòa Bình', 'Tân Lập', 'Mỹ Thạnh'] as const;

export interface Address {
  /** House number, street or hamlet: "Số 12, Đường Nguyễn Huệ, Khóm 2". */
  line: string;
  commune: string;
  province: string;
  /** One line, as printed on papers: line, commune, province. */
  text: string;
}

export function drawCommune(random: Random): Commune {
  return random.weighted(COMMUNES.map((c) => [c, c.weight] as const));
}

export function drawAddress(random: Random, place: Commune = drawCommune(random)): Address {
  let line: string;
  if (place.kind === 'ward') {
    const quarter = place.formerProvince === 'Đồng Tháp' ? `Khóm ${random.int(1, 6)}` : `Khu phố ${random.int(1, 8)}`;
    line = `Số ${random.int(1, 350)}, Đường ${random.pick(STREETS)}, ${quarter}`;
  } else {
    const hamlet = random.chance(0.8) ? `Ấp ${random.pick(HAMLETS)}` : `Ấp ${random.int(1, 6)}`;
    line = random.chance(0.6) ? `Số ${random.int(1, 600)}, ${hamlet}` : hamlet;
  }
  return { line, commune: place.name, province: PROVINCE_NAME, text: `${line}, ${place.name}, ${PROVINCE_NAME}` };
}

/** Current province names (after the 2025 mergers) of the birth-registration codes we draw. */
const HOME_PROVINCES: Readonly<Record<string, string>> = {
  '001': 'Thành phố Hà Nội', '079': 'Thành phố Hồ Chí Minh', '080': 'Tỉnh Tây Ninh', '083': 'Tỉnh Vĩnh Long',
  '086': 'Tỉnh Vĩnh Long', '089': 'Tỉnh An Giang', '092': 'Thành phố Cần Thơ',
};

/** Home town (quê quán): a commune of Đồng Tháp for people registered here, else the province. */
export function drawHomeTown(random: Random, birthProvinceCode: string): string {
  if (birthProvinceCode === '087' || birthProvinceCode === '082') {
    const former = birthProvinceCode === '087' ? 'Đồng Tháp' : 'Tiền Giang';
    const place = random.pick(COMMUNES.filter((c) => c.formerProvince === former));
    return `${place.name}, ${PROVINCE_NAME}`;
  }
  return HOME_PROVINCES[birthProvinceCode] ?? BIRTH_PROVINCES[birthProvinceCode] ?? PROVINCE_NAME;
}

/** Provinces of birth registration, weighted for residents of Đồng Tháp. */
export const BIRTH_PROVINCE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['087', 60], ['082', 20], ['089', 5], ['079', 5], ['086', 4], ['080', 2], ['092', 2], ['083', 1], ['001', 1],
];
