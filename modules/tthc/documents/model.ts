/**
 * A notice as laid out: every string the renderer prints, in order, with just enough
 * structure to place it. Each document kind builds one of these; `linesOf` reads the strings
 * back, and the renderer (render.ts, on pdfmake) prints nothing else apart from page numbers
 * and the table header repeated on continuation pages; tests compare the two by extracting
 * the PDF's text.
 */

export const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO_SUBLINE = 'Độc lập - Tự do - Hạnh phúc';

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface Paragraph {
  type: 'paragraph';
  runs: Run[];
  align?: Align;
  /** Left offset of every line, in points. */
  indent?: number;
  /** Extra offset of the first line, in points (Vietnamese prose indents its first line). */
  firstLineIndent?: number;
}

export interface TableColumn {
  header: string;
  /** Share of the text width; the shares of a table add up to 1. */
  share: number;
  align?: Align;
}

export interface Table {
  type: 'table';
  columns: TableColumn[];
  rows: string[][];
  /** Font size of the cells; the condensed serif is used. */
  size: number;
  /** Least height of a body row, in points (room to sign in the control sheet). */
  minRowHeight?: number;
}

export interface SignatureSlot {
  /** "KT. GIÁM ĐỐC" when signing on behalf. */
  onBehalf?: string;
  title: string;
  hint: string;
  /** Empty for the applicant's slot, whose name is written by hand. */
  name: string;
}

export interface Spacer {
  type: 'spacer';
  height: number;
}

export type Block = Paragraph | Table | Spacer;

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creationDate: Date;
}

export interface NoticeLayout {
  info: PdfInfo;
  /** "Mẫu số 01": the form's number in Appendix I of Circular 03/2025/TT-VPCP, top right. */
  form: string;
  /** Wide tables (the tracking register) are printed on landscape pages. */
  orientation?: 'portrait' | 'landscape';
  /** Already upper-cased: the governing agency (may be absent) and the agency. */
  agencyParent?: string;
  agencyName: string;
  /** Already upper-cased: the one-stop desk or service centre that issues the form, under the agency. */
  deskName?: string;
  /** "Số: …" under the agency, when numbered. */
  number?: string;
  placeDate: string;
  title: string;
  /** Centered lines under the title ("Mã hồ sơ: …"). */
  subtitle: Run[][];
  body: Block[];
  /** The signature block: one slot sits on the right, two side by side. */
  signatures: SignatureSlot[];
  /** The QR code, at the bottom right, beside the signatures. */
  qr?: { url: string; caption: string };
}

export const joinRuns = (runs: Run[]): string => runs.map((r) => r.text).join('');

export function blockLines(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
      return [joinRuns(block.runs)];
    case 'table':
      return [...block.columns.map((c) => c.header), ...block.rows.flat()];
    case 'spacer':
      return [];
  }
}

/** Every string of the notice, in the order it is drawn. */
export function linesOf(layout: NoticeLayout): string[] {
  return [
    layout.form,
    ...(layout.agencyParent ? [layout.agencyParent] : []),
    ...(layout.agencyName ? [layout.agencyName] : []),
    ...(layout.deskName ? [layout.deskName] : []),
    MOTTO,
    MOTTO_SUBLINE,
    ...(layout.number ? [layout.number] : []),
    layout.placeDate,
    layout.title,
    ...layout.subtitle.map(joinRuns),
    ...layout.body.flatMap(blockLines),
    ...layout.signatures.flatMap((s) => [...(s.onBehalf ? [s.onBehalf] : []), s.title, s.hint, ...(s.name ? [s.name] : [])]),
    ...(layout.qr ? [layout.qr.caption] : []),
  ];
}

/** Shorthands for the document builders. */
export const plain = (text: string): Run => ({ text });
export const bold = (text: string): Run => ({ text, bold: true });

export const para = (runs: Run[], options: Omit<Paragraph, 'type' | 'runs'> = {}): Paragraph => ({ type: 'paragraph', runs, ...options });

/** "Label: value", the label in regular type and the value in bold. */
export const field = (label: string, value: string, options: Omit<Paragraph, 'type' | 'runs'> = {}): Paragraph => para([plain(`${label}: `), bold(value)], options);
