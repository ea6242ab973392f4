import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { requestHash, restHeaderPart, type HeaderPair } from './index.ts';

/** Written out from PR-REST §4.3 and PR-MESSTRANSP §3 by hand, not with the package. */
const digest = (data: string | Buffer) => createHash('sha512').update(data).digest();

const headers: HeaderPair[] = [
  ['Host', 'ss.example'],
  ['X-Road-Client', 'INSTANCE/CLASS1/MEMBER1/SUBSYSTEM1'],
  ['User-Agent', 'curl/8'],
  ['Accept', 'application/json'],
  ['Connection', 'keep-alive'],
  ['X-Road-Request-Hash', 'sent-by-client'],
  ['X-Road-Request-Id', 'sent-by-client'],
  ['X-Road-UserId', 'EE12345678901'],
  ['Content-Length', '13'],
  ['Transfer-Encoding', 'chunked'],
  ['Expect', '100-continue'],
  ['X-Custom', 'v a l'],
];
const head = {
  method: 'post',
  requestTarget: '/r1/INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/BARSERVICE/v1/bar?quu=1&x=%20',
  headers,
  requestId: 'f92591a3-6bf0-49b1-987b-0dd78c034cc3',
};
const expectedPart = 'POST\r\n/r1/INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/BARSERVICE/v1/bar?quu=1&x=%20\r\n'
  + 'X-Road-Client:INSTANCE/CLASS1/MEMBER1/SUBSYSTEM1\r\nAccept:application/json\r\nX-Road-UserId:EE12345678901\r\nX-Custom:v a l\r\n'
  + 'x-road-request-id:f92591a3-6bf0-49b1-987b-0dd78c034cc3\r\n';

test('PR-MESSTRANSP §3: the REST header part is the request line and the headers, filtered as PR-REST §4.3 says', () => {
  assert.equal(restHeaderPart(head).toString('utf8'), expectedPart);
  assert.equal(restHeaderPart({ ...head, generatedId: 'fa2e18a5-c2cb-4d09-b994-f57727f7c3fb' }).toString('utf8'),
    `${expectedPart}x-road-id:fa2e18a5-c2cb-4d09-b994-f57727f7c3fb\r\n`);
  assert.ok(!restHeaderPart({ ...head, exclude: new Set(['x-custom']) }).toString('utf8').includes('X-Custom'));
});

test('PR-REST §4.3: with a body, X-Road-Request-Hash = base64(SHA512(SHA512(headers) + SHA512(body)))', () => {
  const body = Buffer.from('{"a":"chào"}', 'utf8');
  const expected = digest(Buffer.concat([digest(expectedPart), digest(body)])).toString('base64');
  assert.equal(requestHash(restHeaderPart(head), body), expected);
  assert.notEqual(requestHash(restHeaderPart(head), Buffer.from('{"a":"chao"}')), expected, 'the body counts');
  assert.match(expected, /^[A-Za-z0-9+/]{86}==$/, 'base64 of 64 bytes, like the document\'s example value');
});

test('PR-REST §4.3: without a body only the headers count: base64(SHA512(headers)), not a digest of an empty body', () => {
  const expected = digest(expectedPart).toString('base64');
  assert.equal(requestHash(restHeaderPart(head)), expected);
  assert.equal(requestHash(restHeaderPart(head), Buffer.alloc(0)), expected, 'an empty body is no body');
  assert.notEqual(expected, digest(Buffer.concat([digest(expectedPart), digest('')])).toString('base64'));
});

test('PR-REST §4.3: the request line counts — method and target, percent-encoding kept', () => {
  const base = requestHash(restHeaderPart(head));
  assert.notEqual(requestHash(restHeaderPart({ ...head, method: 'GET' })), base);
  assert.notEqual(requestHash(restHeaderPart({ ...head, requestTarget: head.requestTarget.replace('%20', '+') })), base);
});
