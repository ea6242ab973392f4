import { hashWords } from './random.ts';

/**
 * Personal identification numbers (số định danh cá nhân), Circular 59/2021/TT-BCA:
 * PPP C YY NNNNNN — 3-digit code of the province where the birth was registered,
 * 1 digit for century and sex, 2 digits of the birth year, 6 digits of sequence.
 */

/** Province codes of birth registration (the 63 pre-2025 provinces; codes do not change with mergers). */
export const BIRTH_PROVINCES: Readonly<Record<string, string>> = {
  '001': 'Thành phố Hà Nội', '002': 'Tỉnh Hà Giang', '004': 'Tỉnh Cao Bằng', '006': 'Tỉnh Bắc Kạn',
  '008': 'Tỉnh Tuyên Quang', '010': 'Tỉnh Lào Cai', '011': 'Tỉnh Điện Biên', '012': 'Tỉnh Lai Châu',
  '014': 'Tỉnh Sơn La', '015': 'Tỉnh Yên Bái', '017': 'Tỉnh Hòa Bình', '019': 'Tỉnh Thái Nguyên',
  '020': 'Tỉnh Lạng Sơn', '022': 'Tỉnh Quảng Ninh', '024': 'Tỉnh Bắc Giang', '025': 'Tỉnh Phú Thọ',
  '026': 'Tỉnh Vĩnh Phúc', '027': 'Tỉnh Bắc Ninh', '030': 'Tỉnh Hải Dương', '031': 'Thành phố Hải Phòng',
  '033': 'Tỉnh Hưng Yên', '034': 'Tỉnh Thái Bình', '035': 'Tỉnh Hà Nam', '036': 'Tỉnh Nam Định',
  '037': 'Tỉnh Ninh Bình', '038': 'Tỉnh Thanh Hóa', '040': 'Tỉnh Nghệ An', '042': 'Tỉnh Hà Tĩnh',
  '044': 'Tỉnh Quảng Bình', '045': 'Tỉnh Quảng Trị', '046': 'Tỉnh Thừa Thiên Huế', '048': 'Thành phố Đà Nẵng',
  '049': 'Tỉnh Quảng Nam', '051': 'Tỉnh Quảng Ngãi', '052': 'Tỉnh Bình Định', '054': 'Tỉnh Phú Yên',
  '056': 'Tỉnh Khánh Hòa', '058': 'Tỉnh Ninh Thuận', '060': 'Tỉnh Bình Thuận', '062': 'Tỉnh Kon Tum',
  '064': 'Tỉnh Gia Lai', '066': 'Tỉnh Đắk Lắk', '067': 'Tỉnh Đắk Nông', '068': 'Tỉnh Lâm Đồng',
  '070': 'Tỉnh Bình Phước', '072': 'Tỉnh Tây Ninh', '074': 'Tỉnh Bình Dương', '075': 'Tỉnh Đồng Nai',
  '077': 'Tỉnh Bà Rịa - Vũng Tàu', '079': 'Thành phố Hồ Chí Minh', '080': 'Tỉnh Long An', '082': 'Tỉnh Tiền Giang',
  '083': 'Tỉnh Bến Tre', '084': 'Tỉnh Trà Vinh', '086': 'Tỉnh Vĩnh Long', '087': 'Tỉnh Đồng Tháp',
  '089': 'Tỉnh An Giang', '091': 'Tỉnh Kiên Giang', '092': 'Thành phố Cần Thơ', '093': 'Tỉnh Hậu Giang',
  '094': 'Tỉnh Sóc Trăng', '095': 'Tỉnh Bạc Liêu', '096': 'Tỉnh Cà Mau',
};

export type Sex = 'male' | 'female';

export interface PersonalIdParts {
  provinceCode: string;
  sex: Sex;
  birthYear: number;
  sequence: string;
}

const PATTERN = /^(\d{3})([0-3])(\d{2})(\d{6})$/;

/**
 * Structure check only: 12 digits, a known province code, a century/sex digit of the 1900s or
 * 2000s (0–3) and a birth year that is not in the future. It cannot tell whether the number
 * was ever issued.
 */
export function isValidPersonalId(id: string, now: Date = new Date()): boolean {
  return parsePersonalId(id, now) !== undefined;
}

export function parsePersonalId(id: string, now: Date = new Date()): PersonalIdParts | undefined {
  const match = PATTERN.exec(id);
  if (!match) return undefined;
  const [, provinceCode, centurySex, yy, sequence] = match as unknown as [string, string, string, string, string];
  if (!(provinceCode in BIRTH_PROVINCES)) return undefined;
  const digit = Number(centurySex);
  const birthYear = (digit < 2 ? 1900 : 2000) + Number(yy);
  if (birthYear > now.getUTCFullYear()) return undefined;
  return { provinceCode, sex: digit % 2 === 0 ? 'male' : 'female', birthYear, sequence };
}

export function formatPersonalId(parts: PersonalIdParts): string {
  const century = parts.birthYear < 2000 ? 0 : 2;
  const digit = century + (parts.sex === 'female' ? 1 : 0);
  return `${parts.provinceCode}${digit}${String(parts.birthYear % 100).padStart(2, '0')}${parts.sequence}`;
}

/**
 * The 6-digit sequence is a keyed bijection of the citizen's index over 0..999,999 (a 4-round
 * Feistel network on two 3-digit halves). Ids are therefore unique for the first million
 * indexes whatever the province and year, look random, and the index can be recovered from
 * an id without a lookup table.
 */
export const SEQUENCE_SPACE = 1_000_000;
const HALF = 1000;
const ROUNDS = 4;
const roundTables = new Map<string, Uint16Array[]>();

function tablesFor(seed: string): Uint16Array[] {
  let tables = roundTables.get(seed);
  if (!tables) {
    tables = [];
    for (let round = 0; round < ROUNDS; round++) {
      const table = new Uint16Array(HALF);
      for (let value = 0; value < HALF; value++) {
        table[value] = hashWords(`${seed}|sequence|${round}|${value}`)[0]! % HALF;
      }
      tables.push(table);
    }
    roundTables.set(seed, tables);
  }
  return tables;
}

export function sequenceForIndex(seed: string, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= SEQUENCE_SPACE) {
    throw new RangeError(`citizen index must be an integer in [0, ${SEQUENCE_SPACE - 1}]`);
  }
  const tables = tablesFor(seed);
  let left = Math.floor(index / HALF);
  let right = index % HALF;
  for (const table of tables) {
    [left, right] = [right, (left + table[right]!) % HALF];
  }
  return String(left * HALF + right).padStart(6, '0');
}

export function indexForSequence(seed: string, sequence: string): number {
  const value = Number(sequence);
  const tables = tablesFor(seed);
  let left = Math.floor(value / HALF);
  let right = value % HALF;
  for (let round = ROUNDS - 1; round >= 0; round--) {
    [left, right] = [(right - tables[round]![left]! + HALF) % HALF, left];
  }
  return left * HALF + right;
}
