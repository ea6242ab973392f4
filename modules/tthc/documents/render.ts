import type { NoticeLayout, Paragraph, Run, SignatureSlot, Table } from './model.ts';
import { MOTTO, MOTTO_SUBLINE } from './model.ts';
import { noticeLayout } from './notice.ts';
import { FONT, renderPdf, type Content, type ContentObject, type DocDefinition } from './pdfmake.ts';
import type { NoticeDocument } from './types.ts';

/**
 * A layout as a pdfmake document: header (agency, desk and national motto), title, paragraphs,
 * tables whose cells wrap and whose rows grow, the signature block with the QR code, and page
 * numbers from the second page on. Margins and type sizes follow Decree 30/2020/NĐ-CP on the
 * presentation of administrative documents. Nothing is ever clipped: pdfmake breaks long text
 * into lines, grows rows, and continues tables on new pages under a repeated header.
 */

const PAGE = { portrait: { width: 595.28, height: 841.89 }, landscape: { width: 841.89, height: 595.28 } } as const;
export const MARGINS = { top: 57, bottom: 57, left: 85, right: 57 } as const; // 20/20/30/20 mm
const BODY_SIZE = 13;
const HEADER_SIZE = 12;
const TITLE_SIZE = 14;
const LINE_HEIGHT = 1;
const PARAGRAPH_GAP = 2;
const AGENCY_SHARE = 0.4;
const QR_SIZE = 72;
const CELL_PADDING = 3;
const SIGNING_ROOM = 40;

const runs = (list: Run[]): Content[] => list.filter((r) => r.text !== '').map((r) => ({ text: r.text, bold: r.bold ?? false, italics: r.italic ?? false }));

/** A short centered rule under a header line (`width` is the column's). */
function rule(width: number, length: number): Content {
  const x1 = (width - length) / 2;
  return { canvas: [{ type: 'line', x1, y1: 0, x2: x1 + length, y2: 0, lineWidth: 0.6 }], margin: [0, 1, 0, 0] };
}

function header(layout: NoticeLayout, textWidth: number): Content {
  const left = textWidth * AGENCY_SHARE;
  const agency: Content[] = [
    ...(layout.agencyParent ? [{ text: layout.agencyParent }] : []),
    { text: layout.agencyName, bold: !layout.deskName },
    ...(layout.deskName ? [{ text: layout.deskName, bold: true }] : []),
    rule(left, 60),
    ...(layout.number ? [{ text: layout.number, fontSize: BODY_SIZE, margin: [0, 6, 0, 0] }] : []),
  ];
  const motto: Content[] = [
    { text: MOTTO, bold: true },
    { text: MOTTO_SUBLINE, bold: true, fontSize: BODY_SIZE },
    rule(textWidth - left, 150),
    { text: layout.placeDate, italics: true, fontSize: BODY_SIZE, margin: [0, 6, 0, 0] },
  ];
  return [
    { text: layout.form, alignment: 'right', italics: true, fontSize: 11, margin: [0, -20, 0, 6] },
    { columns: [{ width: left, stack: agency }, { width: '*', stack: motto }], columnGap: 4, alignment: 'center', fontSize: HEADER_SIZE },
  ];
}

function paragraph(block: Paragraph): Content {
  return {
    text: runs(block.runs),
    alignment: block.align ?? 'left',
    margin: [block.indent ?? 0, 0, 0, PARAGRAPH_GAP],
    ...(block.firstLineIndent ? { leadingIndent: block.firstLineIndent } : {}),
  };
}

function table(block: Table, textWidth: number): Content {
  const columns = block.columns.length;
  const free = textWidth - columns * 2 * CELL_PADDING - (columns + 1) * 0.5;
  const widths = block.columns.map((c) => Math.floor(free * c.share * 100) / 100);
  const cellMargin = [0, 0, 0, block.minRowHeight ?? 0];
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      widths,
      body: [
        block.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center' })),
        ...block.rows.map((row) => row.map((cell, i) => ({ text: cell, alignment: block.columns[i]?.align ?? 'left', margin: cellMargin }))),
      ],
    },
    layout: {
      hLineWidth: () => 0.5, vLineWidth: () => 0.5,
      paddingLeft: () => CELL_PADDING, paddingRight: () => CELL_PADDING, paddingTop: () => 2, paddingBottom: () => 2,
    },
    fontSize: block.size,
    lineHeight: 1,
    margin: [0, 2, 0, 6],
  };
}

function slot(s: SignatureSlot): ContentObject {
  return {
    stack: [
      ...(s.onBehalf ? [{ text: s.onBehalf, bold: true }] : []),
      { text: s.title, bold: true },
      { text: s.hint, italics: true, fontSize: 12 },
      { text: s.name, bold: true, margin: [0, SIGNING_ROOM, 0, 0] },
    ],
    alignment: 'center',
    fontSize: HEADER_SIZE,
  };
}

/** The closing band, kept on one page: the QR code bottom left when there is one, the signature slots to its right. */
function closing(layout: NoticeLayout): Content {
  const qr: Content[] = layout.qr
    ? [{ stack: [{ qr: layout.qr.url, fit: QR_SIZE, eccLevel: 'M' }, { text: layout.qr.caption, fontSize: 8, margin: [0, 2, 0, 0] }], width: QR_SIZE + 40 }]
    : [];
  const slots: Content[] = layout.signatures.map((s) => ({ ...slot(s), width: layout.signatures.length > 1 ? '*' : 240 }));
  // A lone slot sits on the right.
  const columns = layout.signatures.length === 1 ? [...qr, { text: '', width: '*' }, ...slots] : [...qr, ...slots];
  return columns.length ? { columns, columnGap: 8, margin: [0, 6, 0, 0], unbreakable: true } : { text: '' };
}

export function docDefinition(layout: NoticeLayout): DocDefinition {
  const orientation = layout.orientation ?? 'portrait';
  const textWidth = PAGE[orientation].width - MARGINS.left - MARGINS.right;
  const body = layout.body.map((block): Content => {
    switch (block.type) {
      case 'paragraph': return paragraph(block);
      case 'table': return table(block, textWidth);
      case 'spacer': return { text: '', margin: [0, block.height, 0, 0] };
    }
  });
  return {
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: [MARGINS.left, MARGINS.top, MARGINS.right, MARGINS.bottom],
    version: '1.7',
    language: 'vi-VN',
    displayTitle: true,
    defaultStyle: { font: FONT, fontSize: BODY_SIZE, lineHeight: LINE_HEIGHT },
    info: { ...layout.info, creator: 'Sen', modDate: layout.info.creationDate },
    header: (page) => (page > 1 ? { text: String(page), alignment: 'center', fontSize: BODY_SIZE, margin: [0, 28, 0, 0] } : null),
    content: [
      header(layout, textWidth),
      { text: layout.title, bold: true, fontSize: TITLE_SIZE, alignment: 'center', margin: [0, 12, 0, 2] },
      ...layout.subtitle.map((line) => ({ text: runs(line), alignment: 'center' })),
      { text: "", margin: [0, 4, 0, 0] },
      ...body,
      closing(layout),
    ],
  };
}

/**
 * Renders a layout to an A4 PDF. The output is reproducible: the info dictionary's dates are
 * the issue date and pdfkit derives the file ID from the info dictionary.
 */
export function renderLayout(layout: NoticeLayout): Promise<Buffer> {
  return renderPdf(docDefinition(layout));
}

/** The notice as an A4 PDF, in the layout of Circular 03/2025/TT-VPCP's forms. */
export function renderNotice(doc: NoticeDocument): Promise<Buffer> {
  let layout: NoticeLayout;
  try {
    layout = noticeLayout(doc);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return renderLayout(layout);
}
