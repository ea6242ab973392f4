import type { NoticeEvent } from '../dossier/dossier.deps.ts';

/**
 * Default Vietnamese (and English) notices to applicants, seeded once; administrators edit
 * them afterwards. `{{name}}` placeholders are filled from the dossier; unknown names stay empty.
 * SMS bodies carry no diacritics: brandname SMS for public services is sent unaccented.
 */
export const NOTICE_CHANNELS = ['email', 'sms', 'inapp'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export interface NoticeTemplate {
  event: NoticeEvent;
  channel: NoticeChannel;
  locale: 'vi' | 'en';
  subject: string;
  body: string;
}

const vi: Record<NoticeEvent, { subject: string; body: string; sms: string }> = {
  filed: {
    subject: 'Đã nhận hồ sơ trực tuyến {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) nộp trực tuyến ngày {{submittedDate}} đã được gửi đến Bộ phận Một cửa. Bộ phận Một cửa sẽ kiểm tra hồ sơ và thông báo kết quả tiếp nhận cho Ông/Bà.\nTra cứu: {{lookupUrl}}\n\n{{agencyName}}',
    sms: 'Ho so {{code}} da duoc nop truc tuyen, Bo phan Mot cua se kiem tra. Tra cuu: {{lookupUrl}}',
  },
  received: {
    subject: 'Đã tiếp nhận hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã được tiếp nhận ngày {{receivedDate}}. Ngày hẹn trả kết quả: {{dueDate}}.\nTra cứu: {{lookupUrl}}\n\n{{agencyName}}',
    sms: 'Ho so {{code}} da duoc tiep nhan. Hen tra ket qua ngay {{dueDate}}. Tra cuu: {{lookupUrl}}',
  },
  supplement_requested: {
    subject: 'Yêu cầu bổ sung hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) cần bổ sung:\n{{items}}\n{{note}}\n\nVui lòng bổ sung trực tuyến hoặc tại Bộ phận Một cửa.\n{{agencyName}}',
    sms: 'Ho so {{code}} can bo sung giay to. Chi tiet: {{lookupUrl}}',
  },
  rejected: {
    subject: 'Từ chối tiếp nhận hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) không được tiếp nhận vì:\n{{reason}}\n\n{{agencyName}}',
    sms: 'Ho so {{code}} khong duoc tiep nhan. Ly do: {{reasonAscii}}',
  },
  apologised: {
    subject: 'Văn bản xin lỗi và gia hạn thời gian giải quyết hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\n{{agencyName}} xin lỗi vì hồ sơ {{code}} ({{procedureName}}) không giải quyết được đúng hạn {{previousDueDate}} và gia hạn thời gian giải quyết.\nLý do: {{reason}}\nNgày hẹn trả kết quả mới: {{dueDate}}.\n\nMong Ông/Bà thông cảm.',
    sms: 'Xin loi: ho so {{code}} tre han. Hen tra ket qua moi ngay {{dueDate}}.',
  },
  stopped: {
    subject: 'Thông báo dừng giải quyết hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\n{{agencyName}} thông báo dừng giải quyết hồ sơ {{code}} ({{procedureName}}).\nLý do: {{reason}}\nThông báo dừng giải quyết hồ sơ (Mẫu số 05) được gửi kèm và có thể tải tại: {{lookupUrl}}\n\n{{agencyName}}',
    sms: 'Ho so {{code}} da dung giai quyet. Ly do: {{reasonAscii}}',
  },
  result_ready: {
    subject: 'Đã có kết quả hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã có kết quả. Mời Ông/Bà nhận kết quả tại Bộ phận Một cửa hoặc trực tuyến: {{lookupUrl}}\n\n{{agencyName}}',
    sms: 'Ho so {{code}} da co ket qua. Moi nhan ket qua: {{lookupUrl}}',
  },
  completed: {
    subject: 'Đã trả kết quả hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nKết quả hồ sơ {{code}} ({{procedureName}}) đã được trả. Cảm ơn Ông/Bà. Mời Ông/Bà đánh giá mức độ hài lòng: {{ratingUrl}}\n\n{{agencyName}}',
    sms: 'Ho so {{code}} da tra ket qua. Moi danh gia: {{ratingUrl}}',
  },
  withdrawn: {
    subject: 'Đã rút hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã được rút theo yêu cầu.\n\n{{agencyName}}',
    sms: 'Ho so {{code}} da duoc rut theo yeu cau.',
  },
  cancelled: {
    subject: 'Hủy hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã bị hủy. Lý do: {{reason}}\n\n{{agencyName}}',
    sms: 'Ho so {{code}} da bi huy. Chi tiet: {{lookupUrl}}',
  },
  step_due_soon: {
    subject: 'Sắp đến hạn xử lý hồ sơ {{code}}',
    body: 'Kính gửi {{recipientName}},\n\nBước "{{stepName}}" của hồ sơ {{code}} ({{procedureName}}) đến hạn ngày {{stepDueDate}}. Hạn trả kết quả: {{dueDate}}.\nXem hồ sơ: {{officialUrl}}\n\nHệ thống giải quyết thủ tục hành chính',
    sms: 'Ho so {{code}} sap den han xu ly ({{stepDueDate}}).',
  },
  step_overdue: {
    subject: 'Hồ sơ {{code}} đã quá hạn xử lý',
    body: 'Kính gửi {{recipientName}},\n\nBước "{{stepName}}" của hồ sơ {{code}} ({{procedureName}}) đã quá hạn từ ngày {{stepDueDate}}. Hạn trả kết quả: {{dueDate}}.\nXem hồ sơ: {{officialUrl}}\n\nHệ thống giải quyết thủ tục hành chính',
    sms: 'Ho so {{code}} da qua han xu ly ({{stepDueDate}}).',
  },
};

const en: Record<NoticeEvent, string> = {
  filed: 'Dossier {{code}} filed online; the one-stop desk will check it',
  received: 'Dossier {{code}} received; result due {{dueDate}}',
  supplement_requested: 'Dossier {{code}}: documents to supplement',
  rejected: 'Dossier {{code}} not accepted',
  apologised: 'Dossier {{code}} is late; time limit extended to {{dueDate}}',
  stopped: 'Processing of dossier {{code}} stopped: {{reason}}',
  result_ready: 'Dossier {{code}}: result ready',
  completed: 'Dossier {{code}}: result returned',
  withdrawn: 'Dossier {{code}} withdrawn',
  cancelled: 'Dossier {{code}} cancelled',
  step_due_soon: 'Dossier {{code}}: step "{{stepName}}" due {{stepDueDate}}',
  step_overdue: 'Dossier {{code}}: step "{{stepName}}" overdue since {{stepDueDate}}',
};

/** The link an English mail ends with: the rating form once the result is returned, else the look-up. */
const enLink = (event: NoticeEvent) => (event === 'completed' ? 'Please rate how satisfied you are: {{ratingUrl}}' : '{{lookupUrl}}');

export function defaultTemplates(): NoticeTemplate[] {
  return Object.entries(vi).flatMap(([event, t]) => [
    { event: event as NoticeEvent, channel: 'email' as const, locale: 'vi' as const, subject: t.subject, body: t.body },
    { event: event as NoticeEvent, channel: 'inapp' as const, locale: 'vi' as const, subject: t.subject, body: t.body.split('\n\n')[1] ?? t.body },
    { event: event as NoticeEvent, channel: 'sms' as const, locale: 'vi' as const, subject: '', body: t.sms },
    { event: event as NoticeEvent, channel: 'email' as const, locale: 'en' as const, subject: en[event as NoticeEvent], body: `${en[event as NoticeEvent]}.\n${enLink(event as NoticeEvent)}` },
    { event: event as NoticeEvent, channel: 'inapp' as const, locale: 'en' as const, subject: en[event as NoticeEvent], body: `${en[event as NoticeEvent]}.` },
  ]);
}

/** Fills `{{name}}` placeholders. */
export function renderTemplate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (_m, name: string) => values[name] ?? '');
}
