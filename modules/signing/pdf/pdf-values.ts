/**
 * The few PDF value types an incremental update needs to read and rewrite (ISO 32000-1 §7.3).
 * Strings and numbers keep their source text, so a value read and written again is byte-identical
 * in everything this code does not change.
 */
export type PdfValue =
  | { t: 'name'; v: string }
  | { t: 'ref'; n: number; g: number }
  | { t: 'raw'; v: string }
  | { t: 'array'; v: PdfValue[] }
  | { t: 'dict'; v: Map<string, PdfValue> };

export type PdfDict = Extract<PdfValue, { t: 'dict' }>;
export type PdfRef = Extract<PdfValue, { t: 'ref' }>;

export class MalformedPdfError extends Error {}

export const name = (v: string): PdfValue => ({ t: 'name', v });
export const ref = (n: number): PdfRef => ({ t: 'ref', n, g: 0 });
export const raw = (v: string | number): PdfValue => ({ t: 'raw', v: String(v) });
export const array = (v: PdfValue[]): PdfValue => ({ t: 'array', v });
export const dict = (entries: Record<string, PdfValue>): PdfDict => ({ t: 'dict', v: new Map(Object.entries(entries)) });

/** A PDF text string: UTF-16BE with its byte-order mark, hex-encoded (any Vietnamese text fits). */
export function textString(text: string): PdfValue {
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  return raw(`<FEFF${utf16.toString('hex').toUpperCase()}>`);
}

const WHITESPACE = new Set([0, 9, 10, 12, 13, 32].map((c) => String.fromCharCode(c)));
const DELIMITERS = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

/** Parses values from latin1 text (one character per byte). */
export class PdfLexer {
  pos: number;
  readonly text: string;
  constructor(text: string, pos = 0) {
    this.text = text;
    this.pos = pos;
  }

  skipSpace(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (WHITESPACE.has(c)) this.pos++;
      else if (c === '%') while (this.pos < text.length && text[this.pos] !== '\n' && text[this.pos] !== '\r') this.pos++;
      else break;
    }
  }

  /** A bare token (number, keyword) at the position. */
  token(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && !WHITESPACE.has(this.text[this.pos]!) && !DELIMITERS.has(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  expect(keyword: string): void {
    const found = this.token();
    if (found !== keyword) throw new MalformedPdfError(`expected "${keyword}" at ${this.pos}, found "${found.slice(0, 20)}"`);
  }

  value(): PdfValue {
    this.skipSpace();
    const { text } = this;
    const c = text[this.pos];
    if (c === undefined) throw new MalformedPdfError('unexpected end of file');
    if (text.startsWith('<<', this.pos)) return this.dictionary();
    if (c === '[') return this.arrayValue();
    if (c === '/') return this.nameValue();
    if (c === '(') return this.literalString();
    if (c === '<') {
      const end = text.indexOf('>', this.pos);
      if (end < 0) throw new MalformedPdfError('unterminated hex string');
      const v = text.slice(this.pos, end + 1);
      this.pos = end + 1;
      return raw(v);
    }
    const word = this.token();
    if (!word) throw new MalformedPdfError(`unexpected "${c}" at ${this.pos}`);
    if (/^\d+$/.test(word)) {
      // `n g R` is a reference; look ahead without consuming otherwise.
      const mark = this.pos;
      const generation = this.token();
      if (/^\d+$/.test(generation) && this.token() === 'R') return { t: 'ref', n: Number(word), g: Number(generation) };
      this.pos = mark;
    }
    return raw(word);
  }

  private dictionary(): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('>>', this.pos)) {
        this.pos += 2;
        return { t: 'dict', v: entries };
      }
      const key = this.value();
      if (key.t !== 'name') throw new MalformedPdfError(`dictionary key expected at ${this.pos}`);
      entries.set(key.v, this.value());
    }
  }

  private arrayValue(): PdfValue {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return array(items);
      }
      if (this.pos >= this.text.length) throw new MalformedPdfError('unterminated array');
      items.push(this.value());
    }
  }

  private nameValue(): PdfValue {
    this.pos++;
    const start = this.pos;
    while (this.pos < this.text.length && !WHITESPACE.has(this.text[this.pos]!) && !DELIMITERS.has(this.text[this.pos]!)) this.pos++;
    return name(this.text.slice(start, this.pos));
  }

  private literalString(): PdfValue {
    const start = this.pos;
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        this.pos++;
        return raw(this.text.slice(start, this.pos));
      }
    }
    throw new MalformedPdfError('unterminated string');
  }
}

export function serialize(value: PdfValue): string {
  switch (value.t) {
    case 'name': return `/${value.v}`;
    case 'ref': return `${value.n} ${value.g} R`;
    case 'raw': return value.v;
    case 'array': return `[${value.v.map(serialize).join(' ')}]`;
    case 'dict': return `<<${[...value.v].map(([key, v]) => `/${key} ${serialize(v)}`).join(' ')}>>`;
  }
}

export function asDict(value: PdfValue | undefined, what: string): PdfDict {
  if (value?.t !== 'dict') throw new MalformedPdfError(`${what} is not a dictionary`);
  return value;
}
