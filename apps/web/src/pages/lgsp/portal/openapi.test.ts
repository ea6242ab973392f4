import { test } from 'node:test';
import assert from 'node:assert/strict';
import { examplePath, exampleOf, operationsOf, requestSample, typeLabel } from './openapi.ts';

const document = {
  openapi: '3.0.3',
  info: { title: 'Citizens', version: '1' },
  components: {
    schemas: {
      Citizen: { type: 'object', properties: { name: { type: 'string', example: 'Nguyễn Văn An' }, born: { type: 'string', format: 'date' }, tags: { type: 'array', items: { type: 'string' } } } },
      Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } },
    },
  },
  paths: {
    '/citizens/{id}': {
      parameters: [{ name: 'id', in: 'path', schema: { type: 'string', example: '001099012345' } }],
      get: {
        summary: 'One citizen',
        parameters: [{ name: 'fields', in: 'query', required: true, schema: { type: 'string', enum: ['name', 'all'] } }],
        responses: { 200: { description: 'Found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Citizen' } } } }, 404: { description: 'Unknown' } },
      },
    },
    '/nodes': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } }, responses: {} } },
  },
};

test('operations come with path-level parameters, resolved schemas and examples', () => {
  const [get, post] = operationsOf(document);
  assert.equal(get!.method, 'GET');
  assert.deepEqual(get!.parameters.map((p) => [p.name, p.in, p.required, p.example]), [['id', 'path', true, '001099012345'], ['fields', 'query', true, 'name']]);
  assert.deepEqual(get!.responses.map((r) => r.status), ['200', '404']);
  assert.deepEqual(get!.responses[0]!.body!.example, { name: 'Nguyễn Văn An', born: '2026-01-01', tags: ['string'] });
  assert.equal(typeLabel(get!.responses[0]!.body!.schema), 'object');
  assert.equal(examplePath(get!), '/citizens/001099012345?fields=name');
  // A recursive schema stops at the depth bound instead of looping.
  assert.equal(post!.method, 'POST');
  assert.ok(JSON.stringify(post!.requestBody!.example).length < 2_000);
  assert.deepEqual(operationsOf({ swagger: '2.0' }), []);
  assert.equal(exampleOf({ type: 'integer' }), 0);
});

test('request examples name the gateway URL and the X-Road headers in each language', () => {
  const input = { origin: 'https://lgsp.example/', serviceId: 'VN/GOV/H19/DATA/citizens', client: 'VN/GOV/H19.1/PORTAL', method: 'POST', path: '/nodes', body: '{"a":"it\'s"}', contentType: 'application/json' };
  for (const language of ['curl', 'typescript', 'java', 'csharp'] as const) {
    const sample = requestSample(language, input);
    assert.ok(sample.includes('https://lgsp.example/lgsp/r1/VN/GOV/H19/DATA/citizens/nodes'), language);
    assert.ok(sample.includes('X-Road-Client'), language);
    assert.ok(sample.includes('VN/GOV/H19.1/PORTAL'), language);
  }
  assert.match(requestSample('curl', input), /--data '\{"a":"it'\\''s"\}'/, 'shell quoting survives a quote');
  assert.ok(!requestSample('curl', { ...input, method: 'GET', body: null }).includes('--data'));
});
