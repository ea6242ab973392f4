/** Numbers as Vietnamese readers write them; a missing rate is a dash. */
export const decimal = (value: number | null, digits = 2): string =>
  value === null ? '–' : value.toLocaleString('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: digits });
export const percent = (value: number | null): string => (value === null ? '–' : `${decimal(value)} %`);

/** The current month `YYYY-MM` in Vietnam. */
export function currentMonth(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
}

export const PERIOD_FORMAT = /^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;
