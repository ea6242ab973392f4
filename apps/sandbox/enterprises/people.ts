import type { Citizen, CitizenDirectory } from '../citizens/generator.ts';
import type { Random } from '../citizens/random.ts';
import type { EnterpriseForm } from './catalog.ts';

/**
 * The people behind an enterprise — owner, members or shareholders, legal representative —
 * drawn from the listed population so that a tester can follow a representative into the
 * population sandbox and VNeID with the same personal id.
 */

/** Representatives and members come from the citizens the population sandbox answers for. */
export const PEOPLE_POOL = 10_000;

/** Born on or before this day: 18 by the last registration date we draw (31 December 2025). */
const ADULT_BORN_BY = '2007-12-31';

export interface EnterprisePerson {
  personalId: string;
  fullName: string;
}

export type MemberRole = 'member' | 'founding_shareholder' | 'general_partner';

/** A capital contributor: LLC member (thành viên), founding shareholder (cổ đông sáng lập) or general partner (thành viên hợp danh). */
export interface EnterpriseMember extends EnterprisePerson {
  role: MemberRole;
  capitalVnd: number;
  /** Share of the charter capital, in percent with two decimals. */
  sharePercent: number;
}

export interface LegalRepresentative extends EnterprisePerson {
  /** Chức danh: "Giám đốc", "Tổng Giám đốc", "Chủ doanh nghiệp"... */
  title: string;
}

export interface EnterprisePeople {
  /** Chủ sở hữu: the one owner of a private enterprise or one-member LLC; null otherwise. */
  owner: EnterprisePerson | null;
  members: EnterpriseMember[];
  legalRepresentative: LegalRepresentative;
  /** Everyone drawn, for dates that must follow their eighteenth birthday. */
  citizens: Citizen[];
}

export function isAdultCitizen(citizen: Citizen): boolean {
  return citizen.dateOfBirth <= ADULT_BORN_BY;
}

const person = (citizen: Citizen): EnterprisePerson => ({ personalId: citizen.personalId, fullName: citizen.fullName });

function drawAdult(random: Random, directory: CitizenDirectory, taken: Set<string>): Citizen {
  for (;;) {
    const citizen = directory.generate(random.int(0, PEOPLE_POOL - 1));
    if (isAdultCitizen(citizen) && !taken.has(citizen.personalId)) {
      taken.add(citizen.personalId);
      return citizen;
    }
  }
}

/** Splits the capital into contributions rounded to a million VND; the first contributor takes the remainder. */
function splitCapital(random: Random, capitalVnd: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, (_, i) => (i === 0 ? 2 : 1) + random.next() * 2);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = weights.map((weight) => Math.max(1, Math.floor((capitalVnd * weight) / total / 1_000_000)) * 1_000_000);
  shares[0]! += capitalVnd - shares.reduce((sum, share) => sum + share, 0);
  return shares;
}

const MEMBER_COUNTS: Readonly<Record<string, readonly [number, number]>> = {
  multi_member_llc: [2, 5], joint_stock: [3, 7], partnership: [2, 4],
};
const MEMBER_ROLES: Readonly<Record<string, MemberRole>> = {
  multi_member_llc: 'member', joint_stock: 'founding_shareholder', partnership: 'general_partner',
};
/** Titles only an owner or member can hold; an outside representative is hired as director. */
const INSIDER_TITLES = new Set(['Chủ tịch công ty', 'Chủ tịch Hội đồng thành viên', 'Chủ tịch Hội đồng quản trị', 'Chủ doanh nghiệp']);

export function drawPeople(random: Random, directory: CitizenDirectory, form: EnterpriseForm, capitalVnd: number): EnterprisePeople {
  const taken = new Set<string>();
  const drawn: Citizen[] = [];
  const adult = (): Citizen => {
    const citizen = drawAdult(random, directory, taken);
    drawn.push(citizen);
    return citizen;
  };
  const title = random.weighted(form.titles);
  const representative = (citizen: Citizen, asTitle: string): LegalRepresentative => ({ ...person(citizen), title: asTitle });
  // An outsider runs a private enterprise never, a partnership never, the others sometimes.
  const hiresOutsider = form.type !== 'private' && form.type !== 'partnership' && !INSIDER_TITLES.has(title) && random.chance(0.2);

  const counts = MEMBER_COUNTS[form.type];
  if (!counts) {
    const owner = adult();
    const legalRepresentative = hiresOutsider ? representative(adult(), 'Giám đốc') : representative(owner, title);
    return { owner: person(owner), members: [], legalRepresentative, citizens: drawn };
  }
  const contributors = Array.from({ length: random.int(counts[0], counts[1]) }, adult);
  const members = splitCapital(random, capitalVnd, contributors.length).map((capital, i): EnterpriseMember => ({
    ...person(contributors[i]!),
    role: MEMBER_ROLES[form.type]!,
    capitalVnd: capital,
    sharePercent: Math.round((capital / capitalVnd) * 10_000) / 100,
  }));
  const legalRepresentative = hiresOutsider ? representative(adult(), title) : representative(contributors[0]!, title);
  return { owner: null, members, legalRepresentative, citizens: drawn };
}
