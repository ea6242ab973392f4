/**
 * Character encodings of X-Road SOAP messages (PR-MESS §2.6, decision 0046): the encoding is the
 * `charset` parameter of the Content-Type, UTF-8 when there is none; a UTF-8 byte-order mark may
 * lead. PR-MESS names no other limit, so the gateway reads every encoding whose byte offsets it can
 * compute exactly — it splices `requestHash` into the provider's answer without re-encoding it —:
 * UTF-8, UTF-16 (LE/BE) and the ASCII-compatible single-byte ones of the WHATWG Encoding standard
 * (ISO-8859-x, windows-125x among them windows-1258 for Vietnamese, KOI8, …). Multi-byte legacy
 * encodings (Shift_JIS, GBK, Big5, EUC-*) and unknown labels are refused. An XML declaration that
 * names another encoding than the one in force is refused as well: the two would read the bytes
 * differently.
 */

export type SoapEncoding = { ok: true; encoding: string } | { ok: false; reason: string };

const MULTI_BYTE_LEGACY = new Set(['big5', 'euc-jp', 'euc-kr', 'gb18030', 'gbk', 'iso-2022-jp', 'shift_jis']);
const UTF16 = new Set(['utf-16le', 'utf-16be']);

/** The WHATWG name of a charset label, or undefined for a label no decoder knows. */
function canonical(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** A media type's parameter (case-insensitive name, quotes removed). */
export function mediaTypeParameter(contentType: string, name: string): string | undefined {
  for (const part of contentType.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
  }
  return undefined;
}

/** The encoding a SOAP part's Content-Type announces (UTF-8 without a charset), if the gateway can read it. */
export function soapEncoding(contentType: string): SoapEncoding {
  const label = mediaTypeParameter(contentType, 'charset');
  if (label === undefined || label.trim() === '') return { ok: true, encoding: 'utf-8' };
  if (label.trim().toLowerCase() === 'utf-16') return { ok: true, encoding: 'utf-16' };
  const encoding = canonical(label.trim());
  if (encoding === undefined || encoding === 'replacement') return { ok: false, reason: `Unknown charset ${label.slice(0, 40)}` };
  if (MULTI_BYTE_LEGACY.has(encoding)) return { ok: false, reason: `Charset ${label.slice(0, 40)} is not accepted here: UTF-8, UTF-16 or a single-byte charset (PR-MESS §2.6)` };
  return { ok: true, encoding };
}

export type DecodedXml = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** What a reader that stops after the SOAP header usually needs: the message is decoded this far first (soap.ts). */
export const HEAD_BYTES = 64 * 1024;

/**
 * The message's text in its encoding; bytes that are not of it are an error (XML 1.0 §4.3.3). A
 * byte-order mark stays in the text (as U+FEFF) so that text offsets map back to bytes. `utf-16`
 * without an order follows its byte-order mark, big-endian without one (RFC 2781 §4.3). With `limit`,
 * only the first bytes, a character cut at the limit left out.
 */
export function decodeXml(bytes: Uint8Array, encoding: string, limit = Infinity): DecodedXml {
  let actual = encoding;
  if (encoding === 'utf-16') actual = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : 'utf-16be';
  let text: string;
  try {
    const partial = bytes.length > limit;
    text = new TextDecoder(actual, { fatal: true, ignoreBOM: true }).decode(partial ? bytes.subarray(0, limit) : bytes, { stream: partial });
  } catch {
    return { ok: false, reason: `The message is not valid ${actual.toUpperCase()}` };
  }
  const declared = /^\uFEFF?<\?xml\s[^?]*?\bencoding\s*=\s*["']([^"']{1,40})["']/.exec(text)?.[1];
  if (declared !== undefined) {
    const named = declared.toLowerCase() === 'utf-16' ? 'utf-16' : canonical(declared);
    const agrees = named === actual || (named === 'utf-16' && UTF16.has(actual));
    if (!agrees) return { ok: false, reason: `The XML declaration names encoding ${declared} but the message is ${actual.toUpperCase()} (PR-MESS §2.6: the Content-Type charset, UTF-8 without one)` };
  }
  return { ok: true, text, encoding: actual };
}

/** The byte offset of a text offset (UTF-16 code units) of a message decoded by {@link decodeXml}. */
export function byteOffset(text: string, offset: number, encoding: string): number {
  if (encoding === 'utf-8') return Buffer.byteLength(text.slice(0, offset), 'utf8');
  if (UTF16.has(encoding)) return offset * 2;
  return offset; // single-byte: one byte, one code unit
}

/** ASCII text (markup the gateway writes) in the message's encoding. */
export function encodeAscii(text: string, encoding: string): Buffer {
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, 'latin1');
}
