import QRCode from 'qrcode';
import { fontName } from './fonts.ts';
import { joinRuns, MOTTO, MOTTO_SUBLINE, type Align, type NoticeLayout, type Paragraph, type Run, type Table } from './model.ts';

/**
 * Drawing of the shared pieces: header (agency and national motto), title, paragraphs,
 * tables that continue across pages, signature block, QR code and page numbers. Margins and
 * type sizes follow Decree 30/2020/NĐ-CP on the presentation of administrative documents.
 */

const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGINS = { top: 57, bottom: 57, left: 85, right: 57 } as const; // 20/20/30/20 mm
const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
const BOTTOM = PAGE.height - MARGINS.bottom;

const BODY_SIZE = 13;
const HEADER_SIZE = 12;
const TITLE_SIZE = 14;
const LINE_GAP = 1.5;
const PARAGRAPH_GAP = 2;
const AGENCY_WIDTH = 190;
const QR_SIZE = 72;
const QR_CAPTION_SIZE = 8;
const SIGNING_ROOM = 56;
const HINT_SIZE = 12;

/** The PDF document being drawn, and the strings drawn so far when tracing. */
export interface Canvas {
  pdf: PDFKit.PDFDocument;
  trace?: string[] | undefined;
}

interface WriteOptions {
  size?: number;
  width: number;
  align?: Align;
  firstLineIndent?: number;
  /** Clip to this height instead of continuing on a new page (table cells). */
  height?: number;
}

function widthOf(pdf: PDFKit.PDFDocument, run: Run, size: number): number {
  return pdf.font(fontName(run)).fontSize(size).widthOfString(run.text);
}

/**
 * A centered text too long for one line, split in two lines of nearly equal length
 * ("ỦY BAN NHÂN DÂN / TỈNH ĐỒNG THÁP" rather than a lone last word), as headers are set.
 * Text that needs three lines or more is left to the ordinary line breaking.
 */
function balancedLines(pdf: PDFKit.PDFDocument, run: Run, size: number, width: number): string[] {
  if (widthOf(pdf, run, size) <= width) return [run.text];
  const words = run.text.split(' ');
  let best: string[] = [run.text];
  let bestWidth = Infinity;
  for (let k = 1; k < words.length; k++) {
    const lines = [words.slice(0, k).join(' '), words.slice(k).join(' ')];
    const widest = Math.max(...lines.map((text) => widthOf(pdf, { ...run, text }, size)));
    if (widest <= width && widest < bestWidth) [best, bestWidth] = [lines, widest];
  }
  return best;
}

/**
 * Draws one line of runs, wrapped as needed, at (x, y), or where the previous text ended when
 * y is undefined. Every string of the document is drawn through here, whole.
 */
function write(canvas: Canvas, runs: Run[], x: number, y: number | undefined, options: WriteOptions): void {
  canvas.trace?.push(joinRuns(runs));
  const { pdf } = canvas;
  const size = options.size ?? BODY_SIZE;
  const drawn = runs.filter((r) => r.text !== '');
  const top = y ?? pdf.y;
  const centered = options.align === 'center';
  const total = drawn.reduce((sum, run) => sum + widthOf(pdf, run, size), 0);
  if (centered && drawn.length > 1 && total <= options.width) {
    // pdfkit misplaces centered text set in several fonts: place the runs by hand.
    let at = x + (options.width - total) / 2;
    for (const run of drawn) {
      pdf.font(fontName(run)).fontSize(size).text(run.text, at, top, { lineBreak: false });
      at += widthOf(pdf, run, size);
    }
    pdf.x = x;
    pdf.y = top + pdf.currentLineHeight(true) + LINE_GAP;
    return;
  }
  const pieces = centered && drawn.length === 1 ? [{ ...drawn[0]!, text: balancedLines(pdf, drawn[0]!, size, options.width).join('\n') }] : drawn;
  const align = options.align === 'justify' && pieces.length > 1 ? 'left' : (options.align ?? 'left');
  pieces.forEach((run, i) => {
    pdf.font(fontName(run)).fontSize(size);
    const textOptions: PDFKit.Mixins.TextOptions = {
      width: options.width,
      align,
      lineGap: LINE_GAP,
      continued: i < pieces.length - 1,
      ...(options.firstLineIndent ? { indent: options.firstLineIndent } : {}),
      ...(options.height !== undefined ? { height: options.height } : {}),
    };
    if (i === 0) pdf.text(run.text, x, top, textOptions);
    else pdf.text(run.text, textOptions);
  });
}

function rule(pdf: PDFKit.PDFDocument, centerX: number, y: number, length: number): void {
  pdf.save().lineWidth(0.6).moveTo(centerX - length / 2, y).lineTo(centerX + length / 2, y).stroke().restore();
}

/** Agency block top left, national motto top right, then the number and the place-and-date line. */
function drawHeader(canvas: Canvas, layout: NoticeLayout): void {
  const { pdf } = canvas;
  const left = MARGINS.left;
  const rightX = left + AGENCY_WIDTH;
  const rightWidth = TEXT_WIDTH - AGENCY_WIDTH;
  const header = { size: HEADER_SIZE, align: 'center' as const };

  if (layout.agencyParent) write(canvas, [{ text: layout.agencyParent }], left, MARGINS.top, { ...header, width: AGENCY_WIDTH });
  // A form the applicant fills in (a blank tờ khai) has no issuing agency: no name, no rule under it.
  if (layout.agencyName) {
    write(canvas, [{ text: layout.agencyName, bold: true }], left, layout.agencyParent ? undefined : MARGINS.top, { ...header, width: AGENCY_WIDTH });
    const name = { text: layout.agencyName, bold: true };
    const nameWidth = Math.max(...balancedLines(pdf, name, HEADER_SIZE, AGENCY_WIDTH).map((text) => widthOf(pdf, { ...name, text }, HEADER_SIZE)));
    rule(pdf, left + AGENCY_WIDTH / 2, pdf.y + 2, Math.max(40, Math.min(nameWidth, AGENCY_WIDTH) * 0.4));
  } else pdf.y = MARGINS.top;
  const leftBottom = pdf.y + 4;

  write(canvas, [{ text: MOTTO, bold: true }], rightX, MARGINS.top, { ...header, width: rightWidth });
  write(canvas, [{ text: MOTTO_SUBLINE, bold: true }], rightX, undefined, { ...header, size: 13, width: rightWidth });
  rule(pdf, rightX + rightWidth / 2, pdf.y + 1, widthOf(pdf, { text: MOTTO_SUBLINE, bold: true }, 13));
  const rowY = Math.max(leftBottom, pdf.y + 4) + 4;

  if (layout.number) write(canvas, [{ text: layout.number }], left, rowY, { ...header, size: 13, width: AGENCY_WIDTH });
  const leftEnd = pdf.y;
  write(canvas, [{ text: layout.placeDate, italic: true }], rightX, rowY, { ...header, size: 13, width: rightWidth });
  pdf.x = left;
  pdf.y = Math.max(leftEnd, pdf.y) + 16;
}

function drawTitle(canvas: Canvas, layout: NoticeLayout): void {
  write(canvas, [{ text: layout.title, bold: true }], MARGINS.left, undefined, { size: TITLE_SIZE, width: TEXT_WIDTH, align: 'center' });
  for (const line of layout.subtitle) write(canvas, line, MARGINS.left, undefined, { width: TEXT_WIDTH, align: 'center' });
  canvas.pdf.y += 8;
}

function drawParagraph(canvas: Canvas, block: Paragraph): void {
  const indent = block.indent ?? 0;
  write(canvas, block.runs, MARGINS.left + indent, undefined, {
    width: TEXT_WIDTH - indent,
    align: block.align ?? 'left',
    ...(block.firstLineIndent ? { firstLineIndent: block.firstLineIndent } : {}),
  });
  canvas.pdf.x = MARGINS.left;
  canvas.pdf.y += PARAGRAPH_GAP;
}

/** A ruled table; a row that would cross the bottom margin starts a new page under a repeated header. */
function drawTable(canvas: Canvas, table: Table): void {
  const { pdf } = canvas;
  const padX = 3;
  const padY = 2.5;
  const widths = table.columns.map((c) => c.share * TEXT_WIDTH);
  const headers = table.columns.map((c) => c.header);
  const cellHeight = (text: string, i: number, bold: boolean): number =>
    pdf.font(fontName({ bold })).fontSize(table.size).heightOfString(text === '' ? ' ' : text, { width: widths[i]! - 2 * padX, lineGap: 0 });
  const rowHeight = (cells: string[], header: boolean): number => Math.max(...cells.map((cell, i) => cellHeight(cell, i, header))) + 2 * padY;

  let y = pdf.y + 2;
  const newPageIfBeyond = (height: number): boolean => {
    if (y + height <= BOTTOM || y <= MARGINS.top + 1) return false;
    pdf.addPage();
    y = MARGINS.top;
    return true;
  };
  const drawRow = (cells: string[], header: boolean): void => {
    const height = rowHeight(cells, header);
    if (!header && newPageIfBeyond(height)) drawRow(headers, true);
    let x = MARGINS.left;
    cells.forEach((cell, i) => {
      const width = widths[i]!;
      pdf.save().lineWidth(0.5).rect(x, y, width, height).stroke().restore();
      const align = header ? 'center' : (table.columns[i]!.align ?? 'left');
      write(canvas, [{ text: cell, bold: header }], x + padX, y + padY, {
        size: table.size, width: width - 2 * padX, align, height: height - padY,
      });
      x += width;
    });
    y += height;
  };

  // The header goes with the first row: never alone at the foot of a page.
  newPageIfBeyond(rowHeight(headers, true) + (table.rows[0] ? rowHeight(table.rows[0], false) : 0));
  drawRow(headers, true);
  for (const row of table.rows) drawRow(row, false);
  pdf.x = MARGINS.left;
  pdf.y = y + 8;
}

function drawQr(canvas: Canvas, url: string, x: number, y: number): void {
  const { pdf } = canvas;
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const cell = QR_SIZE / modules.size;
  pdf.save();
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      pdf.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
    }
  }
  pdf.fill('black').restore();
}

/**
 * The closing band, kept on one page: the signature slots (title, hint, room to sign, name)
 * and, at its bottom right, the QR code with its caption.
 */
function drawClosing(canvas: Canvas, layout: NoticeLayout): void {
  const { pdf } = canvas;
  const { signatures: slots, qr } = layout;
  const qrStrip = qr ? QR_SIZE + 16 : 0;
  const slotWidth = (TEXT_WIDTH - qrStrip) / 2;
  const lineHeight = (size: number): number => pdf.font(fontName({ bold: true })).fontSize(size).currentLineHeight(true) + LINE_GAP;
  const captionWidth = QR_SIZE + 12;
  const caption = qr ? { text: qr.caption, italic: true } : undefined;
  const captionHeight = caption ? balancedLines(pdf, caption, QR_CAPTION_SIZE, captionWidth).length * (QR_CAPTION_SIZE + 2) : 0;
  const slotHeight = Math.max(0, ...slots.map((s) => (s.onBehalf ? 3 : 2) * lineHeight(BODY_SIZE) + lineHeight(HINT_SIZE) + SIGNING_ROOM));
  const qrHeight = qr ? QR_SIZE + 4 + captionHeight : 0;
  const height = Math.max(slotHeight, qrHeight);
  if (height === 0) return;
  let top = pdf.y + 8;
  if (top + height > BOTTOM) {
    pdf.addPage();
    top = MARGINS.top;
  }
  slots.forEach((slot, i) => {
    const x = MARGINS.left + (slots.length === 1 ? slotWidth : i * slotWidth);
    const options = { width: slotWidth, align: 'center' as const };
    pdf.y = top;
    if (slot.onBehalf) write(canvas, [{ text: slot.onBehalf, bold: true }], x, undefined, options);
    write(canvas, [{ text: slot.title, bold: true }], x, undefined, options);
    write(canvas, [{ text: slot.hint, italic: true }], x, undefined, { ...options, size: HINT_SIZE });
    pdf.y += SIGNING_ROOM;
    if (slot.name) write(canvas, [{ text: slot.name, bold: true }], x, undefined, options);
  });
  if (qr && caption) {
    const x = PAGE.width - MARGINS.right - QR_SIZE;
    const y = top + height - qrHeight;
    drawQr(canvas, qr.url, x, y);
    write(canvas, [caption], x + QR_SIZE / 2 - captionWidth / 2, y + QR_SIZE + 4, { size: QR_CAPTION_SIZE, width: captionWidth, align: 'center' });
  }
  pdf.x = MARGINS.left;
  pdf.y = top + height;
}

/** Page numbers from the second page on, centered in the top margin (Decree 30). */
function drawPageNumbers(canvas: Canvas): void {
  const { pdf } = canvas;
  const range = pdf.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    write(canvas, [{ text: String(i + 1) }], MARGINS.left, MARGINS.top / 2, { width: TEXT_WIDTH, align: 'center' });
  }
}

/** Draws the whole notice on a fresh document (made with `bufferPages: true`). */
export function drawLayout(canvas: Canvas, layout: NoticeLayout): void {
  drawHeader(canvas, layout);
  drawTitle(canvas, layout);
  for (const block of layout.body) {
    if (block.type === 'paragraph') drawParagraph(canvas, block);
    else if (block.type === 'table') drawTable(canvas, block);
    else canvas.pdf.y += block.height;
  }
  drawClosing(canvas, layout);
  drawPageNumbers(canvas);
}
