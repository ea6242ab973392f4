// Notice templates: the placeholders the server fills (modules/tthc/notices/notice.service.ts
// noticeValues), sample values for the preview, and how long an SMS will be.

export const PLACEHOLDERS = [
  'code', 'procedureName', 'applicantName', 'receivedDate', 'dueDate', 'previousDueDate',
  'lookupUrl', 'ratingUrl', 'reason', 'reasonAscii', 'items', 'note', 'agencyName',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Values that are codes, dates or URLs: safe in an unaccented SMS whatever the dossier. */
const ASCII_PLACEHOLDERS: ReadonlySet<string> = new Set(['code', 'receivedDate', 'dueDate', 'previousDueDate', 'lookupUrl', 'ratingUrl', 'reasonAscii']);

const reason = 'Thiếu bản sao Giấy chứng nhận quyền sử dụng đất';
/** Without diacritics, keeping case (lib/format's foldDiacritics lower-cases, for search). */
const unaccented = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
/** A plausible dossier, so the preview reads like a real notice. */
export const SAMPLE_VALUES: Record<Placeholder, string> = {
  code: 'H19-260315-0042',
  procedureName: 'Đăng ký khai sinh',
  applicantName: 'Nguyễn Thị Hoa',
  receivedDate: '15/03/2026',
  dueDate: '20/03/2026',
  previousDueDate: '18/03/2026',
  lookupUrl: 'https://dichvucong.dongthap.gov.vn/tra-cuu?ma=H19-260315-0042',
  ratingUrl: 'https://dichvucong.dongthap.gov.vn/danh-gia?ma=H19-260315-0042',
  reason,
  // As the server makes it: folded and cut to 100 characters.
  reasonAscii: unaccented(reason).slice(0, 100),
  items: '- to-khai: Tờ khai chưa có chữ ký\n- giay-chung-sinh: Bản chụp không rõ',
  note: 'Vui lòng bổ sung trước ngày 25/03/2026.',
  agencyName: 'Ủy ban nhân dân xã Tân Phú',
};

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** Fills `{{name}}` like the server's renderTemplate: an unknown name becomes empty. */
export function render(text: string, values: Record<string, string> = SAMPLE_VALUES): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? '');
}

/** Names used in `text` that the server does not know (a typo such as `{{dueDat}}`). */
export function unknownPlaceholders(text: string): string[] {
  const known: ReadonlySet<string> = new Set(PLACEHOLDERS);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !known.has(name)))];
}

/** Placeholders whose values are Vietnamese text: they bring diacritics into an SMS. */
export function accentedPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => (PLACEHOLDERS as readonly string[]).includes(name) && !ASCII_PLACEHOLDERS.has(name)))];
}

/** Any Vietnamese diacritic, whatever the Unicode normalisation form. */
export const hasDiacritics = (text: string) => /[\u0300-\u036f]/.test(text.normalize('NFD')) || /[đĐ]/.test(text);

// GSM 03.38: the basic alphabet costs one septet, the extension table two. Anything else
// (Vietnamese letters included) switches the whole message to UCS-2.
const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

export interface SmsLength {
  encoding: 'GSM7' | 'UCS2';
  /** Septets (GSM7) or UTF-16 units (UCS2). */
  units: number;
  /** Parts of a concatenated SMS: 160/153 per part in GSM7, 70/67 in UCS2. */
  segments: number;
}

/** How an operator would count the message (close enough for an editor; the SMSC has the last word). */
export function smsLength(text: string): SmsLength {
  const chars = [...text];
  if (chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c))) {
    const units = chars.reduce((sum, c) => sum + (GSM_EXTENSION.has(c) ? 2 : 1), 0);
    return { encoding: 'GSM7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length;
  return { encoding: 'UCS2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
