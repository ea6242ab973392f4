import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerPairs, readMessageHeaders, relayableHeaders, responseHeaders } from './index.ts';

test('PR-REST §4.3: X-Road-Client is mandatory; of several, the last counts; names are case-insensitive', () => {
  assert.equal(readMessageHeaders([]).ok, false);
  const result = readMessageHeaders(headerPairs(['x-road-client', 'A/B/C/FIRST', 'X-ROAD-CLIENT', 'A/B/C/LAST']));
  assert.ok(result.ok);
  assert.deepEqual(result.headers.client, { instance: 'A', memberClass: 'B', memberCode: 'C', subsystemCode: 'LAST' });
});

test('PR-REST §4.3: X-Road-Id is generated when missing, kept when sent; optional headers are read and checked', () => {
  const generated = readMessageHeaders([['X-Road-Client', 'A/B/C']], () => 'generated-1');
  assert.ok(generated.ok);
  assert.deepEqual([generated.headers.id, generated.headers.idGenerated], ['generated-1', true]);
  const full = readMessageHeaders(headerPairs([
    'X-Road-Client', 'A/B/C/D', 'X-Road-Id', 'fa2e18a5-c2cb-4d09-b994-f57727f7c3fb', 'X-Road-UserId', 'EE12345678901', 'X-Road-Issue', 'MT324223MSD',
    'X-Road-Represented-Party', 'MEMBERCLASS/MEMBERCODE', 'X-Road-Security-Server', 'A/B/C/SS1',
  ]));
  assert.ok(full.ok);
  assert.deepEqual(full.headers, {
    client: { instance: 'A', memberClass: 'B', memberCode: 'C', subsystemCode: 'D' }, id: 'fa2e18a5-c2cb-4d09-b994-f57727f7c3fb', idGenerated: false,
    userId: 'EE12345678901', issue: 'MT324223MSD', representedParty: { memberClass: 'MEMBERCLASS', memberCode: 'MEMBERCODE' },
    securityServer: { instance: 'A', memberClass: 'B', memberCode: 'C', serverCode: 'SS1' },
  });
  for (const [name, value] of [['X-Road-Id', 'two words'], ['X-Road-Represented-Party', 'A/B/C'], ['X-Road-Security-Server', 'A/B'], ['X-Road-UserId', 'a\u0001b']]) {
    assert.equal(readMessageHeaders([['X-Road-Client', 'A/B/C'], [name!, value!]]).ok, false, name);
  }
});

test('PR-REST §4.3: the response headers X-Road-Client, X-Road-Service, X-Road-Id, X-Road-Request-Id, X-Road-Request-Hash', () => {
  assert.deepEqual(responseHeaders({
    client: { instance: 'INSTANCE', memberClass: 'CLASS', memberCode: 'MEMBER', subsystemCode: 'SUBSYSTEM' },
    service: { instance: 'INSTANCE', memberClass: 'CLASS', memberCode: 'MEMBER', subsystemCode: 'SUBSYSTEM', serviceCode: 'PETSTORE' },
    id: 'fa2e18a5', requestId: 'f92591a3', requestHash: '14sE==',
  }), {
    'x-road-client': 'INSTANCE/CLASS/MEMBER/SUBSYSTEM', 'x-road-service': 'INSTANCE/CLASS/MEMBER/SUBSYSTEM/PETSTORE',
    'x-road-id': 'fa2e18a5', 'x-road-request-id': 'f92591a3', 'x-road-request-hash': '14sE==',
  });
});

test('PR-REST §4.3: hop-by-hop, Host, User-Agent, Server are filtered; user-defined, cache and content headers pass; X-Road-* are the relay\'s', () => {
  const relayed = relayableHeaders([
    ['Connection', 'keep-alive, X-Secret-Hop'], ['Keep-Alive', 'timeout=5'], ['Proxy-Authorization', 'x'], ['TE', 'trailers'], ['Trailer', 'x'],
    ['Transfer-Encoding', 'chunked'], ['Upgrade', 'h2c'], ['Host', 'ss'], ['User-Agent', 'curl'], ['Server', 'httpd'], ['X-Secret-Hop', 'x'],
    ['X-Road-Request-Hash', 'forged'], ['X-Powered-By', 'PHP/5.2.17'], ['Cache-Control', 'no-cache, no-store'], ['Pragma', 'no-cache'],
    ['Content-Type', 'application/json; charset=utf-8'], ['Accept', 'application/xml'], ['Authorization', 'Bearer jwt-passes'],
  ]);
  assert.deepEqual(relayed, {
    'x-powered-by': 'PHP/5.2.17', 'cache-control': 'no-cache, no-store', pragma: 'no-cache', 'content-type': 'application/json; charset=utf-8',
    accept: 'application/xml', authorization: 'Bearer jwt-passes',
  });
});
