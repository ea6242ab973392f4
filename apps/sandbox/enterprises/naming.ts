import { asciiName } from '../citizens/names.ts';
import { foldVietnamese, type Random } from '../citizens/random.ts';
import { PROPER_NAMES, TRADE_PREFIXES, type EnterpriseForm, type Sector } from './catalog.ts';

/**
 * Trade names as the registry records them: the legal form, then optional trade words and the
 * sector, then a distinctive proper name ("Công ty TNHH Thương mại Dịch vụ Phú Hưng"). Companies
 * often also register an English name and an abbreviation; private enterprises rarely do.
 */
export interface EnterpriseNames {
  name: string;
  internationalName: string | null;
  shortName: string | null;
  email: string;
}

const upperAscii = (text: string): string => foldVietnamese(text).toUpperCase();

const join = (...parts: string[]): string => parts.filter((part) => part !== '').join(' ');

export function drawNames(random: Random, form: EnterpriseForm, sector: Sector): EnterpriseNames {
  const proper = random.pick(PROPER_NAMES);
  const email = `${asciiName(proper)}.${asciiName(sector.phrase)}@example.com`;
  if (form.type === 'private') {
    const name = join(form.namePrefix, random.chance(0.4) ? sector.phrase : '', proper);
    return { name, internationalName: null, shortName: null, email };
  }
  const [trade, tradeEnglish] = random.weighted(TRADE_PREFIXES);
  // Without trade words the sector is what tells the business; with them it is optional.
  const withSector = trade === '' ? random.chance(0.85) : random.chance(0.6);
  const oneMemberWords = form.type === 'one_member_llc' && random.chance(0.25);
  const prefix = oneMemberWords ? `${form.namePrefix} Một thành viên` : form.namePrefix;
  const name = join(prefix, trade, withSector ? sector.phrase : '', proper);
  if (!form.english || !random.chance(0.55)) return { name, internationalName: null, shortName: null, email };

  const [englishForm, abbreviation] = form.english;
  const internationalName = join(upperAscii(proper), tradeEnglish, withSector ? sector.english : '', oneMemberWords ? 'ONE MEMBER' : '', englishForm);
  const shortSector = withSector && !sector.english.includes(' ') ? sector.english : '';
  const shortName = random.chance(0.8) ? join(upperAscii(proper), shortSector, abbreviation) : null;
  return { name, internationalName, shortName, email };
}
