import type { Enterprise } from '../enterprises/generator.ts';

/**
 * Response shapes of the business-registration sandbox: the enterprise record as the national
 * business registration database publishes it, and the shorter summary search returns.
 */
const nullableText = { type: ['string', 'null'] } as const;

const addressSchema = {
  type: 'object',
  required: ['line', 'commune', 'province', 'text'],
  properties: { line: { type: 'string' }, commune: { type: 'string' }, province: { type: 'string' }, text: { type: 'string' } },
} as const;

const personSchema = {
  type: 'object',
  required: ['personalId', 'fullName'],
  properties: { personalId: { type: 'string', description: 'Số định danh cá nhân' }, fullName: { type: 'string' } },
} as const;

const typeProperties = {
  type: { type: 'string', enum: ['one_member_llc', 'multi_member_llc', 'joint_stock', 'private', 'partnership'] },
  typeName: { type: 'string', description: 'Loại hình doanh nghiệp' },
} as const;

const statusProperties = {
  status: { type: 'string', enum: ['active', 'suspended', 'dissolved'] },
  statusName: { type: 'string', description: 'Tình trạng hoạt động' },
} as const;

const nameProperties = {
  code: { type: 'string', description: 'Mã số doanh nghiệp (10 digits, also the tax code)' },
  name: { type: 'string', description: 'Tên doanh nghiệp bằng tiếng Việt' },
  internationalName: { ...nullableText, description: 'Tên doanh nghiệp bằng tiếng nước ngoài' },
  shortName: { ...nullableText, description: 'Tên viết tắt' },
} as const;

export const enterpriseSchema = {
  type: 'object',
  required: ['code', 'name', 'internationalName', 'shortName', 'type', 'typeName', 'businessLines', 'businessLocations', 'address',
    'phone', 'email', 'owner', 'members', 'charterCapitalVnd', 'legalRepresentative', 'registeredOn', 'status', 'statusName'],
  properties: {
    ...nameProperties,
    ...typeProperties,
    businessLines: {
      type: 'array',
      description: 'Ngành, nghề kinh doanh (VSIC 2018 level 4); exactly one is the main line',
      items: {
        type: 'object',
        required: ['code', 'name', 'main'],
        properties: { code: { type: 'string' }, name: { type: 'string' }, main: { type: 'boolean' } },
      },
    },
    businessLocations: {
      type: 'array',
      description: 'Địa điểm kinh doanh',
      items: {
        type: 'object',
        required: ['locationCode', 'name', 'address'],
        properties: { locationCode: { type: 'string', description: 'Mã số địa điểm kinh doanh (5 digits)' }, name: { type: 'string' }, address: addressSchema },
      },
    },
    address: { ...addressSchema, description: 'Địa chỉ trụ sở chính' },
    phone: { type: 'string' },
    email: nullableText,
    owner: { ...personSchema, type: ['object', 'null'], description: 'Chủ sở hữu (private enterprise, one-member LLC)' },
    members: {
      type: 'array',
      description: 'Thành viên góp vốn, cổ đông sáng lập or thành viên hợp danh',
      items: {
        type: 'object',
        required: ['personalId', 'fullName', 'role', 'capitalVnd', 'sharePercent'],
        properties: {
          ...personSchema.properties,
          role: { type: 'string', enum: ['member', 'founding_shareholder', 'general_partner'] },
          capitalVnd: { type: 'integer' },
          sharePercent: { type: 'number' },
        },
      },
    },
    charterCapitalVnd: { type: 'integer', description: 'Vốn điều lệ (vốn đầu tư for a private enterprise), VND' },
    legalRepresentative: {
      type: 'object',
      required: ['personalId', 'fullName', 'title'],
      properties: { ...personSchema.properties, title: { type: 'string', description: 'Chức danh' } },
    },
    registeredOn: { type: 'string', format: 'date', description: 'Ngày đăng ký lần đầu' },
    ...statusProperties,
  },
} as const;

export type EnterpriseSummary = Pick<Enterprise, 'code' | 'name' | 'internationalName' | 'shortName' | 'type' | 'typeName'
  | 'address' | 'registeredOn' | 'status' | 'statusName'>;

export const enterpriseSummarySchema = {
  type: 'object',
  required: ['code', 'name', 'internationalName', 'shortName', 'type', 'typeName', 'address', 'registeredOn', 'status', 'statusName'],
  properties: {
    ...nameProperties,
    ...typeProperties,
    address: addressSchema,
    registeredOn: { type: 'string', format: 'date' },
    ...statusProperties,
  },
} as const;

export function enterpriseSummary(enterprise: Enterprise): EnterpriseSummary {
  const { code, name, internationalName, shortName, type, typeName, address, registeredOn, status, statusName } = enterprise;
  return { code, name, internationalName, shortName, type, typeName, address, registeredOn, status, statusName };
}

export const searchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 200, description: 'Part of the name; diacritics and case are ignored ("phu hung" finds "Phú Hưng")' },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000, default: 0 },
  },
} as const;

export const codeParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: { code: { type: 'string', pattern: '^[0-9]{10}$', maxLength: 10, description: 'Mã số doanh nghiệp: 10 digits with a valid check digit' } },
} as const;
