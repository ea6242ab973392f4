/**
 * UPU S10 item identifiers, the tracking numbers printed on Vietnam Post labels:
 * two service letters, an eight-digit serial, a check digit and the country code
 * (`EB123456785VN`). The check digit lets a desk officer's scanner or Sen reject a mistyped
 * number before asking the postal service about it.
 */
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
const S10_PATTERN = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

/** Check digit of an eight-digit serial: 11 − (weighted sum mod 11), with 10 → 0 and 11 → 5. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError('an S10 serial has exactly 8 digits');
  const sum = S10_WEIGHTS.reduce((total, weight, i) => total + weight * Number(serial[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/** True for a well-formed S10 identifier whose check digit matches (any country code). */
export function isValidS10(value: string): boolean {
  const match = S10_PATTERN.exec(value);
  return match !== null && s10CheckDigit(match[2]!) === Number(match[3]);
}

/** Builds an S10 identifier from its service letters and serial number. */
export function formatS10(serviceLetters: string, serial: number, country = 'VN'): string {
  if (!/^[A-Z]{2}$/.test(serviceLetters) || !/^[A-Z]{2}$/.test(country)) throw new RangeError('S10 letters are two capitals');
  if (!Number.isInteger(serial) || serial < 0 || serial > 99_999_999) throw new RangeError('an S10 serial is 0–99,999,999');
  const digits = String(serial).padStart(8, '0');
  return `${serviceLetters}${digits}${s10CheckDigit(digits)}${country}`;
}
