import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XROAD_FAULT_TYPES, faultMediaType, faultStatus, renderFault } from './index.ts';

test('PR-REST §4.6: Client.* faults are 400, Server.ClientProxy.* and Server.ServerProxy.* are 500, and no other status is used', () => {
  for (const type of XROAD_FAULT_TYPES) {
    assert.match(type, /^(Client|Server\.ClientProxy|Server\.ServerProxy)\.[A-Z][A-Za-z]+$/, type);
    assert.equal(faultStatus(type), type.startsWith('Client.') ? 400 : 500, type);
  }
  assert.deepEqual(new Set(XROAD_FAULT_TYPES.map(faultStatus)), new Set([400, 500]));
});

test('PR-REST §4.6 examples: the documents\' type names are among the types', () => {
  for (const named of ['Client.BadRequest', 'Server.ServerProxy.NetworkError', 'Server.ServerProxy.DatabaseError', 'Server.ServerProxy.ServiceFailed']) {
    assert.ok((XROAD_FAULT_TYPES as readonly string[]).includes(named), named);
  }
});

test('PR-REST §4.6 example 3: the JSON body is {type, message, detail}, with Content-Type and X-Road-Error', () => {
  const fault = { type: 'Client.BadRequest', message: 'Error parsing the client\'s REST request', detail: '018cbcae-537e-421b-b6f6-2608dc97bd90' } as const;
  const rendered = renderFault(fault, undefined);
  assert.deepEqual(rendered, { status: 400, contentType: 'application/json; charset=utf-8', errorHeader: 'Client.BadRequest', body: JSON.stringify(fault) });
});

test('PR-REST §4.6: the fault respects Accept — XML for application/xml, text/xml, text/*; JSON by default', () => {
  assert.equal(faultMediaType('application/xml'), 'application/xml');
  assert.equal(faultMediaType('text/xml; charset=utf-8'), 'text/xml');
  assert.equal(faultMediaType('text/*;q=0.5'), 'text/xml');
  assert.equal(faultMediaType('application/json, application/xml;q=0.1'), 'application/xml');
  for (const accept of [undefined, '', 'application/json', '*/*', 'text/html', 'application/xml+foo']) assert.equal(faultMediaType(accept), 'application/json', String(accept));

  const rendered = renderFault({ type: 'Server.ServerProxy.AccessDenied', message: 'a < b & "c"', detail: 'd-1' }, 'application/xml');
  assert.equal(rendered.status, 500);
  assert.equal(rendered.contentType, 'application/xml; charset=utf-8');
  assert.equal(rendered.body, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><error><type>Server.ServerProxy.AccessDenied</type>'
    + '<message>a &lt; b &amp; &quot;c&quot;</message><detail>d-1</detail></error>');
  assert.ok(!renderFault({ type: 'Client.BadRequest', message: 'nul\u0000here', detail: 'x' }, 'text/xml').body.includes('\u0000'), 'no character XML cannot carry');
});
