import { PDFMAKE_FONT, pdfmakeWithDejaVu } from '../../../packages/platform/index.ts';
import { PdfFile, type ObjectAllocator } from './pdf-file.ts';
import { MalformedPdfError, asDict, dict, name, raw, array, type PdfRef } from './pdf-values.ts';

/**
 * The visible stamp of a signature: a small framed block "Ký bởi / Cơ quan / Thời gian" and, for
 * a registered result, its registry code with a QR of the public verification address, laid out
 * by pdfmake as a one-page PDF of the stamp's size (so the Vietnamese text gets a properly
 * subset, embedded DejaVu font with its ToUnicode map) and then imported into the signed document
 * as the widget's appearance (a form XObject).
 */
export const STAMP_WIDTH = 270;
export const STAMP_HEIGHT = 64;
const QR_SIZE = 54;

export interface StampText {
  signer: string;
  agency: string;
  /** Already formatted for people (Vietnam time). */
  time: string;
  /** A registered result's code and the address that verifies it (the QR's content). */
  result?: { code: string; verificationUrl: string } | undefined;
}

export function stampLines(text: StampText): string[] {
  const lines = [`Ký bởi: ${text.signer}`, `Cơ quan: ${text.agency}`, `Thời gian: ${text.time}`];
  return text.result ? [...lines, `Mã kết quả: ${text.result.code}`] : lines;
}

/** The stamp alone, as a one-page PDF of the stamp's size. */
export async function renderStampPage(text: StampText): Promise<Buffer> {
  const [signer, agency, time, code] = stampLines(text);
  const lines = [
    { text: 'ĐÃ KÝ SỐ / DIGITALLY SIGNED', bold: true, fontSize: 7 },
    { text: signer!, bold: true },
    { text: agency! },
    { text: time! },
    ...(code ? [{ text: code, bold: true }] : []),
  ];
  return pdfmakeWithDejaVu().createPdf({
    pageSize: { width: STAMP_WIDTH, height: STAMP_HEIGHT },
    pageMargins: [6, 5, 6, 4],
    defaultStyle: { font: PDFMAKE_FONT, fontSize: 7.5, color: '#b3261e', lineHeight: 1.1 },
    compress: true,
    background: () => ({ canvas: [{ type: 'rect', x: 1.5, y: 1.5, w: STAMP_WIDTH - 3, h: STAMP_HEIGHT - 3, lineWidth: 1, lineColor: '#b3261e' }] }),
    content: text.result
      // The QR carries the verification address, so a phone opens /xac-minh?ma=<code> directly.
      ? { columns: [{ width: QR_SIZE, qr: text.result.verificationUrl, fit: QR_SIZE, eccLevel: 'M', foreground: '#000000' }, { width: '*', stack: lines, margin: [6, 0, 0, 0] }] }
      : lines,
  }).getBuffer();
}

/** Imports the stamp into the document being updated; answers the form XObject's reference. */
export async function importStamp(allocator: ObjectAllocator, text: StampText): Promise<PdfRef> {
  const stamp = new PdfFile(await renderStampPage(text));
  const page = stamp.pageRefs()[0]!;
  const contents = stamp.resolve(asDict(stamp.object(page.n).value, 'stamp page').v.get('Contents'));
  const contentRef = asDict(stamp.object(page.n).value, 'stamp page').v.get('Contents');
  if (contentRef?.t !== 'ref' || contents?.t !== 'dict') throw new MalformedPdfError('the stamp page has no single content stream');
  const content = stamp.object(contentRef.n);
  const resources = allocator.importFrom(stamp, stamp.inherited(page, 'Resources') ?? dict({}));
  const form = dict({
    Type: name('XObject'), Subtype: name('Form'), BBox: array([raw(0), raw(0), raw(STAMP_WIDTH), raw(STAMP_HEIGHT)]), Resources: resources,
  });
  for (const key of ['Filter', 'DecodeParms']) {
    const value = contents.v.get(key);
    if (value) form.v.set(key, value);
  }
  form.v.set('Length', raw(content.stream!.length));
  return allocator.add(form, content.stream);
}
