import type { CivilDate, Instant } from './types.ts';

/** Vietnam is UTC+7 all year round: no time-zone database needed. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** An instant as a `Date`; throws on an unreadable value rather than printing "NaN". */
export function toInstant(value: Instant): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date;
}

function vietnamParts(value: Instant): Parts {
  const shifted = new Date(toInstant(value).getTime() + VIETNAM_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

function civilParts(value: CivilDate): Pick<Parts, 'year' | 'month' | 'day'> {
  if (typeof value === 'string') {
    const m = CIVIL_DATE.exec(value);
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const check = new Date(Date.UTC(year, month - 1, day));
      if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`not a calendar date: ${value}`);
      return { year, month, day };
    }
  }
  return vietnamParts(value);
}

/** `dd/MM/yyyy`. */
export function formatDate(value: CivilDate): string {
  const p = civilParts(value);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** `HH:mm dd/MM/yyyy`, in Vietnam time. */
export function formatDateTime(value: Instant): string {
  const p = vietnamParts(value);
  return `${pad2(p.hour)}:${pad2(p.minute)} ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** `09 giờ 15 phút, ngày 27/11/2026`: a time as the forms write it, in Vietnam time. */
export function formatHourMinute(value: Instant): string {
  const p = vietnamParts(value);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** The instant of `HH:mm` on a civil date, in Vietnam time. */
export function atVietnamTime(date: CivilDate, time: string): Date {
  const p = civilParts(date);
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`not a time of day: ${time}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, Number(m[1]), Number(m[2])) - VIETNAM_OFFSET_MS);
}

/** `YYYY-MM-DD` of a civil date, for comparisons. */
export function isoDate(value: CivilDate): string {
  const p = civilParts(value);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/**
 * The place-and-date line: "Đồng Tháp, ngày 27 tháng 11 năm 2026". As Decree 30/2020/NĐ-CP
 * writes it, days below 10 and the months January and February take a leading zero.
 */
export function placeAndDate(place: string, value: CivilDate): string {
  const p = civilParts(value);
  const day = p.day < 10 ? pad2(p.day) : String(p.day);
  const month = p.month < 3 ? pad2(p.month) : String(p.month);
  return `${place}, ngày ${day} tháng ${month} năm ${p.year}`;
}

/** `1.500.000 đồng`: whole đồng, dots between thousands. */
export function formatMoney(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(`not an amount: ${amount}`);
  const whole = Math.round(Math.abs(amount));
  const digits = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 && whole > 0 ? '-' : ''}${digits} đồng`;
}

/** A count as the forms write it: two digits at least ("01 bộ"). */
export const twoDigits = (n: number): string => pad2(n);

/** Upper case with Vietnamese rules (đ → Đ and all the tone marks kept). */
export const upper = (text: string): string => text.toLocaleUpperCase('vi');

/** ASCII only: diacritics dropped, đ → d, anything outside `[A-Za-z0-9._-]` becomes a dash. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}
