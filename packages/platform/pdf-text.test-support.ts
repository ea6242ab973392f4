import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The text of a PDF as poppler's `pdftotext -raw` reads it (content order), and its page count. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number; title: string | undefined }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sen-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const { stdout: text } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
    const { stdout: info } = await run('pdfinfo', ['-enc', 'UTF-8', file]);
    return { text: text.normalize('NFC'), pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0), title: /^Title:\s+(.*)$/m.exec(info)?.[1]?.normalize('NFC') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
