import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * DejaVu Serif, a Times-like serif with the whole Vietnamese alphabet (precomposed letters
 * with two diacritics included), in its condensed cut: the standard cut is some 10 % wider
 * than Times New Roman, the face Decree 30/2020 has in mind, and would not fit the national
 * motto in its half of the header nor a form's usual text on one page. The condensed cut keeps
 * the proportions of the forms as printed with Times.
 */
export const FONT_FILES = {
  regular: 'DejaVuSerifCondensed.ttf',
  bold: 'DejaVuSerifCondensed-Bold.ttf',
  italic: 'DejaVuSerifCondensed-Italic.ttf',
  boldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

let directory: string | undefined;
const bytes = new Map<FontName, Buffer>();

function fontDirectory(): string {
  directory ??= path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return directory;
}

/** The font files are read once per process and shared by every document. */
export function fontBytes(name: FontName): Buffer {
  let data = bytes.get(name);
  if (!data) {
    data = readFileSync(path.join(fontDirectory(), FONT_FILES[name]));
    bytes.set(name, data);
  }
  return data;
}
