import type { ApologyNotice, ControlSheetNotice, NoticeBase, ReceiptNotice, RejectionNotice, StopNotice, SupplementRequestNotice, TrackingRegister } from './types.ts';

/** Sample notices for tests and previews: a birth registration at a commune of Đồng Tháp. */

const base: NoticeBase = {
  agency: { parent: 'Ủy ban nhân dân tỉnh Đồng Tháp', name: 'Sở Tư pháp' },
  desk: 'Bộ phận Một cửa Sở Tư pháp tỉnh Đồng Tháp',
  place: 'Đồng Tháp',
  number: '0012/2026/TN',
  dossierCode: '000.00.00.H19-261127-0001',
  // 09:15 on 27/11/2026 in Vietnam.
  issuedAt: new Date('2026-11-27T02:15:00Z'),
  lookupUrl: 'https://dichvucong.dongthap.gov.vn/tra-cuu/000.00.00.H19-261127-0001?k=7QK2-M9XD',
};

const applicant = {
  name: 'Nguyễn Thị Ngọc Hường',
  idNumber: '*********123',
  address: 'Số 12, đường Nguyễn Huệ, phường Cao Lãnh, tỉnh Đồng Tháp',
  phone: '0912 345 678',
  email: 'huong.ntn@example.vn',
};

const procedure = { name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', code: '2.000488' };

export const sampleReceipt: ReceiptNotice = {
  ...base,
  kind: 'receipt',
  lookupSecret: '7QK2-M9XD',
  lookupUrl: base.lookupUrl!,
  applicant,
  procedure,
  parts: [
    { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)', originals: 1, copies: 0 },
    { name: 'Căn cước công dân của người được cấp Phiếu lý lịch tư pháp', originals: 0, copies: 1 },
    { name: 'Giấy tờ chứng minh nơi thường trú', originals: 0, copies: 0 },
  ],
  channel: 'counter',
  receivedAt: new Date('2026-11-27T01:30:00Z'),
  processingTime: '10 ngày làm việc',
  dueDate: '2026-12-11',
  returnAt: new Date('2026-12-11T09:00:00Z'),
  fee: 200_000,
  resultDelivery: 'Nhận trực tiếp tại Bộ phận Một cửa Sở Tư pháp',
  official: 'Trần Văn Đức',
};

export const sampleSupplement: SupplementRequestNotice = {
  ...base,
  kind: 'supplement_request',
  applicant,
  procedure,
  receivedAt: new Date('2026-11-27T01:30:00Z'),
  items: [
    { part: 'Giấy tờ chứng minh nơi thường trú', reason: 'Bản chụp mờ, không đọc được số và ngày cấp; đề nghị nộp bản sao chứng thực.' },
    { part: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', reason: 'Chưa ghi mục "Nơi cư trú" và chưa ký tên người yêu cầu.' },
  ],
  note: 'Hồ sơ bổ sung có thể nộp trực tuyến trên Cổng Dịch vụ công của tỉnh.',
  supplementBy: '2026-12-04',
  official: 'Trần Văn Đức',
  contactPhone: '0277 3851 234',
};

export const sampleRejection: RejectionNotice = {
  ...base,
  kind: 'rejection',
  applicant,
  procedure,
  reasons: [
    'Thủ tục không thuộc thẩm quyền giải quyết của Sở Tư pháp tỉnh Đồng Tháp.',
    'Người yêu cầu đã được cấp Phiếu lý lịch tư pháp số 125/LLTP ngày 15/11/2026 còn giá trị sử dụng.',
  ],
  legalGround: 'Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ',
  official: 'Trần Văn Đức',
};

export const sampleApology: ApologyNotice = {
  ...base,
  kind: 'apology',
  agency: { parent: 'Ủy ban nhân dân tỉnh Đồng Tháp', name: 'Sở Tư pháp' },
  applicant,
  procedure,
  receivedAt: new Date('2026-11-13T01:30:00Z'),
  previousDueDate: '2026-11-27',
  reason: 'Cần xác minh thông tin án tích tại Cơ sở dữ liệu lý lịch tư pháp của Trung tâm Lý lịch tư pháp quốc gia.',
  newDueDate: '2026-12-04',
  signer: { onBehalf: 'KT. Giám đốc', title: 'Phó Giám đốc', name: 'Lê Minh Quang' },
};

export const sampleStop: StopNotice = {
  ...base,
  kind: 'stop',
  applicant,
  procedure,
  receivedAt: new Date('2026-11-13T01:30:00Z'),
  reason: 'Người yêu cầu đề nghị dừng giải quyết hồ sơ bằng văn bản ngày 25/11/2026.',
  legalGround: 'Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ',
  signer: { onBehalf: 'KT. Giám đốc', title: 'Phó Giám đốc', name: 'Lê Minh Quang' },
};

const steps = ['Tiếp nhận hồ sơ', 'Thẩm định hồ sơ', 'Xác minh án tích', 'Trình ký', 'Ký duyệt', 'Trả kết quả'];
const people = ['Trần Văn Đức', 'Phạm Thị Thu Hà', 'Võ Hoàng Nam'];

/** Hand-overs every 4 hours from 13/11/2026; row 5 is late, the others early, the last still held. */
export function sampleControlSheet(rows = 6): ControlSheetNotice {
  const start = Date.parse('2026-11-13T01:30:00Z');
  return {
    ...base,
    kind: 'control_sheet',
    applicant,
    procedure,
    receivedAt: new Date(start),
    dueDate: '2026-11-27',
    handovers: Array.from({ length: rows }, (_, i) => {
      const at = new Date(start + i * 4 * 3_600_000);
      const last = i === rows - 1;
      return {
        step: steps[i % steps.length]!,
        fromAgency: i % 2 ? 'Bộ phận Một cửa' : 'Phòng Hành chính tư pháp',
        toAgency: i % 2 ? 'Phòng Hành chính tư pháp' : 'Bộ phận Một cửa',
        giver: people[i % 3]!,
        receiver: people[(i + 1) % 3]!,
        at,
        endedAt: last ? null : new Date(at.getTime() + 4 * 3_600_000),
        due: i % 5 === 4 ? '2026-11-12' : '2026-11-27',
      };
    }),
  };
}

export const sampleRegister: TrackingRegister = {
  agency: base.agency,
  desk: base.desk,
  place: 'Đồng Tháp',
  from: '2026-11-01',
  to: '2026-11-30',
  issuedAt: base.issuedAt,
  entries: [
    {
      dossierCode: base.dossierCode, receiptNumber: '0012/2026/TN', procedure: procedure.name, applicant: applicant.name,
      contact: `${applicant.address}; ${applicant.phone}`, agency: 'Sở Tư pháp', receivedAt: new Date('2026-11-13T01:30:00Z'),
      dueDate: '2026-11-27', finishedAt: new Date('2026-11-26T08:00:00Z'), status: 'Đã trả kết quả',
    },
  ],
};
