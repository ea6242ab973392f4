import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { answerWithRequestHash, readMultipartRelated, readSoapMessage, soapPartOf, soapRequestHash } from './index.ts';
import { annexAttachmentSoap } from './soap.test-support.ts';

// PR-MESS 4.0 Annex F (SwA) and Annex G (MTOM).
const ATTACHMENT = ['--MIME_boundary', 'Content-Type: application/octet-stream; name=data.bin', 'Content-Transfer-Encoding: base64', 'Content-ID: <data.bin>',
  'Content-Disposition: attachment; name="data.bin"; filename="data.bin"', '', 'VGhpcyBpcyBhdHRhY2htZW50Lg0K', '--MIME_boundary--', ''].join('\r\n');
const multipart = (rootHeaders: string[], soap: string) => Buffer.from(['--MIME_boundary', ...rootHeaders, '', soap, ATTACHMENT].join('\r\n'));

const F_TYPE = 'multipart/related; type="text/xml"; start="<rootpart>"; boundary="MIME_boundary"';
const F_SOAP = annexAttachmentSoap('exampleServiceSwaRef', 'cid:data.bin');
const F = multipart(['Content-Type: text/xml; charset=UTF-8', 'Content-Transfer-Encoding: 8bit', 'Content-ID: <rootpart>'], F_SOAP);
const G_TYPE = 'multipart/related; type="application/xop+xml"; start="<rootpart>";\r\n    start-info="text/xml"; boundary="MIME_boundary"';
const G_SOAP = annexAttachmentSoap('exampleServiceMtom', '\r\n                <inc:Include href="cid:data.bin"\r\n                        xmlns:inc="http://www.w3.org/2004/08/xop/include" />\r\n            ');
const G = multipart(['Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"', 'Content-Transfer-Encoding: 8bit', 'Content-ID: <rootpart>'], G_SOAP);

test('PR-MESS §2.4, Annex F: a SwA message — the SOAP message is the first part, attachments follow untouched', () => {
  const read = readMultipartRelated(F, F_TYPE);
  assert.ok(read.ok, read.ok ? '' : read.reason);
  assert.equal(read.message.parts.length, 2);
  const [root, attachment] = read.message.parts;
  // The CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1): the part is the SOAP text exactly.
  assert.equal(F.toString('utf8', root!.contentStart, root!.contentEnd), F_SOAP);
  assert.equal(attachment!.headers['content-id'], '<data.bin>');
  assert.equal(F.toString('latin1', attachment!.contentStart, attachment!.contentEnd), 'VGhpcyBpcyBhdHRhY2htZW50Lg0K');
  assert.equal(read.message.xop, false);
  const part = soapPartOf(F, F_TYPE);
  assert.ok(part.ok);
  const soap = readSoapMessage(part.part.bytes, { encoding: part.part.encoding });
  assert.ok(soap.ok && soap.message.header.service.serviceCode === 'exampleService' && soap.message.operation.local === 'exampleServiceSwaRef');
});

test('PR-MESS §2.4, Annex G: an MTOM/XOP message — the root part is application/xop+xml with type="text/xml"', () => {
  const part = soapPartOf(G, G_TYPE);
  assert.ok(part.ok, part.ok ? '' : part.reason);
  assert.equal(part.part.multipart?.xop, true);
  assert.equal(part.part.bytes.toString(), G_SOAP);
  assert.ok(readSoapMessage(part.part.bytes, { wholeBody: true }).ok, 'xop:Include is plain namespaced XML');
});

test('PR-MESS §2.2: the request hash of a message with attachments is over the first part\'s bytes', () => {
  const part = soapPartOf(F, F_TYPE);
  assert.ok(part.ok);
  assert.equal(soapRequestHash(part.part.bytes), createHash('sha512').update(Buffer.from(F_SOAP)).digest('base64'));
  assert.notEqual(soapRequestHash(part.part.bytes), soapRequestHash(F));
});

test('A multipart answer gets requestHash in its root part; every other byte, attachments and part headers included, is the provider\'s', () => {
  const answer = Buffer.from(F.toString().replaceAll('exampleServiceSwaRef', 'exampleServiceSwaRefResponse'));
  const out = answerWithRequestHash(answer, F_TYPE, 'HASH');
  assert.ok(out.ok, out.ok ? '' : out.reason);
  assert.equal(out.wrapper, 'exampleServiceSwaRefResponse');
  const at = answer.indexOf('</SOAP-ENV:Header>');
  const inserted = out.body.length - answer.length;
  assert.deepEqual(out.body.subarray(0, at), answer.subarray(0, at));
  assert.deepEqual(out.body.subarray(at + inserted), answer.subarray(at));
  assert.match(out.body.subarray(at, at + inserted).toString(), /^<xrd:requestHash [^>]*>HASH<\/xrd:requestHash>$/);
  const again = readMultipartRelated(out.body, F_TYPE);
  assert.ok(again.ok && again.message.parts.length === 2);
});

test('Bad multipart is refused with the reason: no boundary, no part, no close delimiter, root not first or not XML, root not 8bit', () => {
  const refused = (body: Buffer, contentType: string, reason: RegExp, problem = 'MimeParsingFailed') => {
    const part = soapPartOf(body, contentType);
    assert.ok(!part.ok, contentType);
    assert.equal(part.problem, problem);
    assert.match(part.reason, reason);
  };
  refused(F, 'multipart/related; type="text/xml"', /boundary/);
  refused(F, 'multipart/related; boundary="other"', /boundary never occurs/);
  refused(F.subarray(0, F.indexOf('--MIME_boundary--')), F_TYPE, /close delimiter/);
  refused(F, F_TYPE.replace('<rootpart>', '<data.bin>'), /must be the first part/);
  refused(Buffer.from(F.toString().replace('Content-Type: text/xml; charset=UTF-8', 'Content-Type: application/json')), F_TYPE.replace('type="text/xml"; ', ''), /not a SOAP 1.1 message/);
  refused(G, F_TYPE, /type parameter/);
  refused(Buffer.from(F.toString().replace('Content-Transfer-Encoding: 8bit', 'Content-Transfer-Encoding: base64')), F_TYPE, /8bit/);
  refused(Buffer.from(F.toString().replace('Content-ID: <rootpart>', 'Content-ID <rootpart>')), F_TYPE, /Malformed part header/);
  refused(Buffer.from(F.toString().replace('charset=UTF-8', 'charset=shift_jis')), F_TYPE, /not accepted/, 'InvalidContentType');
  refused(F, 'application/json', /text\/xml/, 'InvalidContentType');
});
