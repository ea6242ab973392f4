import type { CitizenDirectory } from '../citizens/generator.ts';
import { generateEnterpriseCode } from '../citizens/enterprise-code.ts';
import { drawAddress, drawCommune, type Address } from '../citizens/places.ts';
import { foldVietnamese, seededRandom, type Random } from '../citizens/random.ts';
import {
  AREA_CODES, ENTERPRISE_FORMS, SECTORS, STATUSES, VSIC_LINES, type EnterpriseStatus, type EnterpriseType, type Sector,
} from './catalog.ts';
import { drawNames, type EnterpriseNames } from './naming.ts';
import { drawPeople, type EnterpriseMember, type EnterprisePerson, type LegalRepresentative } from './people.ts';

/**
 * Deterministic synthetic enterprises of Đồng Tháp, the records of the national business
 * registration database. Unlike citizens they are built all at once per seed: codes and names
 * must be unique across the directory, which only a pass over all of them can guarantee.
 */
export const ENTERPRISE_COUNT = 2000;

export interface BusinessLine {
  /** VSIC 2018 level-4 code. */
  code: string;
  name: string;
  /** Ngành nghề kinh doanh chính: exactly one line per enterprise. */
  main: boolean;
}

export interface BusinessLocation {
  /** Mã số địa điểm kinh doanh: 5 digits, numbered per enterprise from 00001. */
  locationCode: string;
  name: string;
  address: Address;
}

export interface Enterprise {
  /** Mã số doanh nghiệp: 10 digits with a check digit (also the tax code). */
  code: string;
  index: number;
  name: string;
  internationalName: string | null;
  shortName: string | null;
  type: EnterpriseType;
  typeName: string;
  businessLines: BusinessLine[];
  businessLocations: BusinessLocation[];
  /** Địa chỉ trụ sở chính. */
  address: Address;
  phone: string;
  email: string | null;
  /** The owner of a private enterprise or one-member LLC; null for the other forms. */
  owner: EnterprisePerson | null;
  /** Members, founding shareholders or general partners; empty for one-owner forms. */
  members: EnterpriseMember[];
  /** Vốn điều lệ (for a private enterprise, vốn đầu tư), whole VND. */
  charterCapitalVnd: number;
  legalRepresentative: LegalRepresentative;
  /** Ngày đăng ký lần đầu, YYYY-MM-DD. */
  registeredOn: string;
  status: EnterpriseStatus;
  statusName: string;
}

export interface EnterpriseDirectory {
  seed: string;
  count: number;
  list(offset?: number, limit?: number): Enterprise[];
  byCode(code: string): Enterprise | undefined;
  /** Diacritic-insensitive on names ("phu hung" finds "Phú Hưng"); digits match the start of codes. */
  search(query: string, limit?: number): Enterprise[];
}

const LAST_REGISTRATION = '2025-12-31';
const DAY_MS = 86_400_000;
const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Charter capital drawn log-uniformly, rounded to two significant figures of a million VND. */
function drawCapital(random: Random, [low, high]: readonly [number, number]): number {
  const millions = Math.exp(Math.log(low) + random.next() * (Math.log(high) - Math.log(low)));
  const step = 10 ** Math.max(0, Math.floor(Math.log10(millions)) - 1);
  return Math.round(millions / step) * step * 1_000_000;
}

/** Registration years lean recent (most enterprises alive today are young), but never before the founders were adults. */
function drawRegistrationDate(random: Random, earliest: string): string {
  const year = random.weighted(Array.from({ length: 31 }, (_, i) => [1995 + i, 1 + i] as const));
  const drawn = toDay(`${year}-01-01`) + random.int(0, 364);
  const low = toDay(earliest);
  const high = toDay(LAST_REGISTRATION);
  return fromDay(drawn >= low && drawn <= high ? drawn : random.int(low, high));
}

/** The eighteenth birthday (1 March for those born on 29 February). */
export function adulthood(dateOfBirth: string): string {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  return fromDay(Date.UTC(year + 18, month - 1, day) / DAY_MS);
}

function drawBusinessLines(random: Random, sector: Sector): BusinessLine[] {
  const main = random.pick(sector.main);
  const extras = [...sector.main, ...sector.extra].filter((code) => code !== main && random.chance(0.5));
  return [main, ...extras].map((code, i) => ({ code, name: VSIC_LINES[code]!, main: i === 0 }));
}

function drawLocations(random: Random, sector: Sector, enterpriseName: string): BusinessLocation[] {
  const count = random.weighted([[0, 70], [1, 20], [2, 7], [3, 3]]);
  const names = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const address = drawAddress(random);
    const place = address.commune.replace(/^(Xã|Phường) /, '');
    let name = `${sector.site} ${place}`;
    if (names.has(name)) name = `${name} ${i + 1}`;
    names.add(name);
    return { locationCode: String(i + 1).padStart(5, '0'), name: `${name} - ${enterpriseName}`, address };
  });
}

function drawPhone(random: Random, formerProvince: keyof typeof AREA_CODES, mobile: string | null): string {
  if (mobile && random.chance(0.35)) return mobile;
  return `${AREA_CODES[formerProvince]}${random.pick(['3', '6'])}${String(random.int(0, 999_999)).padStart(6, '0')}`;
}

/** Draws names until one is not taken (the registry refuses identical names), numbering as a last resort. */
function uniqueNames(seed: string, index: number, taken: Set<string>, draw: (random: Random) => EnterpriseNames): EnterpriseNames {
  for (let attempt = 0; ; attempt++) {
    const names = draw(seededRandom(`${seed}|enterprise-name|${index}|${attempt}`));
    const candidate = attempt < 100 ? names : { ...names, name: `${names.name} ${attempt}` };
    const key = foldVietnamese(candidate.name);
    if (!taken.has(key)) {
      taken.add(key);
      return candidate;
    }
  }
}

function uniqueCode(seed: string, index: number, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const code = generateEnterpriseCode(`${seed}|${index}|${attempt}`);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

interface Uniqueness {
  codes: Set<string>;
  names: Set<string>;
}

function generateEnterprise(seed: string, index: number, directory: CitizenDirectory, unique: Uniqueness): Enterprise {
  const random = seededRandom(`${seed}|enterprise|${index}`);
  const form = random.weighted(ENTERPRISE_FORMS.map((f) => [f, f.weight] as const));
  const sector = random.weighted(SECTORS.map((s) => [s, s.weight] as const));
  const charterCapitalVnd = drawCapital(random, form.capitalMillions);
  const people = drawPeople(random, directory, form, charterCapitalVnd);
  const youngest = people.citizens.reduce((latest, c) => (c.dateOfBirth > latest ? c.dateOfBirth : latest), '0000-01-01');
  const names = uniqueNames(seed, index, unique.names, (nameRandom) => drawNames(nameRandom, form, sector));
  const commune = drawCommune(random);
  const representative = people.citizens.find((c) => c.personalId === people.legalRepresentative.personalId);
  const [status, statusName] = random.weighted(STATUSES);
  return {
    code: uniqueCode(seed, index, unique.codes),
    index,
    ...names,
    email: random.chance(0.75) ? names.email : null,
    type: form.type,
    typeName: form.typeName,
    businessLines: drawBusinessLines(random, sector),
    businessLocations: drawLocations(random, sector, names.name),
    address: drawAddress(random, commune),
    phone: drawPhone(random, commune.formerProvince, representative?.phoneNumber ?? null),
    owner: people.owner,
    members: people.members,
    charterCapitalVnd,
    legalRepresentative: people.legalRepresentative,
    registeredOn: drawRegistrationDate(random, adulthood(youngest)),
    status,
    statusName,
  };
}

/** The enterprises of one seed, with lookups; representatives come from `citizens` (same seed expected). */
export function enterprises(seed: string, citizens: CitizenDirectory): EnterpriseDirectory {
  const unique: Uniqueness = { codes: new Set(), names: new Set() };
  const all = Array.from({ length: ENTERPRISE_COUNT }, (_, index) => generateEnterprise(seed, index, citizens, unique));
  const byCode = new Map(all.map((e) => [e.code, e]));
  const folded = all.map((e) => ({
    enterprise: e,
    text: [e.name, e.shortName, e.internationalName].filter((t) => t !== null).map(foldVietnamese).join('\n'),
  }));
  const list = (offset = 0, limit = 20): Enterprise[] => {
    const start = Math.max(0, Math.floor(offset));
    return all.slice(start, start + Math.max(0, Math.floor(limit)));
  };
  return {
    seed,
    count: all.length,
    list,
    byCode: (code) => byCode.get(code),
    search(query, limit = 20) {
      const needle = foldVietnamese(query);
      if (needle === '') return list(0, limit);
      const digits = /^\d+$/.test(needle);
      const result: Enterprise[] = [];
      for (const { enterprise, text } of folded) {
        if (result.length >= limit) break;
        if (digits ? enterprise.code.startsWith(needle) : text.includes(needle)) result.push(enterprise);
      }
      return result;
    },
  };
}
