import { soapEncoding } from './charset.ts';
import { isMultipartRelated, readMultipartRelated, type MultipartMessage } from './multipart.ts';
import { soapContentType, withRequestHash, type SoapResponseResult } from './soap.ts';

/**
 * Where the SOAP message is in an HTTP body (PR-MESS §2.4, decision 0046): the whole body for
 * `text/xml`, the first part of a `multipart/related` message with attachments (SwA or MTOM/XOP).
 * The request hash is over those bytes (PR-MESS §2.2), and `requestHash` is spliced into those of
 * an answer; attachments pass untouched.
 */
export interface SoapPart {
  /** The SOAP message's bytes (a view into the body). */
  bytes: Buffer;
  /** Its character encoding (charset.ts). */
  encoding: string;
  multipart?: MultipartMessage;
}

export type SoapPartResult = { ok: true; part: SoapPart } | { ok: false; problem: 'InvalidContentType' | 'MimeParsingFailed'; reason: string };

export function soapPartOf(body: Buffer, contentType: string | undefined): SoapPartResult {
  if (isMultipartRelated(contentType)) {
    const read = readMultipartRelated(body, contentType!);
    if (!read.ok) return { ok: false, problem: 'MimeParsingFailed', reason: read.reason };
    const encoding = soapEncoding(read.message.rootContentType);
    if (!encoding.ok) return { ok: false, problem: 'InvalidContentType', reason: encoding.reason };
    const { root } = read.message;
    return { ok: true, part: { bytes: body.subarray(root.contentStart, root.contentEnd), encoding: encoding.encoding, multipart: read.message } };
  }
  const type = soapContentType(contentType);
  if (!type.ok) return { ok: false, problem: 'InvalidContentType', reason: type.reason };
  return { ok: true, part: { bytes: body, encoding: type.encoding } };
}

/**
 * The provider's answer, `text/xml` or `multipart/related`, with the request's hash in its SOAP
 * header (soap.ts `withRequestHash`); in a multipart answer only the root part's content changes.
 */
export function answerWithRequestHash(body: Buffer, contentType: string | undefined, requestHash: string): SoapResponseResult {
  // A provider that names no type is read as SOAP 1.1 text/xml in UTF-8, as before.
  const part = soapPartOf(body, contentType ?? 'text/xml');
  if (!part.ok) return { ok: false, reason: `The provider's answer is not a SOAP message: ${part.reason}` };
  const { bytes, encoding, multipart } = part.part;
  const answer = withRequestHash(bytes, requestHash, encoding);
  if (!answer.ok || !multipart) return answer;
  const { contentStart, contentEnd } = multipart.root;
  return { ...answer, body: Buffer.concat([body.subarray(0, contentStart), answer.body, body.subarray(contentEnd)]) };
}
