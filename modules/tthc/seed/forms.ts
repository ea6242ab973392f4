/**
 * E-forms of the seeded procedures, published as version 1 unless a form names a later one: the paper declarations (tờ khai,
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

/**
 * A person as the civil-status declarations describe one, bound to the population record of the
 * signed-in person (`x-national`); with `when`, only when the record's sex is that (the marriage
 * declaration's sides, `x-national-if`: the other party's record needs their own lookup and consent).
 */
const boundPerson = (title: string, when?: 'Nam' | 'Nữ'): Schema => {
  const p = person(title) as { properties: Record<string, Schema> };
  const b = (key: string, binding: string) => national(binding, p.properties[key]!);
  return {
    ...p,
    ...(when ? { 'x-national-if': { binding: 'population.sex', equals: when } } : {}),
    properties: {
      fullName: b('fullName', 'population.fullName'),
      dateOfBirth: b('dateOfBirth', 'population.dateOfBirth'),
      ethnicity: b('ethnicity', 'population.ethnicity'),
      nationality: b('nationality', 'population.nationality'),
      idNumber: b('idNumber', 'population.personalId'),
      residence: b('residence', 'population.permanentAddress'),
    },
  };
};

/**
 * A parent on the birth declaration, filed online by a parent: the signed-in person's own record when
 * their sex is `self` ("Nam" for the father, "Nữ" for the mother), and otherwise their spouse's name and
 * personal id as the population record holds them (`x-national-otherwise`); the rest of the other parent's
 * fields needs that parent's own lookup and consent. A requester who is not a parent overwrites them.
 */
const parent = (title: string, self: 'Nam' | 'Nữ'): Schema => {
  const p = boundPerson(title, self) as { properties: Record<string, Schema> };
  return {
    ...p,
    properties: {
      ...p.properties,
      fullName: { ...p.properties.fullName!, 'x-national-otherwise': 'population.spouseName' },
      idNumber: { ...p.properties.idNumber!, 'x-national-otherwise': 'population.spousePersonalId' },
    },
  };
};

/** The requester of a civil-status declaration (Thông tư 04/2020/TT-BTP): the signed-in person, but for their relationship to the person concerned. */
const requester = (relationshipTitle: string): Schema => object('Người yêu cầu', {
  fullName: national('population.fullName', fromVneid('fullName', text('Họ, chữ đệm, tên người yêu cầu', 100))),
  residence: national('population.permanentAddress', fromVneid('address', text('Nơi cư trú', 300))),
  idNumber: national('population.personalId', fromVneid('personalId', idNumber('Giấy tờ tùy thân (số định danh cá nhân)'))),
  relationship: text(relationshipTitle, 50),
}, ['fullName', 'residence', 'idNumber', 'relationship']);

/** `description` names the official form and the document that issues it. */
const form = (properties: Record<string, Schema>, required: string[], description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  additionalProperties: false,
  required,
  properties,
});

export interface SeedForm {
  key: string;
  /**
   * The version the seed publishes (1 when omitted). A changed seeded form gets the next number: a
   * database seeded earlier gets it as a new published version unless an editor already made that
   * version (their work wins); the older version stays for the dossiers filed with it.
   */
  version?: number;
  draft: FormDraft;
}

export const BIRTH_FORM = 'to-khai-dang-ky-khai-sinh';
export const MARRIAGE_FORM = 'to-khai-dang-ky-ket-hon';
export const HOUSEHOLD_BUSINESS_FORM = 'giay-de-nghi-dang-ky-ho-kinh-doanh';
export const BUILDING_PERMIT_FORM = 'don-de-nghi-cap-giay-phep-xay-dung';
export const MARITAL_STATUS_FORM = 'to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan';
export const JUDICIAL_RECORD_FORM = 'to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap';
export const DEATH_FORM = 'to-khai-dang-ky-khai-tu';

export const SEED_FORMS: SeedForm[] = [
  {
    key: BIRTH_FORM,
    // Version 2: the parents bound to the requester's record and their spouse's name and id (issue 11).
    version: 2,
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
          // The requester is a parent: their side follows from their record's sex, the other parent's name and id from their spouse's.
          mother: parent('Thông tin người mẹ', 'Nữ'),
          father: parent('Thông tin người cha (bỏ trống nếu chưa xác định được cha)', 'Nam'),
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
    // Version 2: each side bound to the population record when it is the signed-in person's (issue 11).
    version: 2,
    draft: {
      title: 'Tờ khai đăng ký kết hôn',
      schema: form(
        {
          // The signed-in person is one of the two parties: their side follows from their record's sex.
          bride: boundPerson('Bên nữ', 'Nữ'),
          groom: boundPerson('Bên nam', 'Nam'),
          brideMarriageNumber: integer('Bên nữ kết hôn lần thứ', 1, 10),
          groomMarriageNumber: integer('Bên nam kết hôn lần thứ', 1, 10),
          extractCopies: integer('Số bản sao trích lục đề nghị cấp', 0, 10),
        },
        ['bride', 'groom'],
        'Tờ khai đăng ký kết hôn — mẫu ban hành kèm theo Thông tư 04/2020/TT-BTP (Phụ lục).',
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
    // Version 2: the applicant's phone from the population record (issue 11).
    version: 2,
    draft: {
      title: 'Đơn đề nghị cấp giấy phép xây dựng (nhà ở riêng lẻ)',
      schema: form(
        {
          applicant: object(
            'Chủ đầu tư',
            {
              fullName: national('population.fullName', fromVneid('fullName', text('Họ và tên', 100))), idNumber: national('population.personalId', fromVneid('personalId', idNumber())),
              address: national('population.permanentAddress', fromVneid('address', text('Địa chỉ liên hệ', 300))), phone: national('population.phone', fromVneid('phone', text('Điện thoại', 15, { pattern: '^\\+?\\d{9,12}$' }))),
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
  {
    key: MARITAL_STATUS_FORM,
    draft: {
      title: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân',
      schema: form(
        {
          requester: requester('Quan hệ với người được cấp Giấy xác nhận tình trạng hôn nhân'),
          // Online, the request is the signed-in person's own (a request for someone else is made with their authorisation and overwrites these).
          subject: object('Người được cấp Giấy xác nhận tình trạng hôn nhân', {
            fullName: national('population.fullName', text('Họ, chữ đệm, tên', 100)),
            dateOfBirth: national('population.dateOfBirth', date('Ngày, tháng, năm sinh')),
            sex: national('population.sex', sex),
            ethnicity: national('population.ethnicity', ethnicity),
            nationality: national('population.nationality', nationality),
            residence: national('population.permanentAddress', text('Nơi cư trú', 300)),
            idNumber: national('population.personalId', idNumber('Giấy tờ tùy thân (số định danh cá nhân)')),
            previousResidence: object('Trong thời gian cư trú tại (chỉ khai khi yêu cầu xác nhận tình trạng hôn nhân trong thời gian cư trú trước đây)', {
              place: text('Nơi cư trú trước đây', 300), from: date('Từ ngày'), to: date('Đến ngày'),
            }, []),
            maritalStatus: national('population.maritalStatus', text('Tình trạng hôn nhân', 500)),
          }, ['fullName', 'dateOfBirth', 'sex', 'ethnicity', 'nationality', 'residence', 'maritalStatus']),
          purpose: text('Mục đích sử dụng Giấy xác nhận tình trạng hôn nhân', 300),
        },
        ['requester', 'subject', 'purpose'],
        'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân — mẫu ban hành kèm theo Thông tư 04/2020/TT-BTP (Phụ lục); cách ghi tình trạng hôn nhân: Điều 33 Thông tư 04/2020/TT-BTP.',
      ),
      layout: {
        order: ['requester', 'subject', 'purpose'],
        sections: [
          { title: 'Người yêu cầu', fields: ['requester'] },
          { title: 'Người được cấp Giấy xác nhận', fields: ['subject'] },
          { title: 'Mục đích sử dụng', fields: ['purpose'] },
        ],
        widgets: {
          '/subject/dateOfBirth': 'date', '/subject/sex': 'radio', '/subject/maritalStatus': 'textarea',
          '/subject/previousResidence/from': 'date', '/subject/previousResidence/to': 'date',
        },
      },
    },
  },
  {
    key: JUDICIAL_RECORD_FORM,
    // Version 2: place of birth, temporary residence, card issue, parents and spouse from the population record (issue 11).
    version: 2,
    draft: {
      title: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
      schema: form(
        {
          person: object('Thông tin về người yêu cầu cấp Phiếu lý lịch tư pháp', {
            fullName: national('population.fullName', fromVneid('fullName', text('Họ và tên (chữ in hoa, đủ dấu)', 100))),
            otherNames: { type: 'string', title: 'Tên gọi khác (nếu có)', maxLength: 100 },
            sex: national('population.sex', sex),
            dateOfBirth: national('population.dateOfBirth', fromVneid('dateOfBirth', date('Ngày, tháng, năm sinh'))),
            placeOfBirth: national('population.placeOfBirth', text('Nơi sinh', 300)),
            nationality: national('population.nationality', nationality),
            permanentResidence: national('population.permanentAddress', text('Nơi thường trú', 300)),
            temporaryResidence: national('population.temporaryAddress', { type: 'string', title: 'Nơi tạm trú', maxLength: 300 }),
            idDocument: object('Giấy CMND/Căn cước/Hộ chiếu', {
              number: national('population.personalId', fromVneid('personalId', text('Số', 12))),
              issuedOn: national('population.idIssuedOn', date('Cấp ngày')),
              issuedBy: national('population.idIssuedBy', text('Tại (nơi cấp)', 200)),
            }, ['number', 'issuedOn', 'issuedBy']),
            fatherName: national('population.fatherName', text('Họ và tên cha', 100)),
            motherName: national('population.motherName', text('Họ và tên mẹ', 100)),
            spouseName: national('population.spouseName', { type: 'string', title: 'Họ và tên vợ/chồng', maxLength: 100 }),
          }, ['fullName', 'sex', 'dateOfBirth', 'placeOfBirth', 'nationality', 'permanentResidence', 'idDocument']),
          residenceHistory: {
            type: 'array',
            title: 'Quá trình cư trú của bản thân (tính từ khi đủ 14 tuổi)',
            minItems: 1,
            maxItems: 50,
            items: object('Thời gian cư trú', {
              from: text('Từ tháng, năm', 7, { pattern: '^\\d{2}/\\d{4}$', 'x-placeholder': 'MM/YYYY' }),
              to: text('Đến tháng, năm', 7, { pattern: '^(\\d{2}/\\d{4}|nay)$', 'x-placeholder': 'MM/YYYY hoặc "nay"' }),
              place: text('Nơi thường trú/tạm trú', 300),
              occupation: { type: 'string', title: 'Nghề nghiệp', maxLength: 100 },
              workplace: { type: 'string', title: 'Nơi làm việc', maxLength: 200 },
            }, ['from', 'to', 'place']),
          },
          certificateNo: { type: 'string', title: 'Yêu cầu cấp Phiếu lý lịch tư pháp', enum: ['Số 1', 'Số 2'], 'x-widget': 'radio' },
          banConfirmation: { type: 'boolean', title: 'Yêu cầu xác nhận về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã (chỉ với Phiếu số 1)' },
          purpose: text('Mục đích yêu cầu cấp Phiếu lý lịch tư pháp', 300),
          extraCopies: integer('Số lượng Phiếu lý lịch tư pháp yêu cầu cấp thêm', 0, 20),
          // Not on the paper form: the online declaration asks it, and the fee schedule reads it (fees/fee.seed.ts, Thông tư 244/2016/TT-BTC).
          doiTuong: {
            type: 'string', title: 'Đối tượng được miễn, giảm phí (nếu có)', 'x-widget': 'select',
            enum: ['tre-em', 'nguoi-cao-tuoi', 'nguoi-khuyet-tat', 'ho-ngheo', 'sinh-vien', 'nguoi-co-cong', 'than-nhan-liet-si'],
          },
        },
        ['person', 'residenceHistory', 'certificateNo', 'purpose'],
        'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp — Mẫu số 03/2013/TT-LLTP (Thông tư 16/2013/TT-BTP sửa đổi Thông tư 13/2011/TT-BTP), dùng cho cá nhân tự khai; mẫu thay thế sau khi chuyển giao cho Bộ Công an năm 2025 chưa đối chiếu được.',
      ),
      layout: {
        order: ['person', 'residenceHistory', 'certificateNo', 'banConfirmation', 'purpose', 'extraCopies', 'doiTuong'],
        sections: [
          { title: 'Thông tin cá nhân', fields: ['person'] },
          { title: 'Quá trình cư trú', fields: ['residenceHistory'] },
          { title: 'Yêu cầu', fields: ['certificateNo', 'banConfirmation', 'purpose', 'extraCopies', 'doiTuong'] },
        ],
        widgets: {
          '/person/sex': 'radio', '/person/dateOfBirth': 'date', '/person/idDocument/issuedOn': 'date',
          '/certificateNo': 'radio', '/banConfirmation': 'checkbox', '/extraCopies': 'number', '/doiTuong': 'select',
        },
      },
    },
  },
  {
    key: DEATH_FORM,
    draft: {
      title: 'Tờ khai đăng ký khai tử',
      schema: form(
        {
          requester: requester('Quan hệ với người đã chết'),
          // The deceased's record is another person's: not looked up here.
          deceased: object('Người đã chết', {
            fullName: text('Họ, chữ đệm, tên', 100),
            dateOfBirth: date('Ngày, tháng, năm sinh'),
            sex,
            ethnicity,
            nationality,
            idNumber: idNumber('Giấy tờ tùy thân (số định danh cá nhân)'),
            lastResidence: text('Nơi cư trú cuối cùng', 300),
            dateOfDeath: date('Đã chết vào ngày'),
            timeOfDeath: text('Lúc (giờ, phút)', 5, { pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', 'x-placeholder': 'HH:MM' }),
            placeOfDeath: text('Nơi chết', 300),
            causeOfDeath: text('Nguyên nhân chết', 300),
          }, ['fullName', 'sex', 'nationality', 'lastResidence', 'dateOfDeath', 'placeOfDeath']),
          deathNotice: object('Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử', {
            number: text('Số', 50), issuedBy: text('Do (cơ quan cấp)', 200), issuedOn: date('Cấp ngày'),
          }, ['issuedBy', 'issuedOn']),
          extractCopies: integer('Số bản sao trích lục khai tử đề nghị cấp', 0, 10),
        },
        ['requester', 'deceased', 'deathNotice'],
        'Tờ khai đăng ký khai tử — mẫu ban hành kèm theo Thông tư 04/2020/TT-BTP (Phụ lục).',
      ),
      layout: {
        order: ['requester', 'deceased', 'deathNotice', 'extractCopies'],
        sections: [
          { title: 'Người đi đăng ký', fields: ['requester'] },
          { title: 'Người đã chết', fields: ['deceased'] },
          { title: 'Giấy báo tử', fields: ['deathNotice'] },
          { title: 'Bản sao', fields: ['extractCopies'] },
        ],
        widgets: {
          '/deceased/dateOfBirth': 'date', '/deceased/sex': 'radio', '/deceased/dateOfDeath': 'date', '/deathNotice/issuedOn': 'date', '/extractCopies': 'number',
        },
      },
    },
  },
];
