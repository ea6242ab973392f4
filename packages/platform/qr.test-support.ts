import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';

const run = promisify(execFile);
const PX_PER_PT = 4;

/** A rectangle on a page (1 = the first), in PDF points from the page's top-left corner. */
export interface Area { page?: number; x: number; y: number; width: number; height: number }

/**
 * Rasterises an area of a PDF page with poppler (`pdftoppm`, 288 dpi, grey) and answers
 * the dark/light grid of the square drawn there, sampled at the centre of each of `modules`
 * cells: what a phone's camera would read.
 */
export async function readSquareGrid(pdf: Buffer, area: Area, modules: number): Promise<boolean[][]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sen-qr-'));
  try {
    await writeFile(path.join(dir, 'doc.pdf'), pdf);
    const crop = [area.x, area.y, area.width, area.height].map((n) => String(Math.round(n * PX_PER_PT)));
    await run('pdftoppm', ['-r', String(72 * PX_PER_PT), '-gray', '-singlefile', '-f', String(area.page ?? 1), '-x', crop[0]!, '-y', crop[1]!, '-W', crop[2]!, '-H', crop[3]!, path.join(dir, 'doc.pdf'), path.join(dir, 'area')]);
    const pgm = await readFile(path.join(dir, 'area.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(pgm.toString('latin1', 0, 40));
    if (!header) throw new Error('pdftoppm did not write a PGM');
    const width = Number(header[1]);
    const pixels = pgm.subarray(header[0].length);
    const dark = (x: number, y: number) => pixels[y * width + x]! < 128;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -1, -1];
    for (let y = 0; y < pixels.length / width; y++) {
      for (let x = 0; x < width; x++) {
        if (!dark(x, y)) continue;
        [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
      }
    }
    if (maxX < 0) return [];
    const cell = (maxX - minX + 1) / modules;
    return Array.from({ length: modules }, (_, row) => Array.from({ length: modules }, (_, column) =>
      dark(Math.floor(minX + (column + 0.5) * cell), Math.floor(minY + (row + 0.5) * cell))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Whether `grid` is the QR code of `text` (byte mode, error correction M) under one of the eight
 * masks, module for module: the symbol encodes exactly this text.
 */
export function isQrOf(grid: boolean[][], text: string): boolean {
  return Array.from({ length: 8 }, (_, mask) => QRCode.create([{ data: Buffer.from(text), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: mask as QRCode.QRCodeMaskPattern }))
    .some((symbol) => symbol.modules.size === grid.length
      && grid.every((line, row) => line.every((isDark, column) => isDark === Boolean(symbol.modules.get(row, column)))));
}

/** How many modules a side of the QR of `text` has (byte mode, error correction M). */
export function qrModules(text: string): number {
  return QRCode.create([{ data: Buffer.from(text), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules.size;
}
