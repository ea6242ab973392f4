import type { Citizen, CitizenDirectory } from '../citizens/generator.ts';

/**
 * The citizen lookup of the national population database as exposed to other systems: the
 * caller proves it already knows the person (personal id plus one more matching field) and
 * gets the person's core record. An unknown id and a mismatch answer alike, so that the
 * service cannot be used to learn which ids exist.
 */

/** Only the first listed citizens are in this database (the same ones VNeID and enterprises use). */
export const POPULATION_SIZE = 10_000;

/**
 * Further parts of the record (Luật Căn cước 2023, art. 9(1)), answered only when asked for, so that a
 * caller takes no more than its purpose needs: `relatives` — the father's, mother's and spouse's names
 * and personal ids; `temporaryResidence` — nơi tạm trú; `contact` — mobile number and e-mail; `idCard` —
 * date and place of issue of the card held; `placeOfBirth` — nơi sinh (not only where it was registered).
 * The sandbox holds these of the law's list; not blood group, the 9-digit CMND, other names, children,
 * household, death (docs/sandboxes.md).
 */
export const LOOKUP_PARTS = ['relatives', 'temporaryResidence', 'contact', 'idCard', 'placeOfBirth'] as const;
export type LookupPart = (typeof LOOKUP_PARTS)[number];

export interface LookupRequest {
  personalId: string;
  fullName?: string;
  dateOfBirth?: string;
  purpose: string;
  include?: LookupPart[];
}

export const lookupBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['personalId', 'purpose'],
  properties: {
    personalId: { type: 'string', pattern: '^[0-9]{12}$', maxLength: 12, description: 'Số định danh cá nhân (12 digits)' },
    fullName: { type: 'string', minLength: 1, maxLength: 100, description: 'Họ, chữ đệm và tên; case and spacing are ignored, diacritics are not' },
    dateOfBirth: { type: 'string', format: 'date', maxLength: 10, description: 'Ngày sinh, YYYY-MM-DD' },
    purpose: { type: 'string', minLength: 10, maxLength: 500, description: 'Mục đích khai thác: why the data is needed (recorded)' },
    include: {
      type: 'array', uniqueItems: true, maxItems: LOOKUP_PARTS.length, items: { type: 'string', enum: LOOKUP_PARTS },
      description: 'Further parts of the record to answer (Luật Căn cước 2023, art. 9(1)): relatives (father, mother, spouse: name and personal id), '
        + 'temporaryResidence (nơi tạm trú), contact (mobile number, e-mail), idCard (date and place of issue of the card held), placeOfBirth (nơi sinh). Default: none.',
    },
  },
} as const;

const relativeSchema = {
  type: 'object',
  required: ['fullName', 'personalId'],
  properties: {
    fullName: { type: 'string', description: 'Họ, chữ đệm và tên' },
    personalId: { type: 'string', description: 'Số định danh cá nhân' },
  },
} as const;

const addressSchema = {
  type: 'object',
  required: ['line', 'commune', 'province', 'text'],
  properties: {
    line: { type: 'string', description: 'House number and street, or hamlet' },
    commune: { type: 'string', description: 'Phường / xã' },
    province: { type: 'string' },
    text: { type: 'string', description: 'The whole address on one line' },
  },
} as const;

export const citizenRecordSchema = {
  type: 'object',
  required: ['personalId', 'fullName', 'dateOfBirth', 'sex', 'birthRegistrationPlace', 'homeTown', 'ethnicity', 'religion',
    'nationality', 'maritalStatus', 'permanentResidence', 'currentResidence'],
  properties: {
    personalId: { type: 'string', description: 'Số định danh cá nhân' },
    fullName: { type: 'string', description: 'Họ, chữ đệm và tên' },
    dateOfBirth: { type: 'string', format: 'date', description: 'Ngày, tháng, năm sinh' },
    sex: { type: 'string', enum: ['male', 'female'], description: 'Giới tính' },
    birthRegistrationPlace: { type: 'string', description: 'Nơi đăng ký khai sinh' },
    homeTown: { type: 'string', description: 'Quê quán' },
    ethnicity: { type: 'string', description: 'Dân tộc' },
    religion: { type: 'string', description: 'Tôn giáo ("Không" when none)' },
    nationality: { type: 'string', description: 'Quốc tịch, ISO 3166-1 alpha-2' },
    maritalStatus: { type: 'string', enum: ['single', 'married', 'divorced', 'widowed'], description: 'Tình trạng hôn nhân' },
    permanentResidence: { ...addressSchema, description: 'Nơi thường trú' },
    currentResidence: { ...addressSchema, description: 'Nơi ở hiện tại' },
    father: { ...relativeSchema, description: 'Cha (include: relatives)' },
    mother: { ...relativeSchema, description: 'Mẹ (include: relatives)' },
    spouse: { anyOf: [relativeSchema, { type: 'null' }], description: 'Vợ hoặc chồng hiện tại; null when not married (include: relatives)' },
    temporaryResidence: { anyOf: [addressSchema, { type: 'null' }], description: 'Nơi tạm trú; null when none (include: temporaryResidence)' },
    placeOfBirth: { type: 'string', description: 'Nơi sinh (include: placeOfBirth)' },
    phoneNumber: { type: ['string', 'null'], description: 'Số thuê bao di động (include: contact)' },
    email: { type: ['string', 'null'], description: 'Địa chỉ thư điện tử (include: contact)' },
    idCard: {
      anyOf: [{
        type: 'object', required: ['issuedOn', 'issuedBy'],
        properties: { issuedOn: { type: 'string', format: 'date', description: 'Ngày cấp' }, issuedBy: { type: 'string', description: 'Nơi cấp' } },
      }, { type: 'null' }],
      description: 'Thẻ căn cước đang dùng: ngày cấp, nơi cấp; null under 14 (include: idCard)',
    },
  },
} as const;

export type CitizenRecord = Pick<Citizen, 'personalId' | 'fullName' | 'dateOfBirth' | 'sex' | 'birthRegistrationPlace' | 'homeTown'
  | 'ethnicity' | 'religion' | 'nationality' | 'maritalStatus'> & { permanentResidence: Citizen['permanentAddress']; currentResidence: Citizen['currentAddress'] }
  & Partial<Pick<Citizen, 'father' | 'mother' | 'spouse' | 'phoneNumber' | 'email' | 'idCard' | 'placeOfBirth'> & { temporaryResidence: Citizen['temporaryAddress'] }>;

/** The core record, and the further parts asked for in `include`. */
export function citizenRecord(citizen: Citizen, include: readonly LookupPart[] = []): CitizenRecord {
  const parts = new Set(include);
  return {
    personalId: citizen.personalId,
    fullName: citizen.fullName,
    dateOfBirth: citizen.dateOfBirth,
    sex: citizen.sex,
    birthRegistrationPlace: citizen.birthRegistrationPlace,
    homeTown: citizen.homeTown,
    ethnicity: citizen.ethnicity,
    religion: citizen.religion,
    nationality: citizen.nationality,
    maritalStatus: citizen.maritalStatus,
    permanentResidence: citizen.permanentAddress,
    currentResidence: citizen.currentAddress,
    ...(parts.has('relatives') ? { father: citizen.father, mother: citizen.mother, spouse: citizen.spouse } : {}),
    ...(parts.has('temporaryResidence') ? { temporaryResidence: citizen.temporaryAddress } : {}),
    ...(parts.has('contact') ? { phoneNumber: citizen.phoneNumber, email: citizen.email } : {}),
    ...(parts.has('idCard') ? { idCard: citizen.idCard } : {}),
    ...(parts.has('placeOfBirth') ? { placeOfBirth: citizen.placeOfBirth } : {}),
  };
}

/** Case and spacing do not count; diacritics do ("Nguyen Van An" is not "Nguyễn Văn An"). */
function comparableName(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

export function listedCitizen(directory: CitizenDirectory, personalId: string): Citizen | undefined {
  const citizen = directory.byId(personalId);
  return citizen && citizen.index !== null && citizen.index < POPULATION_SIZE ? citizen : undefined;
}

/** The citizen when the id is listed and the second field matches; undefined otherwise (never says which). */
export function matchCitizen(directory: CitizenDirectory, request: LookupRequest): Citizen | undefined {
  const citizen = listedCitizen(directory, request.personalId);
  if (!citizen) return undefined;
  const matches = request.fullName !== undefined
    ? comparableName(request.fullName) === comparableName(citizen.fullName)
    : request.dateOfBirth === citizen.dateOfBirth;
  return matches ? citizen : undefined;
}
