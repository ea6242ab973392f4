import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * DejaVu Serif Condensed, a Times-like serif with the whole Vietnamese alphabet, for every
 * printed document of the platform (tthc forms, payment receipts). Files are read once per
 * process and shared.
 */
export const DEJAVU_FILES = {
  regular: 'DejaVuSerifCondensed.ttf',
  bold: 'DejaVuSerifCondensed-Bold.ttf',
  italic: 'DejaVuSerifCondensed-Italic.ttf',
  boldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf',
} as const;

export type DejaVuFont = keyof typeof DEJAVU_FILES;

let directory: string | undefined;
const cache = new Map<DejaVuFont, Buffer>();

export function dejavuFontBytes(name: DejaVuFont): Buffer {
  let data = cache.get(name);
  if (!data) {
    directory ??= path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    data = readFileSync(path.join(directory, DEJAVU_FILES[name]));
    cache.set(name, data);
  }
  return data;
}
