/**
 * DejaVu Serif, a Times-like serif with the whole Vietnamese alphabet (precomposed letters
 * with two diacritics included), in its condensed cut: the standard cut is some 10 % wider
 * than Times New Roman, the face Decree 30/2020 has in mind, and would not fit the national
 * motto in its half of the header nor a form's usual text on one page. The condensed cut keeps
 * the proportions of the forms as printed with Times. The loader is the platform's (payment
 * receipts use the same fonts).
 */
export { DEJAVU_FILES as FONT_FILES, dejavuFontBytes as fontBytes, type DejaVuFont as FontName } from '../../../packages/platform/index.ts';
