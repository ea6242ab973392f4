// Dates are shown dd/MM/yyyy in Asia/Ho_Chi_Minh whatever the browser's zone.
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function toDate(value: string | number | Date): Date | null {
  // A bare calendar date (yyyy-MM-dd) is a day in Viet Nam, not UTC midnight.
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 27/11/2026 */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const date = toDate(value);
  return date ? dateFormat.format(date) : String(value);
}

/** 27/11/2026 14:05:09 */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const date = toDate(value);
  return date ? dateTimeFormat.format(date).replace(',', '') : String(value);
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/** 14:05 27/11/2026: the time first, as a provenance note reads ("lấy lúc 14:05 27/11/2026"). */
export function formatTimeDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const date = toDate(value);
  return date ? `${timeFormat.format(date)} ${dateFormat.format(date)}` : String(value);
}

/** Today's date in Viet Nam as yyyy-MM-dd. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}

/** "Đồng Tháp" → "dong thap": search that ignores Vietnamese diacritics and case. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export function matchesFolded(text: string, query: string): boolean {
  return foldDiacritics(text).includes(foldDiacritics(query.trim()));
}

/** "27/11/2026" (or "27-11-2026", "2026-11-27") → "2026-11-27"; null when not a real date. */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [year, month, day] = vi ? [Number(vi[3]), Number(vi[2]), Number(vi[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const vnd = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 1500000 → "1.500.000 đ" (Vietnamese grouping whatever the UI language: amounts are in đồng). */
export function formatVnd(amount: number): string {
  return `${vnd.format(amount)} đ`;
}

/** 20971520 → "20 MB"; 1536 → "1,5 KB" in Vietnamese, "1.5 KB" in English. */
export function formatBytes(size: number, locale = 'vi'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
