/**
 * E-forms of the seeded procedures, published as version 1: the paper declarations (tờ khai,
 * giấy đề nghị, đơn) of the Ministry of Justice, the enterprise-registration forms and the
 * building-permit application, as JSON Schemas. Keys are English camelCase, titles Vietnamese;
 * the layout says in which order and with which widget the web app renders each field.
 *
 * The building-permit form nests the building under `building`, because the building-permit
 * process branches on `building.floors` (process.samples.ts, CONDITIONAL_PROCESS).
 */
import type { FormDraft } from '../catalogue/procedure.inputs.ts';

type Schema = Record<string, unknown>;

const text = (title: string, maxLength = 200, extra: Schema = {}): Schema => ({ type: 'string', title, minLength: 1, maxLength, ...extra });
const date = (title: string): Schema => ({ type: 'string', format: 'date', title, 'x-widget': 'date' });
const integer = (title: string, minimum: number, maximum: number): Schema => ({ type: 'integer', title, minimum, maximum });
const area = (title: string, maximum: number): Schema => ({ type: 'number', title, exclusiveMinimum: 0, maximum });
const idNumber = (title = 'Số định danh cá nhân'): Schema => text(title, 12, { pattern: '^\\d{12}$', 'x-placeholder': '12 chữ số' });
/** A field picked from a shared code list (`x-catalog`): the value is the item's code. */
const fromCatalogue = (title: string, list: string, extra: Schema = {}): Schema => ({ type: 'string', title, minLength: 1, maxLength: 64, 'x-catalog': list, ...extra });
const ethnicity = fromCatalogue('Dân tộc', 'ethnic-groups');
const nationality = fromCatalogue('Quốc tịch', 'nationalities', { default: 'VN' });
const sex: Schema = { type: 'string', title: 'Giới tính', enum: ['Nam', 'Nữ'], 'x-widget': 'radio' };
/** The applicant's own field: prefilled from what VNeID said (and, for name, id and birth date, not editable). */
const fromVneid = (key: 'fullName' | 'personalId' | 'dateOfBirth' | 'address' | 'phone', schema: Schema): Schema => ({ ...schema, 'x-prefill': key });
/** A field the national population or business-registration database fills (through LGSP → NDXP; bindings.ts). */
const national = (binding: string, schema: Schema): Schema => ({ ...schema, 'x-national': binding });
const object = (title: string, properties: Record<string, Schema>, required: string[]): Schema => ({ type: 'object', title, additionalProperties: false, required, properties });

/** A person as the civil-status declarations describe one. */
const person = (title: string, withSex = false): Schema =>
  object(
    title,
    {
      fullName: text('Họ, chữ đệm và tên', 100),
      dateOfBirth: date('Ngày, tháng, năm sinh'),
      ...(withSex ? { sex } : {}),
      ethnicity,
      nationality,
      idNumber: idNumber(),
      residence: text('Nơi cư trú', 300),
    },
    ['fullName', 'dateOfBirth', 'ethnicity', 'nationality', 'residence', ...(withSex ? ['sex'] : [])],
  );

const form = (properties: Record<string, Schema>, required: string[]): Schema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

export interface SeedForm {
  key: string;
  draft: FormDraft;
}

export const BIRTH_FORM = 'to-khai-dang-ky-khai-sinh';
export const MARRIAGE_FORM = 'to-khai-dang-ky-ket-hon';
export const HOUSEHOLD_BUSINESS_FORM = 'giay-de-nghi-dang-ky-ho-kinh-doanh';
export const BUILDING_PERMIT_FORM = 'don-de-nghi-cap-giay-phep-xay-dung';

export const SEED_FORMS: SeedForm[] = [
  {
    key: BIRTH_FORM,
    draft: {
      title: 'Tờ khai đăng ký khai sinh',
      schema: form(
        {
          requester: object('Người yêu cầu', {
            fullName: national('population.fullName', fromVneid('fullName', text('Họ, chữ đệm và tên', 100))), idNumber: national('population.personalId', fromVneid('personalId', idNumber())), relationship: text('Quan hệ với người được khai sinh', 50) }, ['fullName', 'idNumber', 'relationship']),
          child: object(
            'Người được khai sinh',
            {
              fullName: text('Họ, chữ đệm và tên', 100),
              dateOfBirth: date('Ngày, tháng, năm sinh'),
              sex,
              ethnicity,
              nationality,
              placeOfBirth: text('Nơi sinh', 300),
              hometown: text('Quê quán', 300),
            },
            ['fullName', 'dateOfBirth', 'sex', 'ethnicity', 'nationality', 'placeOfBirth'],
          ),
          mother: person('Thông tin người mẹ'),
          father: person('Thông tin người cha (bỏ trống nếu chưa xác định được cha)'),
          extractCopies: integer('Số bản sao trích lục đề nghị cấp', 0, 10),
        },
        ['requester', 'child', 'mother'],
      ),
      layout: {
        order: ['requester', 'child', 'mother', 'father', 'extractCopies'],
        sections: [
          { title: 'Người đi đăng ký', fields: ['requester'] },
          { title: 'Người được khai sinh', fields: ['child'] },
          { title: 'Cha, mẹ', fields: ['mother', 'father'] },
          { title: 'Bản sao', fields: ['extractCopies'] },
        ],
        widgets: { '/child/sex': 'radio', '/child/dateOfBirth': 'date', '/mother/dateOfBirth': 'date', '/father/dateOfBirth': 'date', '/extractCopies': 'number' },
      },
    },
  },
  {
    key: MARRIAGE_FORM,
    draft: {
      title: 'Tờ khai đăng ký kết hôn',
      schema: form(
        {
          bride: person('Bên nữ'),
          groom: person('Bên nam'),
          brideMarriageNumber: integer('Bên nữ kết hôn lần thứ', 1, 10),
          groomMarriageNumber: integer('Bên nam kết hôn lần thứ', 1, 10),
          extractCopies: integer('Số bản sao trích lục đề nghị cấp', 0, 10),
        },
        ['bride', 'groom'],
      ),
      layout: {
        order: ['bride', 'brideMarriageNumber', 'groom', 'groomMarriageNumber', 'extractCopies'],
        sections: [
          { title: 'Bên nữ', fields: ['bride', 'brideMarriageNumber'] },
          { title: 'Bên nam', fields: ['groom', 'groomMarriageNumber'] },
          { title: 'Bản sao', fields: ['extractCopies'] },
        ],
        widgets: { '/bride/dateOfBirth': 'date', '/groom/dateOfBirth': 'date' },
      },
    },
  },
  {
    key: HOUSEHOLD_BUSINESS_FORM,
    draft: {
      title: 'Giấy đề nghị đăng ký hộ kinh doanh',
      schema: form(
        {
          businessName: text('Tên hộ kinh doanh (viết bằng chữ in hoa)', 200),
          address: object('Địa chỉ trụ sở hộ kinh doanh', { line: text('Số nhà, đường/ấp', 200), commune: text('Xã/phường', 100) }, ['line', 'commune']),
          phone: text('Điện thoại', 15, { pattern: '^\\+?\\d{9,12}$', 'x-widget': 'tel' }),
          email: { type: 'string', title: 'Thư điện tử', format: 'email', maxLength: 200, 'x-widget': 'email' },
          businessLines: {
            type: 'array',
            title: 'Ngành, nghề kinh doanh',
            minItems: 1,
            maxItems: 30,
            items: object('Ngành, nghề', { code: text('Mã ngành (cấp 4, VSIC)', 5, { pattern: '^\\d{4,5}$' }), name: text('Tên ngành', 300), main: { type: 'boolean', title: 'Ngành chính' } }, ['code', 'name']),
          },
          capitalVnd: integer('Vốn kinh doanh (đồng)', 0, 1_000_000_000_000),
          employees: integer('Số lượng lao động (dự kiến)', 0, 10_000),
          owner: object(
            'Chủ hộ kinh doanh',
            {
              fullName: national('population.fullName', fromVneid('fullName', text('Họ, chữ đệm và tên', 100))),
              dateOfBirth: national('population.dateOfBirth', fromVneid('dateOfBirth', date('Ngày sinh'))), sex: national('population.sex', sex),
              idNumber: national('population.personalId', fromVneid('personalId', idNumber())),
              residence: national('population.permanentAddress', fromVneid('address', text('Địa chỉ liên lạc', 300))),
            },
            ['fullName', 'dateOfBirth', 'sex', 'idNumber', 'residence'],
          ),
        },
        ['businessName', 'address', 'phone', 'businessLines', 'capitalVnd', 'owner'],
      ),
      layout: {
        order: ['businessName', 'address', 'phone', 'email', 'businessLines', 'capitalVnd', 'employees', 'owner'],
        sections: [
          { title: 'Hộ kinh doanh', fields: ['businessName', 'address', 'phone', 'email'] },
          { title: 'Ngành nghề, vốn, lao động', fields: ['businessLines', 'capitalVnd', 'employees'] },
          { title: 'Chủ hộ kinh doanh', fields: ['owner'] },
        ],
        widgets: { '/phone': 'tel', '/email': 'email', '/capitalVnd': 'number', '/employees': 'number', '/owner/dateOfBirth': 'date', '/owner/sex': 'radio' },
      },
    },
  },
  {
    key: BUILDING_PERMIT_FORM,
    draft: {
      title: 'Đơn đề nghị cấp giấy phép xây dựng (nhà ở riêng lẻ)',
      schema: form(
        {
          applicant: object(
            'Chủ đầu tư',
            {
              fullName: national('population.fullName', fromVneid('fullName', text('Họ và tên', 100))), idNumber: national('population.personalId', fromVneid('personalId', idNumber())),
              address: national('population.permanentAddress', fromVneid('address', text('Địa chỉ liên hệ', 300))), phone: fromVneid('phone', text('Điện thoại', 15, { pattern: '^\\+?\\d{9,12}$' })),
            },
            ['fullName', 'idNumber', 'address', 'phone'],
          ),
          land: object(
            'Địa điểm xây dựng',
            {
              plotNumber: text('Thửa đất số', 20),
              mapSheet: text('Tờ bản đồ số', 20),
              areaM2: area('Diện tích thửa đất (m²)', 100_000),
              address: text('Địa chỉ (số nhà, đường/ấp, xã/phường)', 300),
              landCertificate: text('Số Giấy chứng nhận quyền sử dụng đất', 50),
            },
            ['plotNumber', 'mapSheet', 'areaM2', 'address', 'landCertificate'],
          ),
          building: object(
            'Nội dung đề nghị cấp phép',
            {
              floors: integer('Số tầng (kể cả tầng lửng, tum)', 1, 50),
              basements: integer('Số tầng hầm', 0, 5),
              groundFloorAreaM2: area('Diện tích xây dựng tầng 1 (m²)', 100_000),
              totalFloorAreaM2: area('Tổng diện tích sàn (m²)', 1_000_000),
              heightM: area('Chiều cao công trình (m)', 300),
              designer: text('Đơn vị hoặc người thiết kế', 200),
            },
            ['floors', 'groundFloorAreaM2', 'totalFloorAreaM2', 'heightM'],
          ),
          completionMonths: integer('Dự kiến thời gian hoàn thành (tháng)', 1, 120),
        },
        ['applicant', 'land', 'building'],
      ),
      layout: {
        order: ['applicant', 'land', 'building', 'completionMonths'],
        sections: [
          { title: 'Chủ đầu tư', fields: ['applicant'] },
          { title: 'Địa điểm xây dựng', fields: ['land'] },
          { title: 'Công trình', fields: ['building', 'completionMonths'] },
        ],
        widgets: { '/applicant/phone': 'tel', '/building/floors': 'number', '/building/basements': 'number', '/land/areaM2': 'number' },
      },
    },
  },
];
