import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  HIDDEN_ENDPOINT, REQUEST_HASH_ALGORITHM, describeWsdl, getWsdlRequest, hideWsdlEndpoints, isSoapContentType, methodListXml, readSoapFault, readSoapMessage,
  readXml, soapEnvelope, soapFaultXml, soapRequestHash, withRequestHash,
} from './index.ts';
import { ANNEX_E1 as E1 } from './soap.test-support.ts';

test('PR-MESS Annex E.1: the request header fields and the body wrapper are read', () => {
  const read = readSoapMessage(Buffer.from(E1));
  assert.ok(read.ok, read.ok ? '' : read.reason);
  const { header, operation } = read.message;
  assert.deepEqual(header.client, { instance: 'EE', memberClass: 'GOV', memberCode: 'MEMBER1', subsystemCode: 'SUBSYSTEM1' });
  assert.deepEqual(header.service, { instance: 'EE', memberClass: 'GOV', memberCode: 'MEMBER2', subsystemCode: 'SUBSYSTEM2', serviceCode: 'exampleService', serviceVersion: 'v1' });
  assert.equal(header.id, '4894e35d-bf0f-44a6-867a-8e51f1daa7e0');
  assert.equal(header.userId, 'EE12345678901');
  assert.equal(header.issue, '12345');
  assert.equal(header.protocolVersion, '4.0');
  assert.equal(operation.local, 'exampleService');
  assert.equal(operation.ns, 'http://producer.x-road.eu');
});

test('PR-MESS §2.2: client, service (in a request), id and protocolVersion 4.x are mandatory; prefixes carry no meaning', () => {
  for (const [field, pattern] of [['client', /xrd:client/], ['service', /xrd:service/], ['id', /xrd:id/], ['protocolVersion', /xrd:protocolVersion/]] as const) {
    const without = E1.replace(new RegExp(`<xrd:${field}[\\s>][\\s\\S]*?</xrd:${field}>`), '');
    const read = readSoapMessage(without);
    assert.equal(read.ok, false, field);
    if (!read.ok) assert.match(read.reason, pattern);
  }
  const v3 = readSoapMessage(E1.replace('>4.0<', '>3.1<'));
  assert.ok(!v3.ok && /protocol version/.test(v3.reason));
  assert.ok(readSoapMessage(E1.replace('>4.0<', '>4.1<')).ok, 'same major version is compatible');
  assert.ok(readSoapMessage(E1.replaceAll('xrd:', 'x:').replace('xmlns:xrd=', 'xmlns:x=')).ok, 'another prefix for the same namespace');
  const wrongNs = readSoapMessage(E1.replace('http://x-road.eu/xsd/xroad.xsd', 'http://example.org/other'));
  assert.ok(!wrongNs.ok && /xrd:client is missing/.test(wrongNs.reason));
});

test('PR-MESS §2.2: identifiers are checked (objectType, characters, a subsystem for the service)', () => {
  assert.equal(readSoapMessage(E1.replace('id:objectType="SUBSYSTEM"', 'id:objectType="SERVICE"')).ok, false);
  assert.equal(readSoapMessage(E1.replace('<id:memberCode>MEMBER1<', '<id:memberCode>MEM BER1<')).ok, false);
  assert.equal(readSoapMessage(E1.replace('<id:subsystemCode>SUBSYSTEM2</id:subsystemCode>', '')).ok, false);
  const member = readSoapMessage(E1.replace('id:objectType="SUBSYSTEM"', 'id:objectType="MEMBER"').replace('<id:subsystemCode>SUBSYSTEM1</id:subsystemCode>', ''));
  assert.ok(member.ok && member.message.header.client.subsystemCode === undefined);
});

test('Malformed XML, a missing body and bodies of more than one wrapper are refused', () => {
  assert.match((readSoapMessage(E1.slice(0, E1.indexOf('</xrd:client>'))) as { reason: string }).reason, /Malformed SOAP message/);
  // Only the header and the wrapper's start tag are read by default; the rest is the provider's to read.
  assert.ok(readSoapMessage(E1.slice(0, -20)).ok);
  assert.equal(readSoapMessage(E1.slice(0, -20), { wholeBody: true }).ok, false);
  assert.match((readSoapMessage(E1.replace(/<SOAP-ENV:Body>[\s\S]*<\/SOAP-ENV:Body>/, '')) as { reason: string }).reason, /body missing/);
  assert.equal(readSoapMessage(E1.replace('</ns1:exampleService>', '</ns1:exampleService><ns1:other/>'), { wholeBody: true }).ok, false);
  assert.equal(readSoapMessage('<a><b></a></b>').ok, false);
  assert.equal(readSoapMessage('<a x="1" x="2"/>').ok, false);
  assert.equal(readSoapMessage('<p:a/>').ok, false, 'undeclared prefix');
});

test('XXE and entity expansion: a DOCTYPE, an ENTITY or an unknown entity reference is refused before anything is resolved', () => {
  const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${E1.replace(/^<\?xml[^>]*>/, '').replace('>foo<', '>&xxe;<')}`;
  const read = readSoapMessage(xxe);
  assert.ok(!read.ok && /DOCTYPE/.test(read.reason));
  const reference = readSoapMessage(E1.replace('>foo<', '>&xxe;<'), { wholeBody: true });
  assert.ok(!reference.ok && /Entity references/.test(reference.reason));
  const inHeader = readSoapMessage(E1.replace('>12345<', '>&xxe;<'));
  assert.ok(!inHeader.ok && /Entity references/.test(inHeader.reason));
  const predefined = readXml('<a t="&lt;&#x41;&#66;">&amp;&quot;<![CDATA[<x>]]></a>');
  assert.ok(predefined.ok);
  assert.equal(predefined.root.text, '&"<x>');
  assert.equal(predefined.root.attributes[0]!.value, '<AB');
});

test('A long body is not read beyond its wrapper start tag (the header decides), and the response hash is spliced without reading the body', () => {
  const rows = '<row><a>0123456789</a></row>'.repeat(50_000);
  const big = E1.replace('<exampleInput>foo</exampleInput>', rows);
  const started = performance.now();
  const read = readSoapMessage(big);
  assert.ok(read.ok);
  assert.equal(read.message.operation.local, 'exampleService');
  const answer = withRequestHash(Buffer.from(big), 'H');
  assert.ok(answer.ok && answer.body.toString().endsWith('</SOAP-ENV:Envelope>'));
  assert.ok(performance.now() - started < 500, 'linear in the header, not the body');
});

test('Only the first 64 KB are decoded while the header and the wrapper are in them; a header beyond them is read all the same', () => {
  const rows = Buffer.from('<row>Nguyễn Văn Án</row>'.repeat(10_000));
  const [before, after] = E1.split('<exampleInput>foo</exampleInput>') as [string, string];
  const big = Buffer.concat([Buffer.from(before), rows, Buffer.from([0xc3, 0x28]), Buffer.from(after)]);
  assert.ok(readSoapMessage(big).ok, 'bytes after the wrapper start tag are the provider\'s to check');
  const whole = readSoapMessage(big, { wholeBody: true });
  assert.ok(!whole.ok && /not valid UTF-8/.test(whole.reason));
  const spliced = withRequestHash(big, 'H');
  assert.ok(spliced.ok && spliced.body.subarray(spliced.body.length - after.length - 2).equals(Buffer.concat([Buffer.from([0xc3, 0x28]), Buffer.from(after)])));
  const longHeader = E1.replace('</SOAP-ENV:Header>', `<!--${'ệ'.repeat(40_000)}--></SOAP-ENV:Header>`);
  const read = readSoapMessage(Buffer.from(longHeader));
  assert.ok(read.ok && read.message.operation.local === 'exampleService');
  const answer = withRequestHash(Buffer.from(longHeader), 'H');
  assert.ok(answer.ok && answer.body.toString().includes(`${'ệ'.repeat(10)}--><xrd:requestHash`));
});

test('Depth and element limits bound the work a message can cause', () => {
  assert.equal(readXml(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`).ok, false);
  assert.equal(readXml(`<a>${'<b/>'.repeat(50)}</a>`, { maxElements: 10 }).ok, false);
});

test('PR-MESS §2.2: requestHash is base64 SHA-512 of the request bytes; a response carries it, replacing any the provider sent', () => {
  const bytes = Buffer.from(E1);
  const hash = soapRequestHash(bytes);
  assert.equal(hash, createHash('sha512').update(bytes).digest('base64'));
  const response = Buffer.from(E1.replace('<ns1:exampleService>', '<ns1:exampleServiceResponse>').replace('</ns1:exampleService>', '</ns1:exampleServiceResponse>')
    .replace('</SOAP-ENV:Header>', '<xrd:requestHash algorithmId="x">forged</xrd:requestHash></SOAP-ENV:Header>'));
  const out = withRequestHash(response, hash);
  assert.ok(out.ok);
  const text = out.body.toString();
  assert.ok(!text.includes('forged'));
  const parsed = readSoapMessage(text);
  assert.ok(parsed.ok);
  const header = parsed.message.envelope.children[0]!;
  const hashes = header.children.filter((c) => c.local === 'requestHash');
  assert.equal(hashes.length, 1);
  assert.equal(hashes[0]!.text, hash);
  assert.equal(hashes[0]!.attributes.find((a) => a.local === 'algorithmId')!.value, REQUEST_HASH_ALGORITHM);
  // Everything else is byte for byte the provider's.
  assert.equal(text.replace(/<xrd:requestHash[\s\S]*?<\/xrd:requestHash>/, ''), response.toString().replace(/<xrd:requestHash[\s\S]*?<\/xrd:requestHash>/, ''));
  assert.equal(withRequestHash(Buffer.from('not xml'), hash).ok, false);
  assert.equal(withRequestHash(Buffer.from('<Envelope/>'), hash).ok, false);
});

test('PR-MESS §2.5, Annex D.1: a SOAP 1.1 fault with faultcode, faultstring, faultactor and faultDetail', () => {
  const xml = soapFaultXml({ code: 'Server.ClientProxy.ServiceFailed.MissingBody', message: 'Malformed SOAP message: body missing', detail: 'f31e7451-f0ac-48f6-9f05-1f0459e48eea' });
  const parsed = readXml(xml);
  assert.ok(parsed.ok);
  const fault = parsed.root.children[0]!.children[0]!;
  assert.equal(fault.local, 'Fault');
  assert.deepEqual(fault.children.map((c) => c.local), ['faultcode', 'faultstring', 'faultactor', 'detail']);
  assert.equal(fault.children[3]!.children[0]!.text, 'f31e7451-f0ac-48f6-9f05-1f0459e48eea');
  assert.deepEqual(readSoapFault(parsed.root), { code: 'Server.ClientProxy.ServiceFailed.MissingBody', message: 'Malformed SOAP message: body missing' });
  const passed = withRequestHash(Buffer.from(xml), 'h');
  assert.ok(passed.ok && passed.fault?.code === 'Server.ClientProxy.ServiceFailed.MissingBody' && passed.body.toString() === xml, 'a header-less fault passes unchanged');
});

test('A response built here copies the request header (same fields, same order) and adds requestHash', () => {
  const read = readSoapMessage(E1);
  assert.ok(read.ok);
  const xml = soapEnvelope(read.message.header, methodListXml('listMethods', [{ ...read.message.header.service, serviceCode: 'a' }, { ...read.message.header.service, serviceCode: 'getWsdl' }]), 'HASH');
  const again = readSoapMessage(xml, { wholeBody: true });
  assert.ok(again.ok);
  assert.deepEqual(again.message.header, read.message.header);
  const header = again.message.envelope.children[0]!;
  assert.deepEqual(header.children.map((c) => c.local), ['client', 'service', 'id', 'userId', 'issue', 'protocolVersion', 'requestHash']);
  assert.equal(again.message.operation.local, 'listMethodsResponse');
  assert.deepEqual(again.message.operation.children.map((c) => c.children.find((p) => p.local === 'serviceCode')!.text), ['a'], 'PR-META §3: metaservices never listed');
});

test('PR-META Annex C.6: getWsdl names serviceCode and optionally serviceVersion', () => {
  const request = readXml('<xro:getWsdl xmlns:xro="http://x-road.eu/xsd/xroad.xsd"><xro:serviceCode>getRandom</xro:serviceCode><xro:serviceVersion>v1</xro:serviceVersion></xro:getWsdl>');
  assert.ok(request.ok);
  assert.deepEqual(getWsdlRequest(request.root), { serviceCode: 'getRandom', serviceVersion: 'v1' });
  const empty = readXml('<xro:getWsdl xmlns:xro="http://x-road.eu/xsd/xroad.xsd"/>');
  assert.ok(empty.ok && getWsdlRequest(empty.root) === undefined);
});

const WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="testService" targetNamespace="http://test.x-road.fi/producer" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="http://test.x-road.fi/producer">
  <wsdl:portType name="testServicePortType">
    <wsdl:operation name="getRandom"><wsdl:input message="tns:getRandom"/></wsdl:operation>
    <wsdl:operation name="helloService"><wsdl:input message="tns:helloService"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:service name="testService">
    <wsdl:port binding="tns:testServiceBinding" name="testServicePort">
      <soap:address location="http://some-server.company.com:8080/testService/Endpoint"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>`;

test('WSDL 1.1: operations from the port types; PR-META §4: endpoint locations hidden', () => {
  const described = describeWsdl(WSDL);
  assert.ok(described.ok);
  assert.deepEqual(described.wsdl.operations, ['getRandom', 'helloService']);
  const hidden = hideWsdlEndpoints(WSDL);
  assert.ok(!hidden.includes('some-server.company.com'));
  assert.ok(hidden.includes(`location="${HIDDEN_ENDPOINT}"`));
  assert.equal(describeWsdl('<definitions/>').ok, false);
  assert.equal(describeWsdl(`<!DOCTYPE x [<!ENTITY a "b">]>${WSDL.replace(/^<\?xml[^>]*>\n/, '')}`).ok, false);
});

test('PR-MESS §2.6: text/xml; the charset parameter decides the encoding (UTF-8 without one); multi-byte legacy charsets and unknown labels are refused', () => {
  assert.ok(isSoapContentType('text/xml'));
  assert.ok(isSoapContentType('text/xml; charset="UTF-8"'));
  assert.ok(isSoapContentType('text/xml; charset=iso-8859-1'));
  assert.ok(isSoapContentType('text/xml; charset=windows-1258'));
  assert.ok(isSoapContentType('text/xml; charset=UTF-16'));
  assert.equal(isSoapContentType('text/xml; charset=shift_jis'), false);
  assert.equal(isSoapContentType('text/xml; charset=no-such-charset'), false);
  assert.equal(isSoapContentType('application/json'), false);
});

test('saxes refuses what is not well-formed XML 1.0 with namespaces', () => {
  const refused: [string, RegExp][] = [
    ['<a><b></a>', /./],
    ['<a>', /unclosed tag/],
    ['<a/><b/>', /one root/],
    ['<a/>text', /text data outside of root node/],
    ['<a x=1/>', /./],
    ['<a x="<"/>', /./],
    ['<a xmlns:p=""/>', /undefine prefix/],
    ['<a xmlns:xml="urn:other"/>', /xml/],
    ['<p:a xmlns:q="urn:q"/>', /unbound namespace prefix/],
    ['<a>&#0;</a>', /character/],
    ['<a>&#xD800;</a>', /character/],
    ['<a>\u0001</a>', /disallowed character/],
    ['<?xml version="1.0"?><?xml version="1.0"?><a/>', /./],
    ['<a></A>', /./],
  ];
  for (const [source, reason] of refused) {
    const read = readXml(source);
    assert.equal(read.ok, false, source);
    if (!read.ok) assert.match(read.reason, reason, source);
  }
  // Malformed after the wrapper's start tag is the provider's to find; before it, the gateway's.
  const unclosedHeader = readSoapMessage(E1.replace('</xrd:issue>', ''));
  assert.ok(!unclosedHeader.ok && unclosedHeader.problem === 'InvalidSoap');
  assert.ok(!readSoapMessage(E1.replace('</SOAP-ENV:Envelope>', '</SOAP-ENV:Envelope><two/>'), { wholeBody: true }).ok, 'two roots');
  assert.ok(!readSoapMessage(E1.replace('xmlns:id="http://x-road.eu/xsd/identifiers"', '')).ok, 'the id: prefix undeclared');
});

test('Offsets count UTF-16 code units and map to bytes: Vietnamese text and astral characters before the splice point keep the answer byte for byte', () => {
  const issue = 'Hồ sơ số 1234 — cấp lại giấy khai sinh 😀';
  const response = Buffer.from(`\uFEFF${E1.replace('<ns1:exampleService>', '<ns1:exampleServiceResponse>').replace('</ns1:exampleService>', '</ns1:exampleServiceResponse>').replace('>12345<', `>${issue}<`)}`);
  const read = readSoapMessage(response);
  assert.ok(read.ok && read.message.header.issue === issue);
  const out = withRequestHash(response, 'HASH');
  assert.ok(out.ok);
  const insertAt = response.indexOf('</SOAP-ENV:Header>');
  const own = Buffer.from(`<xrd:requestHash xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" algorithmId="${REQUEST_HASH_ALGORITHM}">HASH</xrd:requestHash>`);
  assert.deepEqual(out.body, Buffer.concat([response.subarray(0, insertAt), own, response.subarray(insertAt)]));
  assert.equal(out.wrapper, 'exampleServiceResponse');
  // An empty header gets content, its name copied from the message's bytes.
  const empty = Buffer.from('<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header/><S:Body><r>ệ</r></S:Body></S:Envelope>');
  const filled = withRequestHash(empty, 'H');
  assert.ok(filled.ok);
  assert.equal(filled.body.toString(), `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header>${own.toString().replace('HASH', 'H')}</S:Header><S:Body><r>ệ</r></S:Body></S:Envelope>`);
});

test('PR-MESS §2.6: a message in windows-1258 or UTF-16 is read in its charset and answered in it; bytes not of the charset, or a declaration naming another encoding, are refused', () => {
  const vietnamese = 'Nguyễn Văn Án';
  const latin = E1.replace('encoding="UTF-8"', 'encoding="windows-1258"');
  // "Hô sơ" in windows-1258: ô is 0xF4, ơ is 0xF5 (one byte each).
  const bytes1258 = Buffer.concat([Buffer.from(latin.slice(0, latin.indexOf('>12345<') + 1)), Buffer.from([0x48, 0xf4, 0x20, 0x73, 0xf5]), Buffer.from(latin.slice(latin.indexOf('>12345<') + 6))]);
  const read = readSoapMessage(bytes1258, { encoding: 'windows-1258' });
  assert.ok(read.ok, read.ok ? '' : read.reason);
  assert.equal(read.message.header.issue, 'Hô sơ');
  const answer = withRequestHash(bytes1258, 'H', 'windows-1258');
  assert.ok(answer.ok);
  const at = bytes1258.indexOf('</SOAP-ENV:Header>');
  assert.deepEqual(answer.body.subarray(0, at), bytes1258.subarray(0, at), 'bytes before the splice unchanged');
  assert.deepEqual(answer.body.subarray(answer.body.length - (bytes1258.length - at)), bytes1258.subarray(at), 'bytes after it unchanged');

  const utf16 = E1.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace('>12345<', `>${vietnamese}<`);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]);
  const read16 = readSoapMessage(le, { encoding: 'utf-16' });
  assert.ok(read16.ok && read16.message.header.issue === vietnamese);
  const answer16 = withRequestHash(le, 'H', 'utf-16');
  assert.ok(answer16.ok);
  const text16 = new TextDecoder('utf-16le').decode(answer16.body);
  assert.ok(text16.includes('>H</xrd:requestHash></SOAP-ENV:Header>'), 'spliced in UTF-16');
  const be = Buffer.from(utf16, 'utf16le').swap16();
  assert.ok(readSoapMessage(be, { encoding: 'utf-16' }).ok, 'UTF-16 without a byte-order mark is big-endian');

  const invalid = readSoapMessage(Buffer.concat([Buffer.from(E1.slice(0, 60)), Buffer.from([0xc3, 0x28]), Buffer.from(E1.slice(60))]));
  assert.ok(!invalid.ok && invalid.problem === 'InvalidSoap' && /not valid UTF-8/.test(invalid.reason));
  const disagree = readSoapMessage(Buffer.from(latin), { encoding: 'utf-8' });
  assert.ok(!disagree.ok && /declaration names encoding windows-1258/.test(disagree.reason));
});
