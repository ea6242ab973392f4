import { asciiName, drawName, type Ethnicity } from './names.ts';
import {
  BIRTH_PROVINCES, SEQUENCE_SPACE, formatPersonalId, indexForSequence, parsePersonalId, sequenceForIndex, type Sex,
} from './personal-id.ts';
import { BIRTH_PROVINCE_WEIGHTS, drawAddress, drawHomeTown, type Address } from './places.ts';
import { foldVietnamese, seededRandom, type Random } from './random.ts';

/**
 * Deterministic synthetic citizens. A citizen is a pure function of (seed, personal id): the
 * index only chooses the id (province, sex, birth year and a bijective sequence), then every
 * other field is drawn from a stream keyed by the seed and the id. So `citizenById` can answer
 * for any structurally valid id — including ids a tester types — and listed citizens answer
 * identically whether found by index or by id.
 */
export const DEFAULT_SEED = 'sen-sandbox';

/** Ages are counted at this fixed date so that a seed gives the same people in any year. */
export const REFERENCE_DATE = '2026-01-01';
const REFERENCE_YEAR = 2026;

export type MaritalStatus = 'single' | 'married' | 'divorced' | 'widowed';

export interface Citizen {
  /** Số định danh cá nhân, 12 digits. */
  personalId: string;
  /** Position in the seed's directory; null for a citizen derived from an id that is not listed. */
  index: number | null;
  fullName: string;
  familyName: string;
  middleName: string;
  givenName: string;
  sex: Sex;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  birthRegistrationProvinceCode: string;
  /** Nơi đăng ký khai sinh: the province as named when the birth was registered. */
  birthRegistrationPlace: string;
  /** Quê quán. */
  homeTown: string;
  ethnicity: Ethnicity;
  /** "Không" when none. */
  religion: string;
  /** ISO 3166-1 alpha-2. */
  nationality: 'VN';
  maritalStatus: MaritalStatus;
  /** Nơi thường trú. */
  permanentAddress: Address;
  /** Nơi ở hiện tại. */
  currentAddress: Address;
  /** Ten-digit mobile number; null for children under 14. */
  phoneNumber: string | null;
  email: string | null;
  /**
   * What else the national population database holds (Luật Căn cước 2023, art. 9(1)): drawn from
   * a stream of its own (`${seed}|family|${personalId}`), so that adding it changed no field above.
   */
  father: Relative;
  mother: Relative;
  /** The current spouse (married citizens only). */
  spouse: Relative | null;
  /** Nơi tạm trú: the current address when it is not the permanent one (registered there), else null. */
  temporaryAddress: Address | null;
  /** The card now held (căn cước / CCCD); null for children under 14, who need none. */
  idCard: IdCard | null;
  /** Nơi sinh: a commune of the province where the birth was registered. */
  placeOfBirth: string;
}

/**
 * A relative as the record names them (art. 9(1)(o)): name and personal id. The id is well formed
 * (province, sex and birth year agree with the relative), but the sandbox does not make the citizen
 * derived from that id the same person: look-ups by it answer someone else.
 */
export interface Relative {
  fullName: string;
  personalId: string;
}

/** Date and place of issue of the identity card held (art. 9(1)(n)). */
export interface IdCard {
  /** YYYY-MM-DD. */
  issuedOn: string;
  issuedBy: string;
}

/** Age bands (years at REFERENCE_DATE) with their share of the population, roughly Việt Nam's pyramid. */
const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[0, 9], 15], [[10, 19], 14], [[20, 29], 14], [[30, 39], 16], [[40, 49], 14],
  [[50, 59], 12], [[60, 69], 9], [[70, 79], 4.5], [[80, 90], 1.5],
];

const ETHNICITIES: readonly (readonly [Ethnicity, number])[] = [['Kinh', 97.5], ['Hoa', 1.5], ['Khơ-me', 1]];

const RELIGIONS: Readonly<Record<Ethnicity, readonly (readonly [string, number])[]>> = {
  Kinh: [['Không', 68], ['Phật giáo', 12], ['Phật giáo Hòa Hảo', 11], ['Công giáo', 5], ['Cao Đài', 4]],
  Hoa: [['Không', 55], ['Phật giáo', 40], ['Công giáo', 5]],
  'Khơ-me': [['Phật giáo', 90], ['Không', 10]],
};

const MOBILE_PREFIXES = ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098',
  '081', '082', '083', '084', '085', '088', '091', '094', '070', '076', '077', '078', '079', '089', '090', '093',
  '056', '058', '092', '059', '099'] as const;

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= SEQUENCE_SPACE) {
    throw new RangeError(`citizen index must be an integer in [0, ${SEQUENCE_SPACE - 1}]`);
  }
}

/** The personal id of the citizen at `index`: who they are is decided here, the rest follows from the id. */
export function personalIdForIndex(seed: string, index: number): string {
  checkIndex(index);
  const random = seededRandom(`${seed}|index|${index}`);
  const provinceCode = random.weighted(BIRTH_PROVINCE_WEIGHTS);
  const sex: Sex = random.chance(0.5) ? 'male' : 'female';
  const [low, high] = random.weighted(AGE_BANDS);
  const birthYear = REFERENCE_YEAR - 1 - random.int(low, high);
  return formatPersonalId({ provinceCode, sex, birthYear, sequence: sequenceForIndex(seed, index) });
}

export function generateCitizen(seed: string, index: number): Citizen {
  const citizen = deriveCitizen(seed, personalIdForIndex(seed, index));
  return { ...citizen, index };
}

/** Any structurally valid id resolves to one deterministic citizen (listed or derived); invalid ids to undefined. */
export function citizenById(seed: string, personalId: string): Citizen | undefined {
  const parts = parsePersonalId(personalId);
  if (!parts) return undefined;
  const index = indexForSequence(seed, parts.sequence);
  const listed = personalIdForIndex(seed, index) === personalId;
  return { ...deriveCitizen(seed, personalId), index: listed ? index : null };
}

export function listCitizens(seed: string, offset = 0, limit = 20): Citizen[] {
  const start = Math.max(0, Math.floor(offset));
  const end = Math.min(SEQUENCE_SPACE, start + Math.max(0, Math.floor(limit)));
  const result: Citizen[] = [];
  for (let index = start; index < end; index++) result.push(generateCitizen(seed, index));
  return result;
}

/** Search covers the first SEARCH_SPACE listed citizens (cached per seed), plus any exact valid id. */
export const SEARCH_SPACE = 2000;
const searchIndexes = new Map<string, { citizen: Citizen; folded: string }[]>();

function searchIndex(seed: string): { citizen: Citizen; folded: string }[] {
  let entries = searchIndexes.get(seed);
  if (!entries) {
    entries = listCitizens(seed, 0, SEARCH_SPACE).map((citizen) => ({ citizen, folded: foldVietnamese(citizen.fullName) }));
    if (searchIndexes.size > 8) searchIndexes.clear();
    searchIndexes.set(seed, entries);
  }
  return entries;
}

/** Diacritic-insensitive search by name ("nguyen van an" finds "Nguyễn Văn An") or by id digits. */
export function searchCitizens(seed: string, query: string, limit = 20): Citizen[] {
  const folded = foldVietnamese(query);
  if (folded === '') return listCitizens(seed, 0, limit);
  if (/^\d{12}$/.test(folded)) {
    const exact = citizenById(seed, folded);
    return exact ? [exact] : [];
  }
  const digits = /^\d+$/.test(folded);
  const result: Citizen[] = [];
  for (const { citizen, folded: name } of searchIndex(seed)) {
    if (digits ? citizen.personalId.includes(folded) : name.includes(folded)) result.push(citizen);
    if (result.length >= limit) break;
  }
  return result;
}

function drawDateOfBirth(random: Random, year: number): string {
  const month = random.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = random.int(1, days);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function ageAtReference(dateOfBirth: string): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  // REFERENCE_DATE is 1 January, so only a birthday on that day has already come round.
  return REFERENCE_YEAR - year - (month === 1 && day === 1 ? 0 : 1);
}

function drawMaritalStatus(random: Random, age: number): MaritalStatus {
  if (age < 18) return 'single';
  if (age < 25) return random.weighted([['single', 75], ['married', 25]]);
  if (age < 35) return random.weighted([['single', 35], ['married', 62], ['divorced', 3]]);
  if (age < 60) return random.weighted([['single', 8], ['married', 82], ['divorced', 6], ['widowed', 4]]);
  return random.weighted([['single', 3], ['married', 65], ['divorced', 4], ['widowed', 28]]);
}

function deriveCitizen(seed: string, personalId: string): Citizen {
  const parts = parsePersonalId(personalId);
  if (!parts) throw new TypeError('not a valid personal id');
  const random = seededRandom(`${seed}|citizen|${personalId}`);
  const ethnicity = random.weighted(ETHNICITIES);
  const name = drawName(random, parts.sex, parts.birthYear, ethnicity);
  const dateOfBirth = drawDateOfBirth(random, parts.birthYear);
  const age = ageAtReference(dateOfBirth);
  const permanentAddress = drawAddress(random);
  const currentAddress = random.chance(0.85) ? permanentAddress : drawAddress(random);
  const phoneNumber = age >= 14 ? `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}` : null;
  const email = age >= 18 && random.chance(0.4)
    ? `${asciiName(name.givenName)}.${asciiName(name.familyName)}${String(parts.birthYear % 100).padStart(2, '0')}${random.int(1, 99)}@example.com`
    : null;
  // Drawn in the order the fields were always drawn in: the stream must not shift.
  const homeTown = drawHomeTown(random, parts.provinceCode);
  const religion = random.weighted(RELIGIONS[ethnicity]);
  const maritalStatus = drawMaritalStatus(random, age);
  return {
    personalId,
    index: null,
    fullName: name.fullName,
    familyName: name.familyName,
    middleName: name.middleName,
    givenName: name.givenName,
    sex: parts.sex,
    dateOfBirth,
    birthRegistrationProvinceCode: parts.provinceCode,
    birthRegistrationPlace: BIRTH_PROVINCES[parts.provinceCode]!,
    homeTown,
    ethnicity,
    religion,
    nationality: 'VN',
    maritalStatus,
    permanentAddress,
    currentAddress,
    phoneNumber,
    email,
    ...deriveFamily(seed, personalId, { ethnicity, familyName: name.familyName, dateOfBirth, age, married: maritalStatus === 'married' }),
    temporaryAddress: currentAddress === permanentAddress ? null : currentAddress,
  };
}

/** Cards issued since the chip CCCD (2021) were issued by this department; since 1 July 2024 by the ministry (Luật Căn cước 2023). */
const CCCD_ISSUER = 'Cục Cảnh sát quản lý hành chính về trật tự xã hội';
const CARD_ISSUER = 'Bộ Công an';

function relative(random: Random, sex: Sex, birthYear: number, ethnicity: Ethnicity, provinceCode: string, familyName?: string): Relative {
  const name = drawName(random, sex, birthYear, ethnicity);
  const fullName = familyName === undefined ? name.fullName : `${familyName} ${name.middleName} ${name.givenName}`;
  const sequence = String(random.int(0, SEQUENCE_SPACE - 1)).padStart(6, '0');
  return { fullName, personalId: formatPersonalId({ provinceCode, sex, birthYear, sequence }) };
}

/**
 * Parents, spouse, card and place of birth, from a stream of their own. The father carries the citizen's family
 * name; parents are 20–40 (father) and 18–38 (mother) years older, born no earlier than 1900; the
 * spouse is of the other sex and within a few years of the citizen's age.
 */
function deriveFamily(seed: string, personalId: string, self: { ethnicity: Ethnicity; familyName: string; dateOfBirth: string; age: number; married: boolean }): Pick<Citizen, 'father' | 'mother' | 'spouse' | 'idCard' | 'placeOfBirth'> {
  const parts = parsePersonalId(personalId)!;
  const random = seededRandom(`${seed}|family|${personalId}`);
  const birthYear = parts.birthYear;
  const province = (): string => (random.chance(0.8) ? parts.provinceCode : random.weighted(BIRTH_PROVINCE_WEIGHTS));
  const father = relative(random, 'male', Math.max(1900, birthYear - random.int(20, 40)), self.ethnicity, province(), self.familyName);
  const mother = relative(random, 'female', Math.max(1900, birthYear - random.int(18, 38)), self.ethnicity, province());
  const spouseSex: Sex = parts.sex === 'male' ? 'female' : 'male';
  const spouseYear = Math.min(REFERENCE_YEAR - 19, Math.max(1900, birthYear + (parts.sex === 'male' ? random.int(0, 6) : -random.int(0, 6))));
  const spouse = relative(random, spouseSex, spouseYear, self.ethnicity, province());
  let idCard: IdCard | null = null;
  if (self.age >= 14) {
    // Issued on a working day between the 14th birthday (or 2021, the chip card) and the reference date.
    const fourteen = Date.UTC(Number(self.dateOfBirth.slice(0, 4)) + 14, Number(self.dateOfBirth.slice(5, 7)) - 1, Number(self.dateOfBirth.slice(8, 10)));
    const from = Math.max(fourteen, Date.UTC(2021, 0, 4));
    const to = Date.UTC(REFERENCE_YEAR - 1, 11, 31);
    const issued = new Date(from + random.int(0, Math.max(0, Math.floor((to - from) / 86_400_000))) * 86_400_000);
    const issuedOn = issued.toISOString().slice(0, 10);
    idCard = { issuedOn, issuedBy: issuedOn >= '2024-07-01' ? CARD_ISSUER : CCCD_ISSUER };
  }
  const placeOfBirth = drawHomeTown(random, parts.provinceCode);
  return { father, mother, spouse: self.married ? spouse : null, idCard, placeOfBirth };
}

export interface CitizenDirectory {
  seed: string;
  generate(index: number): Citizen;
  byId(personalId: string): Citizen | undefined;
  list(offset?: number, limit?: number): Citizen[];
  search(query: string, limit?: number): Citizen[];
}

/** The generator bound to one seed: what sandboxes hold on to. */
export function citizens(seed: string = DEFAULT_SEED): CitizenDirectory {
  return {
    seed,
    generate: (index) => generateCitizen(seed, index),
    byId: (personalId) => citizenById(seed, personalId),
    list: (offset, limit) => listCitizens(seed, offset, limit),
    search: (query, limit) => searchCitizens(seed, query, limit),
  };
}
