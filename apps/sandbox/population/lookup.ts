import type { Citizen, CitizenDirectory } from '../citizens/generator.ts';

/**
 * The citizen lookup of the national population database as exposed to other systems: the
 * caller proves it already knows the person (personal id plus one more matching field) and
 * gets the person's core record. An unknown id and a mismatch answer alike, so that the
 * service cannot be used to learn which ids exist.
 */

/** Only the first listed citizens are in this database (the same ones VNeID and enterprises use). */
export const POPULATION_SIZE = 10_000;

export interface LookupRequest {
  personalId: string;
  fullName?: string;
  dateOfBirth?: string;
  purpose: string;
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
  },
} as const;

export type CitizenRecord = Pick<Citizen, 'personalId' | 'fullName' | 'dateOfBirth' | 'sex' | 'birthRegistrationPlace' | 'homeTown'
  | 'ethnicity' | 'religion' | 'nationality' | 'maritalStatus'> & { permanentResidence: Citizen['permanentAddress']; currentResidence: Citizen['currentAddress'] };

export function citizenRecord(citizen: Citizen): CitizenRecord {
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
