import { ObjectAllocator, PdfFile, appendUpdate, type NewObject } from './pdf-file.ts';
import { importStamp, STAMP_HEIGHT, STAMP_WIDTH, type StampText } from './stamp.ts';
import { MalformedPdfError, array, asDict, dict, name, raw, textString, type PdfDict, type PdfValue } from './pdf-values.ts';

/**
 * A signature field with its widget (the visible stamp) and an empty signature dictionary,
 * appended to a PDF as an incremental update (ISO 32000-1 §12.7.4.5, §12.8): /ByteRange and
 * /Contents are placeholders of fixed width, filled once the CMS signature of the bytes around
 * /Contents is known. Each signature is a new revision, so a document can carry several.
 */

/** Room for the CMS SignedData: certificates, signature and time-stamp token (hex doubles it). */
export const CONTENTS_BYTES = 16 * 1024;
const BYTE_RANGE_PLACEHOLDER = `[0 ${'9'.repeat(10)} ${'9'.repeat(10)} ${'9'.repeat(10)}]`;

export interface PlaceholderOptions {
  stamp: StampText;
  /** Signer's name in /Name, reason and location (shown by readers). */
  signerName: string;
  reason: string;
  location: string;
  signingTime: Date;
}

export interface PreparedPdf {
  bytes: Buffer;
  /** [0, start of /Contents value, end of it, rest] — the bytes the signature covers. */
  byteRange: [number, number, number, number];
}

/** `D:YYYYMMDDHHmmSS+00'00'` (PDF date). */
export function pdfDate(at: Date): string {
  const iso = at.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00')`;
}

function existingFields(file: PdfFile, acroForm: PdfDict | undefined): PdfValue[] {
  const fields = file.resolve(acroForm?.v.get('Fields'));
  return fields?.t === 'array' ? fields.v : [];
}

function countSignatureFields(file: PdfFile, fields: PdfValue[]): number {
  return fields.filter((field) => {
    const value = file.resolve(field);
    return value?.t === 'dict' && value.v.get('FT')?.t === 'name' && (value.v.get('FT') as { v: string }).v === 'Sig';
  }).length;
}

/** Where the n-th stamp goes on the last page: bottom right, then leftwards, then a row up. */
function stampRect(mediaBox: PdfValue | undefined, index: number): PdfValue {
  const box = mediaBox?.t === 'array' ? mediaBox.v.map((v) => (v.t === 'raw' ? Number(v.v) : 0)) : [0, 0, 595.28, 841.89];
  const [x0, y0, x1] = [box[0]!, box[1]!, box[2]!];
  const perRow = Math.max(1, Math.floor((x1 - x0 - 36) / (STAMP_WIDTH + 8)));
  const column = index % perRow;
  const row = Math.floor(index / perRow);
  const right = x1 - 28 - column * (STAMP_WIDTH + 8);
  const bottom = y0 + 28 + row * (STAMP_HEIGHT + 8);
  return array([right - STAMP_WIDTH, bottom, right, bottom + STAMP_HEIGHT].map((n) => raw(n.toFixed(2))));
}

export async function preparePlaceholder(input: Buffer, options: PlaceholderOptions): Promise<PreparedPdf> {
  const file = new PdfFile(input);
  const allocator = new ObjectAllocator(file);
  const rewritten: NewObject[] = [];
  const rootRef = file.rootRef();
  const catalog = structuredCloneDict(asDict(file.object(rootRef.n).value, 'catalog'));
  const acroFormValue = catalog.v.get('AcroForm');
  const acroForm = acroFormValue ? structuredCloneDict(asDict(file.resolve(acroFormValue), 'AcroForm')) : undefined;
  const fields = existingFields(file, acroForm);
  const pages = file.pageRefs();
  const pageRef = pages[pages.length - 1]!;
  const page = structuredCloneDict(asDict(file.object(pageRef.n).value, 'page'));

  const signature = allocator.add(dict({
    Type: name('Sig'), Filter: name('Adobe.PPKLite'), SubFilter: name('ETSI.CAdES.detached'),
    ByteRange: raw(BYTE_RANGE_PLACEHOLDER), Contents: raw(`<${'0'.repeat(CONTENTS_BYTES * 2)}>`),
    M: raw(pdfDate(options.signingTime)), Name: textString(options.signerName), Reason: textString(options.reason), Location: textString(options.location),
  }));
  const appearance = await importStamp(allocator, options.stamp);
  const index = countSignatureFields(file, fields);
  const widget = allocator.add(dict({
    Type: name('Annot'), Subtype: name('Widget'), FT: name('Sig'), T: textString(`Signature${index + 1}`), V: signature,
    F: raw(132), Rect: stampRect(file.inherited(pageRef, 'MediaBox'), index), P: pageRef, AP: dict({ N: appearance }),
  }));

  // The page lists the widget among its annotations (an indirect /Annots array is rewritten where it is).
  const annots = page.v.get('Annots');
  if (annots?.t === 'ref') {
    const list = file.resolve(annots);
    rewritten.push({ num: annots.n, value: array([...(list?.t === 'array' ? list.v : []), widget]) });
  } else {
    page.v.set('Annots', array([...(annots?.t === 'array' ? annots.v : []), widget]));
    rewritten.push({ num: pageRef.n, value: page });
  }

  const form = acroForm ?? dict({});
  form.v.set('Fields', array([...fields, widget]));
  form.v.set('SigFlags', raw(3));
  if (acroFormValue?.t === 'ref') rewritten.push({ num: acroFormValue.n, value: form });
  else {
    catalog.v.set('AcroForm', form);
    rewritten.push({ num: rootRef.n, value: catalog });
  }
  const bytes = appendUpdate(file, [...rewritten, ...allocator.objects]);
  return { bytes, byteRange: locateByteRange(bytes, input.length) };
}

function structuredCloneDict(value: PdfDict): PdfDict {
  return { t: 'dict', v: new Map(value.v) };
}

/** Finds the placeholders of the update appended after `from`, and writes the real /ByteRange. */
function locateByteRange(bytes: Buffer, from: number): [number, number, number, number] {
  const rangeAt = bytes.indexOf(BYTE_RANGE_PLACEHOLDER, from, 'latin1');
  const contentsAt = bytes.indexOf(`/Contents <${'0'.repeat(64)}`, from, 'latin1');
  if (rangeAt < 0 || contentsAt < 0) throw new MalformedPdfError('signature placeholders not found');
  const start = contentsAt + '/Contents '.length;
  const end = start + CONTENTS_BYTES * 2 + 2;
  const byteRange: [number, number, number, number] = [0, start, end, bytes.length - end];
  const text = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  bytes.write(text.replace(/\]( *)$/, '$1]'), rangeAt, 'latin1');
  return byteRange;
}

/** The bytes a signature covers. */
export function signedBytes(bytes: Buffer, byteRange: readonly number[]): Buffer {
  const [a, b, c, d] = byteRange as [number, number, number, number];
  return Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
}

/** Writes the DER signature into the /Contents placeholder (hex, zero-padded). */
export function embedSignature(prepared: PreparedPdf, der: Uint8Array): Buffer {
  if (der.length > CONTENTS_BYTES) throw new Error(`the signature (${der.length} bytes) does not fit the reserved ${CONTENTS_BYTES} bytes`);
  const out = Buffer.from(prepared.bytes);
  out.write(Buffer.from(der).toString('hex').toUpperCase(), prepared.byteRange[1] + 1, 'latin1');
  return out;
}
