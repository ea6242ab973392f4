import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointsFromOpenApi, listClientsJson, listClientsMediaType, listClientsXml, methodListJson, openApiServerPath, type ListedClient } from './index.ts';

/** The clients of PR-META Annex C.1. */
const clients: ListedClient[] = [
  { id: { instance: 'AA', memberClass: 'GOV', memberCode: 'TS1OWNER' }, name: 'TS1 Owner' },
  { id: { instance: 'AA', memberClass: 'GOV', memberCode: 'TS2OWNER' }, name: 'TS2 Owner' },
  { id: { instance: 'AA', memberClass: 'ENT', memberCode: 'CLIENT1' }, name: 'Client One' },
  { id: { instance: 'AA', memberClass: 'ENT', memberCode: 'CLIENT1', subsystemCode: 'sub' }, name: 'Client One', subsystemName: 'Client One Sub' },
];

test('PR-META Annex A, C.1: listClients in XML is the document\'s example (whitespace between elements aside)', () => {
  const example = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ns2:clientList
        xmlns:ns1="http://x-road.eu/xsd/identifiers"
        xmlns:ns2="http://x-road.eu/xsd/xroad.xsd">
    <ns2:member>
        <ns2:id ns1:objectType="MEMBER">
            <ns1:xRoadInstance>AA</ns1:xRoadInstance>
            <ns1:memberClass>GOV</ns1:memberClass>
            <ns1:memberCode>TS1OWNER</ns1:memberCode>
        </ns2:id>
        <ns2:name>TS1 Owner</ns2:name>
    </ns2:member>
    <ns2:member>
        <ns2:id ns1:objectType="MEMBER">
            <ns1:xRoadInstance>AA</ns1:xRoadInstance>
            <ns1:memberClass>GOV</ns1:memberClass>
            <ns1:memberCode>TS2OWNER</ns1:memberCode>
        </ns2:id>
        <ns2:name>TS2 Owner</ns2:name>
    </ns2:member>
    <ns2:member>
        <ns2:id ns1:objectType="MEMBER">
            <ns1:xRoadInstance>AA</ns1:xRoadInstance>
            <ns1:memberClass>ENT</ns1:memberClass>
            <ns1:memberCode>CLIENT1</ns1:memberCode>
        </ns2:id>
        <ns2:name>Client One</ns2:name>
    </ns2:member>
    <ns2:member>
        <ns2:id ns1:objectType="SUBSYSTEM">
            <ns1:xRoadInstance>AA</ns1:xRoadInstance>
            <ns1:memberClass>ENT</ns1:memberClass>
            <ns1:memberCode>CLIENT1</ns1:memberCode>
            <ns1:subsystemCode>sub</ns1:subsystemCode>
        </ns2:id>
        <ns2:name>Client One</ns2:name>
        <ns2:subsystemName>Client One Sub</ns2:subsystemName>
    </ns2:member>
</ns2:clientList>`;
  const compact = example.replace(/>\s+</g, '><').replace(/\s+(xmlns)/g, ' $1').replace(/<ns2:clientList\s+/, '<ns2:clientList ');
  assert.equal(listClientsXml(clients), compact);
  assert.ok(listClientsXml([{ id: { instance: 'AA', memberClass: 'GOV', memberCode: 'X' }, name: 'Sở <Tư pháp> & "Co"' }]).includes('<ns2:name>Sở &lt;Tư pháp&gt; &amp; &quot;Co&quot;</ns2:name>'));
});

test('PR-META Annex B, C.1: listClients in JSON is the document\'s example', () => {
  assert.deepEqual(listClientsJson(clients), {
    member: [
      { id: { member_class: 'GOV', member_code: 'TS1OWNER', object_type: 'MEMBER', xroad_instance: 'AA' }, name: 'TS1 Owner' },
      { id: { member_class: 'GOV', member_code: 'TS2OWNER', object_type: 'MEMBER', xroad_instance: 'AA' }, name: 'TS2 Owner' },
      { id: { member_class: 'ENT', member_code: 'CLIENT1', object_type: 'MEMBER', xroad_instance: 'AA' }, name: 'Client One' },
      { id: { member_class: 'ENT', member_code: 'CLIENT1', subsystem_code: 'sub', object_type: 'SUBSYSTEM', xroad_instance: 'AA' }, name: 'Client One', subsystem_name: 'Client One Sub' },
    ],
  });
});

test('PR-META §2: listClients is JSON only when application/json is asked for, text/xml otherwise', () => {
  assert.equal(listClientsMediaType('application/json'), 'application/json');
  assert.equal(listClientsMediaType('text/html, application/json;q=0.9'), 'application/json');
  for (const accept of [undefined, '', '*/*', 'application/xml', 'text/xml']) assert.equal(listClientsMediaType(accept), 'text/xml', String(accept));
});

test('PR-MREST Annex B.2: allowedMethods is the document\'s example; metaservices are never listed (§4)', () => {
  const provider = { instance: 'INSTANCE', memberClass: 'CLASS2', memberCode: 'MEMBER2', subsystemCode: 'SUBSYSTEM2' };
  const body = methodListJson([
    { id: { ...provider, serviceCode: 'payloadgen' }, serviceType: 'OPENAPI', endpoints: [{ method: 'GET', path: '/pet/findByStatus' }, { method: 'GET', path: '/pet/findByTags' }, { method: 'GET', path: '/pet/*' }] },
    { id: { ...provider, serviceCode: 'listMethods' }, serviceType: 'REST', endpoints: [] },
    { id: { ...provider, serviceCode: 'getOpenAPI' }, serviceType: 'REST', endpoints: [] },
  ]);
  assert.deepEqual(body, {
    service: [{
      member_class: 'CLASS2', member_code: 'MEMBER2', object_type: 'SERVICE', service_code: 'payloadgen', service_type: 'OPENAPI', subsystem_code: 'SUBSYSTEM2', xroad_instance: 'INSTANCE',
      endpoint_list: [{ method: 'GET', path: '/pet/findByStatus' }, { method: 'GET', path: '/pet/findByTags' }, { method: 'GET', path: '/pet/*' }],
    }],
  });
});

test('PR-MREST Annex B.1: endpoints from an OpenAPI document, path parameters as *, relative to the service base', () => {
  const document = {
    openapi: '3.0.0',
    servers: [{ url: 'https://petstore.niis.org/v2' }],
    paths: {
      '/pets': { get: {}, post: {}, parameters: [] },
      '/pets/{petId}': { get: {}, put: {}, delete: {} },
      '/pets/{petId}/images': { post: {} },
      '/admin/x': { get: {} },
    },
  };
  assert.deepEqual(endpointsFromOpenApi(document), [
    { method: 'GET', path: '/pets' }, { method: 'POST', path: '/pets' },
    { method: 'GET', path: '/pets/*' }, { method: 'PUT', path: '/pets/*' }, { method: 'DELETE', path: '/pets/*' },
    { method: 'POST', path: '/pets/*/images' }, { method: 'GET', path: '/admin/x' },
  ]);
  assert.deepEqual(endpointsFromOpenApi(document, '/pets'), [
    { method: 'GET', path: '/' }, { method: 'POST', path: '/' }, { method: 'GET', path: '/*' }, { method: 'PUT', path: '/*' }, { method: 'DELETE', path: '/*' }, { method: 'POST', path: '/*/images' },
  ]);
  assert.equal(openApiServerPath(document), '/v2');
  assert.equal(openApiServerPath({ servers: [{ url: '/population' }] }), '/population');
  assert.deepEqual(endpointsFromOpenApi(null), []);
});
