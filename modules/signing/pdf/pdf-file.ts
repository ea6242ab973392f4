import { MalformedPdfError, PdfLexer, asDict, array, raw, ref, serialize, type PdfDict, type PdfRef, type PdfValue } from './pdf-values.ts';

/**
 * A PDF read through its classic cross-reference tables (every revision, newest first), and
 * incremental updates appended to it (ISO 32000-1 §7.5.6): the bytes already there are never
 * changed, so earlier signatures stay valid.
 *
 * Cross-reference streams and object streams (PDF 1.5 compression) are not read: such a file is
 * refused with UnsupportedPdfError rather than half-understood. pdfmake/pdfkit, which produce
 * the platform's documents, write classic tables.
 */
export class UnsupportedPdfError extends Error {}

export interface PdfObject {
  value: PdfValue;
  /** The raw (still encoded) stream bytes, when the object is a stream. */
  stream?: Buffer;
}

export interface NewObject extends PdfObject {
  num: number;
}

export class PdfFile {
  readonly text: string;
  readonly offsets = new Map<number, number>();
  readonly trailer: PdfDict;
  readonly startXref: number;
  readonly bytes: Buffer;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
    if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) throw new MalformedPdfError('not a PDF file');
    this.text = bytes.toString('latin1');
    const at = this.text.lastIndexOf('startxref');
    if (at < 0) throw new MalformedPdfError('no startxref');
    this.startXref = Number(new PdfLexer(this.text, at + 9).token());
    let trailer: PdfDict | undefined;
    const seen = new Set<number>();
    for (let offset: number | undefined = this.startXref; offset !== undefined;) {
      if (seen.has(offset) || !Number.isInteger(offset) || offset < 0 || offset >= this.text.length) throw new MalformedPdfError('broken cross-reference chain');
      seen.add(offset);
      const section = this.readXrefSection(offset);
      trailer ??= section;
      const previous = section.v.get('Prev');
      offset = previous?.t === 'raw' ? Number(previous.v) : undefined;
    }
    this.trailer = trailer!;
  }

  private readXrefSection(offset: number): PdfDict {
    const lexer = new PdfLexer(this.text, offset);
    if (lexer.token() !== 'xref') throw new UnsupportedPdfError('cross-reference streams are not supported (save the PDF without object streams)');
    for (;;) {
      const first = lexer.token();
      if (first === 'trailer') return asDict(lexer.value(), 'trailer');
      const count = Number(lexer.token());
      if (!/^\d+$/.test(first) || !Number.isInteger(count)) throw new MalformedPdfError('bad cross-reference subsection');
      for (let i = 0; i < count; i++) {
        const entryOffset = Number(lexer.token());
        lexer.token();
        const kind = lexer.token();
        const num = Number(first) + i;
        if (kind === 'n' && !this.offsets.has(num)) this.offsets.set(num, entryOffset);
        else if (kind === 'f' && !this.offsets.has(num)) this.offsets.set(num, -1);
      }
    }
  }

  get size(): number {
    const size = this.trailer.v.get('Size');
    return size?.t === 'raw' ? Number(size.v) : 0;
  }

  object(num: number): PdfObject {
    const offset = this.offsets.get(num);
    if (offset === undefined || offset < 0) throw new MalformedPdfError(`object ${num} is not in the file`);
    const lexer = new PdfLexer(this.text, offset);
    if (Number(lexer.token()) !== num) throw new MalformedPdfError(`object ${num} is not where the cross-reference table says`);
    lexer.token();
    lexer.expect('obj');
    const value = lexer.value();
    lexer.skipSpace();
    if (!this.text.startsWith('stream', lexer.pos)) return { value };
    let start = lexer.pos + 6;
    if (this.text[start] === '\r') start++;
    if (this.text[start] === '\n') start++;
    const length = this.resolve(asDict(value, 'stream').v.get('Length'));
    if (length?.t !== 'raw') throw new MalformedPdfError(`object ${num} has no stream length`);
    return { value, stream: this.bytes.subarray(start, start + Number(length.v)) };
  }

  /** Follows a reference to its value; other values are returned as they are. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value?.t === 'ref' ? this.object(value.n).value : value;
  }

  rootRef(): PdfRef {
    const root = this.trailer.v.get('Root');
    if (root?.t !== 'ref') throw new MalformedPdfError('the trailer has no /Root');
    return root;
  }

  /** The pages in order, walking the page tree from the catalog. */
  pageRefs(): PdfRef[] {
    const pages: PdfRef[] = [];
    const visit = (node: PdfRef, depth: number) => {
      if (depth > 32) throw new MalformedPdfError('page tree too deep');
      const value = asDict(this.object(node.n).value, 'page tree node');
      const kids = this.resolve(value.v.get('Kids'));
      if (kids?.t === 'array') for (const kid of kids.v) if (kid.t === 'ref') visit(kid, depth + 1);
      if (value.v.get('Type')?.t === 'name' && (value.v.get('Type') as { v: string }).v === 'Page') pages.push(node);
    };
    const root = asDict(this.object(this.rootRef().n).value, 'catalog');
    const top = root.v.get('Pages');
    if (top?.t !== 'ref') throw new MalformedPdfError('the catalog has no /Pages');
    visit(top, 0);
    if (!pages.length) throw new MalformedPdfError('the document has no page');
    return pages;
  }

  /** A page's attribute, inherited from its ancestors when not on the page (MediaBox, Resources…). */
  inherited(page: PdfRef, key: string): PdfValue | undefined {
    let node: PdfValue | undefined = page;
    for (let depth = 0; node?.t === 'ref' && depth < 32; depth++) {
      const value = asDict(this.object(node.n).value, 'page tree node');
      if (value.v.has(key)) return this.resolve(value.v.get(key));
      node = value.v.get('Parent');
    }
    return undefined;
  }
}

/**
 * Appends objects as one incremental update: the objects, a cross-reference section for them
 * and a trailer whose /Prev points at the previous section.
 */
export function appendUpdate(file: PdfFile, objects: NewObject[]): Buffer {
  const chunks: Buffer[] = [file.bytes];
  let length = file.bytes.length;
  const push = (chunk: Buffer | string) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    chunks.push(buffer);
    length += buffer.length;
  };
  if (file.bytes[file.bytes.length - 1] !== 0x0a) push('\n');
  const offsets = new Map<number, number>();
  for (const object of objects) {
    offsets.set(object.num, length);
    push(`${object.num} 0 obj\n${serialize(object.value)}\n`);
    if (object.stream) {
      push('stream\n');
      push(object.stream);
      push('\nendstream\n');
    }
    push('endobj\n');
  }
  const xrefAt = length;
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    xref += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(offsets.get(nums[k]!)).padStart(10, '0')} 00000 n\r\n`;
    i = j + 1;
  }
  const trailer = new Map<string, PdfValue>();
  trailer.set('Size', raw(Math.max(file.size, nums[nums.length - 1]! + 1)));
  for (const key of ['Root', 'Info', 'ID']) {
    const value = file.trailer.v.get(key);
    if (value) trailer.set(key, value);
  }
  trailer.set('Prev', raw(file.startXref));
  push(`${xref}trailer\n${serialize({ t: 'dict', v: trailer })}\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat(chunks, length);
}

/** Allocates object numbers after the file's, and copies objects of another PDF into this one. */
export class ObjectAllocator {
  next: number;
  readonly objects: NewObject[] = [];
  constructor(file: PdfFile) {
    this.next = Math.max(file.size, ...file.offsets.keys()) + 1;
  }

  add(value: PdfValue, stream?: Buffer): PdfRef {
    const num = this.next++;
    this.objects.push({ num, value, ...(stream ? { stream } : {}) });
    return ref(num);
  }

  /** Copies `value` from `source`, with every object it references (renumbered), into this update. */
  importFrom(source: PdfFile, value: PdfValue, mapping = new Map<number, number>()): PdfValue {
    switch (value.t) {
      case 'ref': {
        const known = mapping.get(value.n);
        if (known !== undefined) return ref(known);
        const num = this.next++;
        mapping.set(value.n, num);
        const object = source.object(value.n);
        const copied = this.importFrom(source, object.value, mapping);
        this.objects.push({ num, value: copied, ...(object.stream ? { stream: object.stream } : {}) });
        return ref(num);
      }
      case 'array': return array(value.v.map((item) => this.importFrom(source, item, mapping)));
      case 'dict': return { t: 'dict', v: new Map([...value.v].map(([key, item]) => [key, this.importFrom(source, item, mapping)])) };
      default: return value;
    }
  }
}
