/**
 * Vietnamese mobile numbers as brandname SMS gateways accept them: `0`, `84` or `+84`
 * followed by nine digits starting 3, 5, 7, 8 or 9 (the mobile ranges since the 2018
 * renumbering). Spaces, dots and dashes are ignored. Normalised form: `84xxxxxxxxx`.
 */
const MOBILE = /^(?:\+84|84|0)([35789]\d{8})$/;

export function normalisePhone(input: string): string | undefined {
  const match = MOBILE.exec(input.replace(/[\s.-]/g, ''));
  return match ? `84${match[1]}` : undefined;
}

/** Local display form: `84912345678` → `0912345678`. */
export const localPhone = (normalised: string): string => `0${normalised.slice(2)}`;

/**
 * Test range: numbers ending in 0000 (e.g. 0912340000) are accepted but never delivered,
 * so Sen's handling of failed SMS can be tested.
 */
export const FAILING_NUMBER_SUFFIX = '0000';

export const isFailingTestNumber = (normalised: string): boolean => normalised.endsWith(FAILING_NUMBER_SUFFIX);
