export { pdfText } from '../../../packages/platform/testing.ts';

/**
 * The words of `lines` that the extracted text lacks. Whitespace is ignored on both sides, so a
 * long token that the layout broke over two lines still counts as present; a clipped word does not.
 */
export function missingWords(text: string, lines: string[]): string[] {
  const flat = text.replace(/\s+/g, '');
  return [...new Set(lines.flatMap((line) => line.split(/\s+/)).filter(Boolean))].filter((word) => !flat.includes(word));
}
