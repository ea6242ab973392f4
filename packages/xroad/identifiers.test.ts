import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatClientId, formatServiceId, parseClientId, parseMessageTarget, parseRepresentedParty, parseSecurityServerId, parseServiceId, providerUrl,
} from './index.ts';

test('PR-REST §4.8: identifier values use only A-Z a-z 0-9 and \'()+,-.=?', () => {
  assert.deepEqual(parseClientId("AA/GOV/(1)+,-.=?'x/SUB"), { instance: 'AA', memberClass: 'GOV', memberCode: "(1)+,-.=?'x", subsystemCode: 'SUB' });
  for (const bad of ['AA/GOV/a b/SUB', 'AA/GOV/a_b/SUB', 'AA/GOV/a*b/SUB', 'AA/GOV/đồng/SUB', 'AA/GOV/a:b/SUB', 'AA/GOV//SUB']) {
    assert.equal(parseClientId(bad), undefined, bad);
  }
});

test('PR-REST §4.2: each part is percent-decoded on its own; a part that decodes to "/" or a bad escape is refused', () => {
  assert.deepEqual(parseClientId('AA/GOV/%28x%29%2B/SUB'), { instance: 'AA', memberClass: 'GOV', memberCode: '(x)+', subsystemCode: 'SUB' });
  assert.equal(parseServiceId('INSTANCE/CLASS/MEMBER/SUBSYSTEM/BAR%2FSERVICE'), undefined, '"/" is not an identifier character (§4.8)');
  assert.equal(parseClientId('AA/GOV/%E0%A4%A/SUB'), undefined);
  assert.equal(formatServiceId({ instance: 'AA', memberClass: 'GOV', memberCode: 'x+y', subsystemCode: 'S', serviceCode: 'a=b?' }), 'AA/GOV/x%2By/S/a%3Db%3F');
  assert.deepEqual(parseServiceId('AA/GOV/x%2By/S/a%3Db%3F'), { instance: 'AA', memberClass: 'GOV', memberCode: 'x+y', subsystemCode: 'S', serviceCode: 'a=b?' });
});

test('PR-REST §4.1, §4.3: a client is INSTANCE/CLASS/MEMBER with an optional subsystem code', () => {
  assert.deepEqual(parseClientId('INSTANCE/CLASS1/MEMBER1'), { instance: 'INSTANCE', memberClass: 'CLASS1', memberCode: 'MEMBER1' });
  assert.equal(formatClientId({ instance: 'INSTANCE', memberClass: 'CLASS1', memberCode: 'MEMBER1', subsystemCode: 'SUBSYSTEM1' }), 'INSTANCE/CLASS1/MEMBER1/SUBSYSTEM1');
  for (const bad of ['INSTANCE/CLASS1', 'A/B/C/D/E', '', '/A/B/C']) assert.equal(parseClientId(bad), undefined, bad);
});

test('PR-REST §4.3: X-Road-Represented-Party is [CLASS/]CODE; X-Road-Security-Server is INSTANCE/CLASS/MEMBER/SERVERCODE', () => {
  assert.deepEqual(parseRepresentedParty('MEMBERCLASS/MEMBERCODE'), { memberClass: 'MEMBERCLASS', memberCode: 'MEMBERCODE' });
  assert.deepEqual(parseRepresentedParty('MEMBERCODE'), { memberCode: 'MEMBERCODE' });
  assert.equal(parseRepresentedParty('A/B/C'), undefined);
  assert.deepEqual(parseSecurityServerId('INSTANCE/MEMBERCLASS/MEMBERCODE/SERVERCODE'), { instance: 'INSTANCE', memberClass: 'MEMBERCLASS', memberCode: 'MEMBERCODE', serverCode: 'SERVERCODE' });
  assert.equal(parseSecurityServerId('INSTANCE/MEMBERCLASS/MEMBERCODE'), undefined);
});

test('PR-REST §4.1: the document\'s example request splits into service id, path and query', () => {
  const result = parseMessageTarget('/r1/INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/BARSERVICE/v1/bar/zyggy?quu=1');
  assert.ok(result.ok);
  assert.deepEqual(result.target, {
    serviceId: { instance: 'INSTANCE', memberClass: 'CLASS2', memberCode: 'MEMBER2', subsystemCode: 'SUBSYSTEM2', serviceCode: 'BARSERVICE' },
    servicePath: '/v1/bar/zyggy',
    query: 'quu=1',
  });
  // §4.1: "the provider will see the request GET https://barservice.example.org/v1/bar/zyggy?quu=1"; §4.5: the query passes unmodified.
  assert.equal(providerUrl('https://barservice.example.org/', result.target)?.href, 'https://barservice.example.org/v1/bar/zyggy?quu=1');
  const bare = parseMessageTarget('/r1/INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/BARSERVICE');
  assert.ok(bare.ok && bare.target.servicePath === '' && bare.target.query === '');
});

test('PR-REST §2.3, §4.1: the protocol version r1 is mandatory in the path', () => {
  for (const target of ['/r2/A/B/C/D/E', '/v1/A/B/C/D/E', '/A/B/C/D/E/F', 'r1/A/B/C/D/E']) {
    assert.equal(parseMessageTarget(target).ok, false, target);
  }
});

test('PR-REST §4.2: strict validation — separators between parts never encoded, no path escaping the service, URI length bounded', () => {
  for (const target of [
    '/r1/INSTANCE%2FCLASS%2FMEMBER%2FSUBSYSTEM%2FBARSERVICE',
    '/r1/A/B/C/D',
    '/r1/A/B/C/D/E/../../x',
    '/r1/A/B/C/D/E/%2e%2e/x',
    '/r1/A/B/C/D/E/a%2Fb',
    '/r1/A/B/C/D/E/a%252e%252e',
    '/r1/A/B/C/D/E/a\\b',
    `/r1/A/B/C/D/E/${'x'.repeat(2000)}`,
  ]) assert.equal(parseMessageTarget(target).ok, false, target.slice(0, 60));
  assert.equal(providerUrl('http://p.example/api', { servicePath: '/../admin', query: '' }), undefined);
  assert.equal(providerUrl('http://p.example/api', { servicePath: '/x', query: '' })?.href, 'http://p.example/api/x');
});
