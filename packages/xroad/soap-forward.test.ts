import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClientId, parseServiceId } from './identifiers.ts';
import { readSoapMessage, soapFaultXml } from './soap.ts';
import { withSoapIdentifiers } from './soap-forward.ts';

/** The message other prefixes than ours, a header block of its own and a body that must travel byte for byte. */
const BODY = '<m:getBirthRecord xmlns:m="urn:example"><m:personalId>001099012345</m:personalId><m:note>&amp; &lt;x&gt;</m:note></m:getBirthRecord>';
const MESSAGE = '<?xml version="1.0" encoding="UTF-8"?>'
  + '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="http://x-road.eu/xsd/xroad.xsd" xmlns:i="http://x-road.eu/xsd/identifiers">'
  + '<s:Header><x:client i:objectType="SUBSYSTEM"><i:xRoadInstance>VN</i:xRoadInstance><i:memberClass>GOV</i:memberClass><i:memberCode>000.00.01.H19</i:memberCode><i:subsystemCode>ONEGATE</i:subsystemCode></x:client>'
  + '<x:service i:objectType="SERVICE"><i:xRoadInstance>VN</i:xRoadInstance><i:memberClass>GOV</i:memberClass><i:memberCode>000.00.00.H19</i:memberCode><i:subsystemCode>NDXP</i:subsystemCode><i:serviceCode>civil</i:serviceCode><i:serviceVersion>v1</i:serviceVersion></x:service>'
  + '<x:id>msg-1</x:id><x:userId>VN001099012345</x:userId><x:protocolVersion>4.0</x:protocolVersion><own:trace xmlns:own="urn:own">t-1</own:trace></s:Header>'
  + `<s:Body>${BODY}</s:Body></s:Envelope>`;

describe('withSoapIdentifiers (PR-MESS §2.2, a message passed on under other identifiers)', () => {
  const province = parseClientId('VN/GOV/000.00.00.H19/LGSP')!;
  const national = parseServiceId('VN/GOV/000.00.00.G12/CSDLHT/civil-status')!;

  it('replaces xrd:client and xrd:service whatever prefixes the message uses, and keeps every other byte', () => {
    const out = withSoapIdentifiers(Buffer.from(MESSAGE), { client: province, service: national });
    assert.ok(out.ok);
    const text = out.body.toString('utf8');
    const read = readSoapMessage(text, { wholeBody: true });
    assert.ok(read.ok, JSON.stringify(read));
    assert.deepEqual(read.message.header.client, province);
    assert.deepEqual(read.message.header.service, national, 'no serviceVersion: the national service was named without one');
    assert.equal(read.message.header.id, 'msg-1');
    assert.equal(read.message.header.userId, 'VN001099012345');
    assert.ok(text.endsWith(`<s:Body>${BODY}</s:Body></s:Envelope>`), 'the body byte for byte');
    assert.match(text, /<x:id>msg-1<\/x:id><x:userId>VN001099012345<\/x:userId><x:protocolVersion>4\.0<\/x:protocolVersion><own:trace xmlns:own="urn:own">t-1<\/own:trace>/);
    assert.doesNotMatch(text, /ONEGATE|000\.00\.01\.H19/);
  });

  it('restores the original identifiers on the way back (a round trip gives the same fields)', () => {
    const original = readSoapMessage(MESSAGE);
    assert.ok(original.ok);
    const there = withSoapIdentifiers(Buffer.from(MESSAGE), { client: province, service: national });
    assert.ok(there.ok);
    const back = withSoapIdentifiers(there.body, { client: original.message.header.client, service: original.message.header.service });
    assert.ok(back.ok);
    const read = readSoapMessage(back.body);
    assert.ok(read.ok);
    assert.deepEqual(read.message.header, original.message.header);
  });

  it('passes a header-less fault unchanged and refuses what is not a SOAP envelope', () => {
    const fault = Buffer.from(soapFaultXml({ code: 'Server.ServerProxy.AccessDenied', message: 'no', detail: 'r-1' }));
    const passed = withSoapIdentifiers(fault, { client: province, service: national });
    assert.ok(passed.ok);
    assert.equal(passed.body, fault);
    assert.equal(withSoapIdentifiers(Buffer.from('<a/>'), { client: province, service: national }).ok, false);
    assert.equal(withSoapIdentifiers(Buffer.from('<!DOCTYPE x><a/>'), { client: province, service: national }).ok, false);
  });
});
