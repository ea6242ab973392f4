import { createRequire } from 'node:module';
import { dejavuFontBytes } from './fonts.ts';

/**
 * pdfmake's shared instance (payment receipts, signature stamps), typed — pdfmake 0.3 ships no
 * type declarations — with the DejaVu fonts registered once as the family `DejaVu`. Its font
 * table is global to the process, so every user goes through here rather than calling setFonts.
 */
export interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

export const PDFMAKE_FONT = 'DejaVu';
const pdfmake = createRequire(import.meta.url)('pdfmake') as PdfMake;
let ready = false;

export function pdfmakeWithDejaVu(): PdfMake {
  if (ready) return pdfmake;
  // Through pdfmake's virtual file system: no path on disk is handed to the renderer.
  pdfmake.virtualfs.writeFileSync('dejavu-regular.ttf', dejavuFontBytes('regular'));
  pdfmake.virtualfs.writeFileSync('dejavu-bold.ttf', dejavuFontBytes('bold'));
  pdfmake.virtualfs.writeFileSync('dejavu-italic.ttf', dejavuFontBytes('italic'));
  // Documents are built from Sen's own data: nothing is fetched from the network or read from disk.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.setFonts({ [PDFMAKE_FONT]: { normal: 'dejavu-regular.ttf', bold: 'dejavu-bold.ttf', italics: 'dejavu-italic.ttf', bolditalics: 'dejavu-bold.ttf' } });
  ready = true;
  return pdfmake;
}
