/** Seeded business-registration, construction and food-safety procedures (commune and provincial). */
import { BUILDING_PERMIT_FORM, HOUSEHOLD_BUSINESS_FORM } from './forms.ts';
import { base, charge, COMMUNE, fee, law, LUAT_DOANH_NGHIEP, ND_DANG_KY_KINH_DOANH, optionalPart, part, TT_LE_PHI_HDND, TYPICAL_COUNCIL_CHARGE, unconfirmed, type SeedProcedure } from './common.ts';

const HOUSEHOLD_BUSINESS_DAYS = '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.';

export const LICENSING_PROCEDURES: SeedProcedure[] = [
  // Code 1.001612; 3 working days. Registered by the commune since 1 July 2025. Charge council-set: 100,000 VND typical (unverified).
  {
    processKey: 'mot-cua-co-ban',
    fields: {
      ...base,
      nationalCode: '1.001612',
      verification: unconfirmed(['fees'], 'Nghị định 168/2025/NĐ-CP; Thông tư 85/2019/TT-BTC', TYPICAL_COUNCIL_CHARGE),
      name: 'Đăng ký thành lập hộ kinh doanh',
      fieldCode: 'ho-kinh-doanh',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen'],
      methods: ['online', 'counter', 'post'],
      processingDays: 3,
      processingNote: HOUSEHOLD_BUSINESS_DAYS,
      fees: [charge('Lệ phí đăng ký hộ kinh doanh', 100_000, 'Theo Nghị quyết của Hội đồng nhân dân tỉnh')],
      parts: [
        part('giay-de-nghi', 'Giấy đề nghị đăng ký hộ kinh doanh', { formKey: HOUSEHOLD_BUSINESS_FORM }),
        optionalPart('bien-ban-hop', 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (khi các thành viên hộ gia đình cùng đăng ký)'),
        optionalPart('van-ban-uy-quyen', 'Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh'),
      ],
      conditions: 'Ngành, nghề kinh doanh không bị cấm đầu tư kinh doanh; tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi xã, phường; nộp đủ lệ phí.',
      legalBases: [LUAT_DOANH_NGHIEP, ND_DANG_KY_KINH_DOANH, TT_LE_PHI_HDND],
      resultType: 'Giấy chứng nhận đăng ký hộ kinh doanh',
      fullyOnline: true,
    },
  },
  // Code 2.000720; 3 working days. Charge council-set: 50,000 VND typical (unverified).
  {
    processKey: 'mot-cua-co-ban',
    fields: {
      ...base,
      nationalCode: '2.000720',
      verification: unconfirmed(['fees'], 'Nghị định 168/2025/NĐ-CP; Thông tư 85/2019/TT-BTC', TYPICAL_COUNCIL_CHARGE),
      name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
      fieldCode: 'ho-kinh-doanh',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen'],
      methods: ['online', 'counter', 'post'],
      processingDays: 3,
      processingNote: HOUSEHOLD_BUSINESS_DAYS,
      fees: [charge('Lệ phí đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 50_000, 'Theo Nghị quyết của Hội đồng nhân dân tỉnh')],
      parts: [
        part('thong-bao', 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh'),
        optionalPart('bien-ban-hop', 'Biên bản họp thành viên hộ gia đình (khi thay đổi chủ hộ kinh doanh)'),
        optionalPart('van-ban-uy-quyen', 'Văn bản ủy quyền (khi ủy quyền nộp hồ sơ)'),
      ],
      legalBases: [LUAT_DOANH_NGHIEP, ND_DANG_KY_KINH_DOANH, TT_LE_PHI_HDND],
      resultType: 'Giấy chứng nhận đăng ký hộ kinh doanh',
      fullyOnline: true,
    },
  },
  // Code 1.013225 (2025 series for building permits issued by the commune; the official title also covers
  // level III/IV works — unverified). 15 days for detached houses (Luật Xây dựng art. 102, as amended 2020).
  // Charge council-set: 75,000 VND typical (unverified for Đồng Tháp).
  {
    processKey: 'cap-phep-xay-dung',
    fields: {
      ...base,
      nationalCode: '1.013225',
      verification: unconfirmed(['name', 'fees'], 'Luật Xây dựng 50/2014/QH13 (sửa đổi 2020) Điều 102; Thông tư 85/2019/TT-BTC', `Tên chính thức có thể bao gồm cả công trình cấp III, IV. ${TYPICAL_COUNCIL_CHARGE}`),
      name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
      fieldCode: 'xay-dung',
      level: 'commune',
      implementingAgencies: COMMUNE,
      applicantTypes: ['citizen', 'organisation'],
      methods: ['online', 'counter', 'post'],
      processingDays: 15,
      processingNote: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; nhà trên 7 tầng được thẩm định an toàn phòng cháy, chữa cháy trước khi cấp phép.',
      fees: [charge('Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', 75_000, 'Theo Nghị quyết của Hội đồng nhân dân tỉnh')],
      parts: [
        part('don-de-nghi', 'Đơn đề nghị cấp giấy phép xây dựng', { formKey: BUILDING_PERMIT_FORM }),
        part('quyen-su-dung-dat', 'Bản sao giấy tờ chứng minh quyền sử dụng đất'),
        part('ban-ve', 'Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất, mặt bằng các tầng, mặt đứng, mặt cắt, mặt bằng móng, sơ đồ đấu nối hạ tầng', { originals: 2 }),
        optionalPart('cam-ket-lien-ke', 'Bản cam kết bảo đảm an toàn đối với công trình liền kề (khi có công trình liền kề)'),
      ],
      conditions: 'Phù hợp với quy hoạch sử dụng đất, quy hoạch chi tiết xây dựng hoặc thiết kế đô thị; bảo đảm an toàn cho công trình và công trình lân cận; thiết kế tuân thủ quy chuẩn, tiêu chuẩn xây dựng.',
      legalBases: [
        law('50/2014/QH13', 'Luật Xây dựng', '2014-06-18'),
        law('62/2020/QH14', 'Luật sửa đổi, bổ sung một số điều của Luật Xây dựng', '2020-06-17'),
        law('175/2024/NĐ-CP', 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng', '2024-12-30'),
        TT_LE_PHI_HDND,
      ],
      resultType: 'Giấy phép xây dựng',
    },
  },
  // Code 2.001610 (secondary source, unverified); 3 working days (Luật Doanh nghiệp art. 26);
  // charge 50,000 VND, free online, publication fee 100,000 VND (Thông tư 47/2019/TT-BTC).
  {
    processKey: 'mot-cua-co-ban',
    agencyCode: 'TAM.H19.S02',
    fields: {
      ...base,
      nationalCode: '2.001610',
      verification: unconfirmed(['nationalCode'], 'Luật Doanh nghiệp 59/2020/QH14 Điều 26; Thông tư 47/2019/TT-BTC; mã từ nguồn thứ cấp'),
      name: 'Đăng ký thành lập doanh nghiệp tư nhân',
      fieldCode: 'dang-ky-kinh-doanh',
      level: 'province',
      implementingAgencies: ['Sở Tài chính (Phòng Đăng ký kinh doanh)'],
      applicantTypes: ['citizen'],
      methods: ['online', 'counter', 'post'],
      processingDays: 3,
      processingNote: '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
      fees: [charge('Lệ phí đăng ký doanh nghiệp', 50_000, 'Miễn lệ phí khi đăng ký qua mạng thông tin điện tử'), fee('Phí công bố nội dung đăng ký doanh nghiệp', 100_000)],
      parts: [part('giay-de-nghi', 'Giấy đề nghị đăng ký doanh nghiệp'), optionalPart('van-ban-uy-quyen', 'Văn bản ủy quyền cho người nộp hồ sơ (khi ủy quyền)')],
      conditions: 'Mỗi cá nhân chỉ được quyền thành lập một doanh nghiệp tư nhân và không đồng thời là chủ hộ kinh doanh, thành viên hợp danh của công ty hợp danh.',
      legalBases: [LUAT_DOANH_NGHIEP, ND_DANG_KY_KINH_DOANH, law('47/2019/TT-BTC', 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp', '2019-08-05')],
      resultType: 'Giấy chứng nhận đăng ký doanh nghiệp',
      fullyOnline: true,
    },
  },
  // National code not known: 0.000001 is a provisional code that no national procedure has (replace it).
  // 20 working days including the on-site appraisal (unverified); appraisal fees Thông tư 67/2021/TT-BTC.
  {
    processKey: 'mot-cua-co-ban',
    agencyCode: 'TAM.H19.S08',
    fields: {
      ...base,
      nationalCode: '0.000001',
      verification: unconfirmed(['nationalCode', 'processingDays'], 'Thông tư 67/2021/TT-BTC (phí thẩm định)', 'Chưa tìm được mã thủ tục trên CSDLQG về TTHC: 0.000001 là mã tạm, không thủ tục quốc gia nào có; thời hạn 20 ngày làm việc gồm thẩm định thực tế chưa đối chiếu.'),
      name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất thực phẩm, kinh doanh dịch vụ ăn uống thuộc thẩm quyền của Sở Y tế',
      fieldCode: 'an-toan-thuc-pham',
      level: 'province',
      implementingAgencies: ['Sở Y tế'],
      applicantTypes: ['citizen', 'organisation'],
      methods: ['online', 'counter', 'post'],
      processingDays: 20,
      processingNote: 'Bao gồm thời gian thẩm định thực tế tại cơ sở; cơ sở không đạt thì thông báo bằng văn bản và nêu rõ lý do.',
      fees: [
        fee('Phí thẩm định cơ sở sản xuất thực phẩm (trừ cơ sở sản xuất nhỏ lẻ)', 2_500_000, '2.500.000 đồng/lần/cơ sở'),
        fee('Phí thẩm định cơ sở sản xuất thực phẩm nhỏ lẻ', 500_000, '500.000 đồng/lần/cơ sở'),
        fee('Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ dưới 200 suất ăn', 700_000, '700.000 đồng/lần/cơ sở'),
        fee('Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ từ 200 suất ăn trở lên', 1_000_000, '1.000.000 đồng/lần/cơ sở'),
      ],
      parts: [
        part('don-de-nghi', 'Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm'),
        part('thuyet-minh', 'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện vệ sinh an toàn thực phẩm'),
        part('kien-thuc-attp', 'Giấy xác nhận đủ kiến thức về an toàn thực phẩm của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm'),
        part('suc-khoe', 'Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm'),
      ],
      conditions: 'Cơ sở đáp ứng điều kiện bảo đảm an toàn thực phẩm theo Luật An toàn thực phẩm và các quy chuẩn kỹ thuật tương ứng.',
      legalBases: [
        law('55/2010/QH12', 'Luật An toàn thực phẩm', '2010-06-17'),
        law('15/2018/NĐ-CP', 'Nghị định quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm', '2018-02-02'),
        law('67/2021/TT-BTC', 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong công tác an toàn thực phẩm', '2021-08-05'),
      ],
      resultType: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
    },
  },
];
