import { DEJAVU_FILES, dejavuFontBytes, type DejaVuFont } from '../../../packages/platform/index.ts';

/**
 * DejaVu Serif, a Times-like serif with the whole Vietnamese alphabet (precomposed letters
 * with two diacritics included), in its condensed cut: the standard cut is some 10 % wider
 * than Times New Roman, the face Decree 30/2020 has in mind, and would not fit the national
 * motto in its half of the header nor a form's usual text on one page. The condensed cut keeps
 * the proportions of the forms as printed with Times. The loader is the platform's (payment
 * receipts use the same fonts).
 */
export type FontName = DejaVuFont;

export function fontName(style: { bold?: boolean | undefined; italic?: boolean | undefined }): FontName {
  if (style.bold) return 'bold';
  if (style.italic) return 'italic';
  return 'regular';
}

export function registerFonts(pdf: PDFKit.PDFDocument): void {
  for (const name of Object.keys(DEJAVU_FILES) as FontName[]) pdf.registerFont(name, dejavuFontBytes(name));
}
