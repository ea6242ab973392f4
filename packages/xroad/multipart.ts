import { mediaTypeParameter } from './charset.ts';

/**
 * X-Road SOAP messages with attachments (PR-MESS §2.4, Annex F and G; decision 0046): a
 * `multipart/related` MIME message (RFC 2387, SOAP Messages with Attachments) whose first part is
 * the SOAP message — `text/xml`, or `application/xop+xml` with `type="text/xml"` for MTOM/XOP —
 * sent with `Content-Transfer-Encoding: 8bit`. The gateway never rewrites a part: it only needs the
 * root part's place in the buffered body (to read its header, hash its bytes — PR-MESS §2.2: the
 * request hash of a message with attachments is over the first part — and splice `requestHash`
 * into an answer). Part headers are read as RFC 2046 §5.1.1 and RFC 5322 write them (folded lines
 * unfolded); no part is decoded.
 */

export interface MimePart {
  /** Header names in lower case; a header given twice is refused. */
  headers: Record<string, string>;
  /** Byte offsets of the part's content in the whole body. */
  contentStart: number;
  contentEnd: number;
}

export interface MultipartMessage {
  boundary: string;
  parts: MimePart[];
  /** The root part (the SOAP message), always the first. */
  root: MimePart;
  /** The root's media type, its XML's encoding label (`charset`) included: `text/xml; charset=…`. */
  rootContentType: string;
  /** `application/xop+xml`: MTOM/XOP. */
  xop: boolean;
}

export type MultipartResult = { ok: true; message: MultipartMessage } | { ok: false; reason: string };

export const MULTIPART_RELATED = 'multipart/related';
const MAX_PARTS = 100;
const MAX_PART_HEADER_BYTES = 16 * 1024;
/** RFC 2046 §5.1.1: 1 to 70 of these, not ending with a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const CRLF = Buffer.from('\r\n');

export const isMultipartRelated = (contentType: string | undefined): boolean => contentType?.split(';')[0]!.trim().toLowerCase() === MULTIPART_RELATED;
const mediaType = (contentType: string | undefined) => contentType?.split(';')[0]!.trim().toLowerCase() ?? '';

function readHeaders(block: string): Record<string, string> | string {
  const headers: Record<string, string> = {};
  const unfolded = block.replace(/\r\n(?=[ \t])/g, '');
  for (const line of unfolded.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[!-9;-~]+$/.test(line.slice(0, colon))) return `Malformed part header line ${JSON.stringify(line.slice(0, 40))}`;
    const name = line.slice(0, colon).toLowerCase();
    if (name in headers) return `Part header ${name} given twice`;
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The parts of a buffered `multipart/related` body, checked as PR-MESS §2.4 asks of a SOAP message with attachments. */
export function readMultipartRelated(body: Buffer, contentType: string): MultipartResult {
  const boundary = mediaTypeParameter(contentType, 'boundary');
  if (boundary === undefined || !BOUNDARY.test(boundary)) return { ok: false, reason: 'multipart/related without a valid boundary parameter (RFC 2046 §5.1.1)' };
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.concat([CRLF, dash]);
  // The first boundary line opens the body or follows a preamble's CRLF.
  let at = body.subarray(0, dash.length).equals(dash) ? 0 : body.indexOf(delimiter);
  if (at < 0) return { ok: false, reason: 'The multipart body has no part (its boundary never occurs)' };
  if (at > 0) at += CRLF.length;
  const parts: MimePart[] = [];
  for (;;) {
    at += dash.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break; // the close delimiter
    while (body[at] === 0x20 || body[at] === 0x09) at++; // transport padding
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) return { ok: false, reason: 'A boundary line is not followed by CRLF' };
    at += 2;
    if (parts.length === MAX_PARTS) return { ok: false, reason: `More than ${MAX_PARTS} parts` };
    // A part without headers starts with the empty line itself.
    const headersEnd = body[at] === 0x0d && body[at + 1] === 0x0a ? at : body.indexOf('\r\n\r\n', at);
    if (headersEnd < 0 || headersEnd - at > MAX_PART_HEADER_BYTES) return { ok: false, reason: 'A part has no end to its headers' };
    const headers = readHeaders(body.toString('latin1', at, headersEnd));
    if (typeof headers === 'string') return { ok: false, reason: headers };
    const contentStart = headersEnd + (headersEnd === at ? 2 : 4);
    const next = body.indexOf(delimiter, contentStart - 2);
    if (next < 0) return { ok: false, reason: 'The multipart body has no close delimiter' };
    parts.push({ headers, contentStart, contentEnd: Math.max(next, contentStart) });
    at = next + CRLF.length;
  }
  const root = parts[0];
  if (!root) return { ok: false, reason: 'The multipart body has no part' };

  // PR-MESS §2.4: the SOAP message is the first part; RFC 2387: `start` names the root by its Content-ID.
  const start = mediaTypeParameter(contentType, 'start');
  if (start !== undefined && start !== root.headers['content-id']) return { ok: false, reason: `The root part (start=${start.slice(0, 80)}) must be the first part (PR-MESS §2.4)` };
  const rootType = root.headers['content-type'];
  const xop = mediaType(rootType) === 'application/xop+xml';
  if (mediaType(rootType) !== 'text/xml' && !(xop && mediaTypeParameter(rootType!, 'type')?.toLowerCase() === 'text/xml')) {
    return { ok: false, reason: 'The first part is not a SOAP 1.1 message: text/xml, or application/xop+xml with type="text/xml" for MTOM (PR-MESS §2.4)' };
  }
  const declared = mediaTypeParameter(contentType, 'type')?.toLowerCase();
  if (declared !== undefined && declared !== mediaType(rootType)) return { ok: false, reason: `The multipart type parameter ${declared.slice(0, 40)} is not the root part's type (RFC 2387 §3.1)` };
  const encoding = root.headers['content-transfer-encoding']?.toLowerCase();
  if (encoding !== undefined && encoding !== '8bit') return { ok: false, reason: 'The SOAP part\'s Content-Transfer-Encoding must be 8bit (PR-MESS §2.4)' };
  const charset = mediaTypeParameter(rootType!, 'charset');
  return { ok: true, message: { boundary, parts, root, rootContentType: `text/xml${charset === undefined ? '' : `; charset=${charset}`}`, xop } };
}
