/** Seeded civil-status and certification procedures (hộ tịch, chứng thực), carried out by the commune. */
import { BIRTH_FORM, DEATH_FORM, JUDICIAL_RECORD_FORM, MARITAL_STATUS_FORM, MARRIAGE_FORM } from './forms.ts';
import {
  base, charge, checked, CIVIL_STATUS_ONLINE, COMMUNE, fee, law, LUAT_HO_TICH, ND_CHUNG_THUC, ND_HO_TICH, optionalPart, part, SAME_DAY, TT_HO_TICH, TT_LE_PHI_HDND, TT_PHI_CHUNG_THUC, TYPICAL_COUNCIL_CHARGE, unconfirmed,
  type SeedProcedure,
} from './common.ts';

export const CIVIL_PROCEDURES: SeedProcedure[] = [
  // Code and same-day rule: Luật Hộ tịch art. 16; free when on time: art. 11.
  {
    processKey: 'mot-cua-co-ban',
    fields: {
      ...base,
      nationalCode: '1.001193',
      verification: checked('Luật Hộ tịch 60/2014/QH13 Điều 11, 16'),
      name: 'Đăng ký khai sinh',
      fieldCode: 'ho-tich',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen'],
      methods: [...CIVIL_STATUS_ONLINE],
      processingDays: 0,
      processingNote: SAME_DAY,
      fees: [charge('Lệ phí đăng ký khai sinh', 0, 'Miễn lệ phí khi đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh) — Điều 11 Luật Hộ tịch')],
      parts: [
        part('to-khai', 'Tờ khai đăng ký khai sinh', { formKey: BIRTH_FORM }),
        // The original is handed in (Luật Hộ tịch art. 16(1); Nghị định 123/2015/NĐ-CP art. 9).
        part('giay-chung-sinh', 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh', { requiredForm: 'original' }),
        optionalPart('van-ban-uy-quyen', 'Văn bản ủy quyền (khi ủy quyền đăng ký khai sinh)'),
      ],
      conditions: 'Cha, mẹ hoặc người thân thích có trách nhiệm đăng ký khai sinh cho trẻ trong thời hạn 60 ngày kể từ ngày sinh.',
      legalBases: [LUAT_HO_TICH, ND_HO_TICH, TT_HO_TICH],
      resultType: 'Giấy khai sinh',
      fullyOnline: true,
    },
  },
  // Code: 1.000894. Same day, up to 5 working days when facts must be verified (Luật Hộ tịch art. 18;
  // a 2025 commune listing says 3 — unverified). Free for Vietnamese citizens residing in Viet Nam (art. 11).
  {
    processKey: 'mot-cua-co-ban',
    fields: {
      ...base,
      nationalCode: '1.000894',
      verification: unconfirmed(['processingNote'], 'Luật Hộ tịch 60/2014/QH13 Điều 18', 'Một danh mục cấp xã năm 2025 ghi 03 ngày làm việc khi cần xác minh; Luật ghi không quá 05 ngày.'),
      name: 'Đăng ký kết hôn',
      fieldCode: 'ho-tich',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen'],
      methods: ['online', 'counter'],
      processingDays: 0,
      processingNote: `${SAME_DAY} Trường hợp cần xác minh điều kiện kết hôn thì không quá 05 ngày làm việc.`,
      fees: [charge('Lệ phí đăng ký kết hôn', 0, 'Miễn lệ phí cho công dân Việt Nam cư trú ở trong nước — Điều 11 Luật Hộ tịch')],
      parts: [
        part('to-khai', 'Tờ khai đăng ký kết hôn', { formKey: MARRIAGE_FORM }),
        optionalPart('xac-nhan-tinh-trang-hon-nhan', 'Giấy xác nhận tình trạng hôn nhân (khi bên kết hôn không thường trú tại xã nơi đăng ký)'),
        optionalPart('trich-luc-ly-hon', 'Trích lục ghi chú ly hôn (khi đã ly hôn ở nước ngoài)'),
      ],
      conditions:
        'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do hai bên tự nguyện quyết định; không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn (Điều 8 Luật Hôn nhân và gia đình). Hai bên có mặt khi nhận Giấy chứng nhận kết hôn.',
      legalBases: [law('52/2014/QH13', 'Luật Hôn nhân và gia đình', '2014-06-19'), LUAT_HO_TICH, ND_HO_TICH, TT_HO_TICH],
      resultType: 'Giấy chứng nhận kết hôn',
    },
  },
  // Code: 1.000656. Same day, 3 working days when verification is needed (Luật Hộ tịch art. 34); free when on time (15 days).
  {
    processKey: 'mot-cua-co-ban',
    fields: {
      ...base,
      nationalCode: '1.000656',
      verification: checked('Luật Hộ tịch 60/2014/QH13 Điều 11, 34'),
      name: 'Đăng ký khai tử',
      fieldCode: 'ho-tich',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen'],
      methods: [...CIVIL_STATUS_ONLINE],
      processingDays: 0,
      processingNote: `${SAME_DAY} Trường hợp cần xác minh thì không quá 03 ngày làm việc.`,
      fees: [charge('Lệ phí đăng ký khai tử', 0, 'Miễn lệ phí khi đăng ký đúng hạn (trong 15 ngày kể từ ngày chết) — Điều 11 Luật Hộ tịch')],
      parts: [part('to-khai', 'Tờ khai đăng ký khai tử', { formKey: DEATH_FORM }), part('giay-bao-tu', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử'), optionalPart('van-ban-uy-quyen', 'Văn bản ủy quyền (khi ủy quyền)')],
      legalBases: [LUAT_HO_TICH, ND_HO_TICH, TT_HO_TICH],
      resultType: 'Trích lục khai tử',
    },
  },
  // Code: 1.004873. 3 working days (Nghị định 123/2015 art. 22). Charge: council-set; 15,000 VND is typical, unverified for Đồng Tháp.
  {
    processKey: 'mot-cua-co-ban',
    fields: {
      ...base,
      nationalCode: '1.004873',
      verification: unconfirmed(['fees'], 'Nghị định 123/2015/NĐ-CP Điều 22; Thông tư 85/2019/TT-BTC', TYPICAL_COUNCIL_CHARGE),
      name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
      fieldCode: 'ho-tich',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen'],
      methods: [...CIVIL_STATUS_ONLINE],
      processingDays: 3,
      processingNote: 'Trường hợp phải xác minh tình trạng hôn nhân tại nơi cư trú trước đây thì thời hạn kéo dài theo thời gian xác minh.',
      fees: [charge('Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', 15_000, 'Theo Nghị quyết của Hội đồng nhân dân tỉnh')],
      parts: [part('to-khai', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', { formKey: MARITAL_STATUS_FORM }), optionalPart('trich-luc-ly-hon', 'Bản án, quyết định ly hôn hoặc trích lục khai tử của vợ/chồng (nếu có)')],
      legalBases: [LUAT_HO_TICH, ND_HO_TICH, TT_HO_TICH, TT_LE_PHI_HDND],
      resultType: 'Giấy xác nhận tình trạng hôn nhân',
      fullyOnline: true,
    },
  },
  // Code: 2.000815. Same day (Nghị định 23/2015 art. 7). Fees: Thông tư 226/2016/TT-BTC.
  {
    processKey: 'mot-cua-co-ban',
    fields: {
      ...base,
      nationalCode: '2.000815',
      verification: checked('Nghị định 23/2015/NĐ-CP Điều 7; Thông tư 226/2016/TT-BTC'),
      name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
      fieldCode: 'chung-thuc',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen', 'organisation', 'foreigner'],
      methods: ['counter'],
      processingDays: 0,
      processingNote: `${SAME_DAY} Số lượng lớn thì có thể hẹn trả sau (Điều 7 Nghị định 23/2015/NĐ-CP).`,
      fees: [
        fee('Phí chứng thực bản sao từ bản chính (trang thứ nhất và thứ hai)', 2_000, '2.000 đồng/trang'),
        fee('Phí chứng thực bản sao từ bản chính (từ trang thứ ba)', 1_000, '1.000 đồng/trang; tối đa 200.000 đồng/bản'),
      ],
      parts: [part('ban-chinh', 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao'), optionalPart('ban-sao', 'Bản sao cần chứng thực (khi người yêu cầu tự chụp)')],
      legalBases: [ND_CHUNG_THUC, law('01/2020/TT-BTP', 'Thông tư quy định chi tiết và hướng dẫn thi hành Nghị định số 23/2015/NĐ-CP', '2020-03-03'), TT_PHI_CHUNG_THUC],
      resultType: 'Bản sao được chứng thực từ bản chính',
    },
  },
  // Code: 2.000884. Same day. Fee 10,000 VND per case (Thông tư 226/2016/TT-BTC).
  {
    processKey: 'mot-cua-co-ban',
    fields: {
      ...base,
      nationalCode: '2.000884',
      verification: checked('Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC'),
      name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
      fieldCode: 'chung-thuc',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen', 'foreigner'],
      methods: ['counter'],
      processingDays: 0,
      processingNote: SAME_DAY,
      fees: [fee('Phí chứng thực chữ ký', 10_000, '10.000 đồng/trường hợp')],
      parts: [part('giay-to-tuy-than', 'Bản chính hoặc bản sao có chứng thực giấy tờ tùy thân còn giá trị sử dụng'), part('giay-to-ky', 'Giấy tờ, văn bản mà người yêu cầu sẽ ký')],
      conditions: 'Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực.',
      legalBases: [ND_CHUNG_THUC, TT_PHI_CHUNG_THUC],
      resultType: 'Giấy tờ, văn bản được chứng thực chữ ký',
    },
  },
  // Inter-agency (liên thông) under Nghị định 63/2024/NĐ-CP: the commune registers the birth, the police the
  // permanent residence, social insurance issues the health-insurance card. Code 3.000722 and the 3 working days
  // come from secondary 2025 listings (unverified); the residence charge exemption for children is unverified.
  {
    processKey: 'lien-thong-khai-sinh',
    fields: {
      ...base,
      nationalCode: '3.000722',
      verification: unconfirmed(['nationalCode', 'processingDays', 'fees'], 'Nghị định 63/2024/NĐ-CP; danh mục cấp xã năm 2025 (nguồn thứ cấp)', 'Mã, thời hạn 03 ngày làm việc và miễn lệ phí đăng ký thường trú cho trẻ em lấy từ nguồn thứ cấp.'),
      name: 'Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
      fieldCode: 'ho-tich',
      level: 'commune',
      implementingAgencies: ['Ủy ban nhân dân cấp xã', 'Công an cấp xã', 'Bảo hiểm xã hội'],
      applicantTypes: ['citizen'],
      methods: ['online', 'counter'],
      processingDays: 3,
      processingNote: 'Đăng ký khai sinh giải quyết trong ngày; đăng ký thường trú và cấp thẻ bảo hiểm y tế do cơ quan liên thông giải quyết trong thời hạn chung.',
      fees: [
        charge('Lệ phí đăng ký khai sinh', 0, 'Miễn lệ phí khi đăng ký đúng hạn — Điều 11 Luật Hộ tịch'),
        charge('Lệ phí đăng ký thường trú', 0, 'Trẻ em được miễn lệ phí đăng ký cư trú'),
      ],
      parts: [
        part('to-khai-khai-sinh', 'Tờ khai đăng ký khai sinh', { formKey: BIRTH_FORM }),
        // The original is handed in (Luật Hộ tịch art. 16(1); Nghị định 123/2015/NĐ-CP art. 9).
        part('giay-chung-sinh', 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh', { requiredForm: 'original' }),
        part('to-khai-cu-tru', 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)'),
        optionalPart('y-kien-chu-ho', 'Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở hợp pháp (khi không thể hiện trên tờ khai)'),
      ],
      legalBases: [LUAT_HO_TICH, law('68/2020/QH14', 'Luật Cư trú', '2020-11-13'), law('25/2008/QH12', 'Luật Bảo hiểm y tế', '2008-11-14'), law('63/2024/NĐ-CP', 'Nghị định quy định việc thực hiện liên thông điện tử hai nhóm thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi; đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất', '2024-06-10')],
      resultType: 'Giấy khai sinh; xác nhận đăng ký thường trú; thẻ bảo hiểm y tế',
    },
  },
  judicialRecord(1),
  judicialRecord(2),
];

/** The one combined judicial-record procedure seeded before the split into certificate no. 1 and no. 2 (renamed to no. 1 on upgrade). */
export const COMBINED_JUDICIAL_RECORD_NAME = 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam';

/**
 * Judicial-record certificates (Phiếu lý lịch tư pháp) are two procedures: no. 1 (3.000333), which
 * may be requested through an authorised person, and no. 2 (3.000334), only in person (Luật Lý lịch
 * tư pháp art. 41, 45, 46). Moved from the Department of Justice to the provincial police in 2025.
 * The codes come from the police portal (secondary source) and the issue; not confirmed on the
 * national database. 10 days, 15 with verification (art. 48); fees Thông tư 244/2016/TT-BTC.
 */
function judicialRecord(no: 1 | 2): SeedProcedure {
  return {
    processKey: 'mot-cua-co-ban',
    agencyCode: 'TAM.H19.T02',
    fields: {
      ...base,
      nationalCode: no === 1 ? '3.000333' : '3.000334',
      name: `Cấp Phiếu lý lịch tư pháp số ${no} cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam`,
      fieldCode: 'ly-lich-tu-phap',
      level: 'province',
      implementingAgencies: ['Công an tỉnh'],
      applicantTypes: ['citizen', 'foreigner'],
      methods: ['online', 'counter', 'post'],
      processingDays: 10,
      processingNote: 'Trường hợp người được cấp Phiếu đã cư trú ở nhiều nơi, có thời gian cư trú ở nước ngoài, là người nước ngoài, hoặc phải xác minh thì không quá 15 ngày.',
      fees: [
        fee('Phí cung cấp thông tin lý lịch tư pháp', 200_000, '200.000 đồng/lần/người'),
        fee('Phí cung cấp thông tin lý lịch tư pháp (sinh viên, người có công với cách mạng, thân nhân liệt sĩ)', 100_000, '100.000 đồng/lần/người'),
        fee('Phiếu thứ ba trở đi trong một lần yêu cầu', 5_000, '5.000 đồng/Phiếu'),
        fee('Trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo', 0, 'Miễn phí'),
      ],
      parts: [
        part('to-khai', `Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp số ${no}`, { formKey: JUDICIAL_RECORD_FORM }),
        optionalPart('giay-to-tuy-than', 'Bản chụp giấy tờ tùy thân (khi chưa xác thực qua tài khoản định danh điện tử)'),
        // Only certificate no. 1 may be requested by an authorised person (art. 45(2), 46(2)).
        ...(no === 1 ? [optionalPart('van-ban-uy-quyen', 'Văn bản ủy quyền (khi ủy quyền yêu cầu cấp Phiếu số 1)')] : []),
      ],
      legalBases: [law('28/2009/QH12', 'Luật Lý lịch tư pháp', '2009-06-17'), law('111/2010/NĐ-CP', 'Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp', '2010-11-23'), law('244/2016/TT-BTC', 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp', '2016-11-11')],
      resultType: `Phiếu lý lịch tư pháp số ${no}`,
      verification: unconfirmed(['nationalCode', 'name'], 'Cổng dịch vụ công Bộ Công an (nguồn thứ cấp); mô tả của issue 9', 'Mã và tên chưa đối chiếu được với Cơ sở dữ liệu quốc gia về thủ tục hành chính.'),
    },
  };
}
