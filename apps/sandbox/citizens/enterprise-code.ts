import { seededRandom } from './random.ts';

/**
 * Enterprise codes (mã số doanh nghiệp) are the enterprise's 10-digit tax code: 2 digits of
 * the tax province, 7 digits of sequence and a check digit over the first nine.
 */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** The check digit of a 9-digit prefix, or undefined when the prefix is not allowed (check would be 10). */
export function enterpriseCheckDigit(prefix: string): number | undefined {
  if (!/^\d{9}$/.test(prefix)) return undefined;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(prefix[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? undefined : check;
}

export function isValidEnterpriseCode(code: string): boolean {
  if (!/^\d{10}$/.test(code)) return false;
  return enterpriseCheckDigit(code.slice(0, 9)) === Number(code[9]);
}

/** Tax province prefixes of the merged Đồng Tháp: 14 (Đồng Tháp) and 12 (former Tiền Giang). */
const TAX_PROVINCES = [['14', 3], ['12', 2]] as const;

/** A valid enterprise code drawn deterministically from `key` (e.g. seed and representative). */
export function generateEnterpriseCode(key: string): string {
  const random = seededRandom(`enterprise|${key}`);
  for (;;) {
    const prefix = `${random.weighted(TAX_PROVINCES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
    const check = enterpriseCheckDigit(prefix);
    if (check !== undefined) return `${prefix}${check}`;
  }
}
