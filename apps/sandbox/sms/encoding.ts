/**
 * How an SMS text is encoded and into how many parts it is split, as an operator's SMSC
 * would: GSM 03.38 7-bit when every character is in the GSM alphabet (160 characters in one
 * SMS, 153 per part of a concatenated one; the extension characters take two), otherwise
 * UCS-2 (70, or 67 per part, counted in UTF-16 units). Vietnamese with diacritics is almost
 * always UCS-2, which is why public-service brandname SMS is usually sent without them.
 */

export type SmsEncoding = 'GSM7' | 'UCS2';

export interface SmsTextAnalysis {
  encoding: SmsEncoding;
  /** Septets (GSM7) or UTF-16 units (UCS2) the text takes. */
  units: number;
  segments: number;
  hasDiacritics: boolean;
}

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Reached through the escape code, so each takes two septets. */
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

const LIMITS = {
  GSM7: { single: 160, part: 153 },
  UCS2: { single: 70, part: 67 },
} as const;

/** Most parts a message may be split into. */
export const MAX_SEGMENTS = 5;

function gsmCost(char: string): number | undefined {
  if (GSM_BASIC.has(char)) return 1;
  if (GSM_EXTENSION.has(char)) return 2;
  return undefined;
}

/** Any Vietnamese (or other Latin) diacritic, whatever the Unicode normalisation form. */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036f]/.test(text.normalize('NFD')) || /[đĐ]/.test(text);
}

/**
 * Characters are never split across parts: an escaped GSM character or a surrogate pair
 * that does not fit in what is left of a part starts the next one.
 */
function countSegments(costs: number[], limits: { single: number; part: number }): { units: number; segments: number } {
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  if (units <= limits.single) return { units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.part) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { units, segments };
}

export function analyseSmsText(text: string): SmsTextAnalysis {
  const chars = [...text];
  const gsm = chars.map(gsmCost);
  const encoding: SmsEncoding = gsm.every((cost) => cost !== undefined) ? 'GSM7' : 'UCS2';
  const costs = encoding === 'GSM7' ? (gsm as number[]) : chars.map((char) => char.length);
  return { encoding, ...countSegments(costs, LIMITS[encoding]), hasDiacritics: hasDiacritics(text) };
}
