import PDFDocument from 'pdfkit';
import { registerFonts } from './fonts.ts';
import { drawLayout, MARGINS } from './layout.ts';
import type { NoticeLayout } from './model.ts';
import { noticeLayout } from './notice.ts';
import type { NoticeDocument } from './types.ts';

/**
 * Renders a layout to an A4 PDF. With `trace`, every string drawn is pushed onto it, in
 * drawing order (tests compare it with `noticeText`).
 *
 * The output is byte-for-byte reproducible: the info dictionary's CreationDate is the issue
 * date, pdfkit derives the file ID from the info dictionary (an MD5, no randomness), font subset
 * tags come from the font's resource name, and zlib compression is deterministic.
 */
export function renderLayout(layout: NoticeLayout, trace?: string[]): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { ...MARGINS },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: layout.info.title,
      Author: layout.info.author,
      Subject: layout.info.subject,
      Keywords: layout.info.keywords,
      Creator: 'Sen',
      CreationDate: layout.info.creationDate,
      ModDate: layout.info.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  try {
    registerFonts(pdf);
    drawLayout({ pdf, trace }, layout);
    pdf.end();
  } catch (error) {
    pdf.destroy();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}

/** The notice as an A4 PDF, in the layout of Circular 01/2018/TT-VPCP's forms. */
export function renderNotice(doc: NoticeDocument): Promise<Buffer> {
  let layout: NoticeLayout;
  try {
    layout = noticeLayout(doc);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return renderLayout(layout);
}
