import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexDescription } from './openapi-schemas.ts';
import { compileRequestCheck, type RequestFacts } from './request-validation.ts';

/** Each kind of refusal and acceptance of the request check, against one OpenAPI 3.1 document. */

const document = {
  openapi: '3.1.0', info: { title: 'Permits', version: '1' },
  components: {
    schemas: { Permit: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', pattern: '^[A-Z]{2}-\\d+$' }, area: { type: 'number', minimum: 0 } } } },
    parameters: { Trace: { name: 'X-Trace-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } } },
  },
  paths: {
    '/permits/{year}/{id}': {
      parameters: [{ name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000 } }],
      get: {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
          { name: 'fields', in: 'query', schema: { type: 'array', items: { type: 'string', enum: ['code', 'area'] } } },
          { name: 'ids', in: 'query', explode: false, schema: { type: 'array', items: { type: 'integer' }, maxItems: 3 } },
          { name: 'filter', in: 'query', style: 'deepObject', schema: { type: 'object', properties: { min: { type: 'integer' } }, additionalProperties: false } },
          { name: 'where', in: 'query', content: { 'application/json': { schema: { type: 'object', required: ['q'] } } } },
          { $ref: '#/components/parameters/Trace' },
          { name: 'X-Codes', in: 'header', schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'Accept', in: 'header', required: true, schema: { type: 'string', enum: ['never'] } },
        ],
      },
    },
    '/files/{name}.{ext}': { get: { parameters: [{ name: 'ext', in: 'path', required: true, schema: { enum: ['pdf', 'xml'] } }] } },
    '/permits': {
      post: {
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/Permit' } },
            'application/x-www-form-urlencoded': { schema: { type: 'object', required: ['code', 'tags'], properties: { code: { type: 'string' }, area: { type: 'number' }, tags: { type: 'array', items: { type: 'string' }, minItems: 2 } } } },
            'application/xml': {},
            'text/*': {},
          },
        },
      },
      put: { requestBody: { content: { 'application/octet-stream': {} } } },
      delete: {},
    },
  },
};

const check = compileRequestCheck(indexDescription(document));
const TRACE = '0b6f8a2e-5d7c-4e19-9a8b-1c2d3e4f5a6b';
const facts = (method: string, target: string, headers: Record<string, string> = {}, body?: string): RequestFacts => {
  const [path, query = ''] = target.split('?') as [string, string?];
  return { method, path, query, headers: { 'x-trace-id': TRACE, ...headers }, body: body === undefined ? undefined : Buffer.from(body) };
};
const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('request validation against an OpenAPI 3.1 document', () => {
  it('accepts requests as the document describes them', () => {
    const accepted: RequestFacts[] = [
      facts('GET', '/permits/2024/17'),
      facts('HEAD', '/permits/2024/17'),
      facts('GET', '/permits/2024/17?fields=code&fields=area&ids=1,2,3&filter[min]=4'),
      facts('GET', `/permits/2024/17?where=${encodeURIComponent('{"q":"x"}')}`),
      facts('GET', '/permits/2024/17', { 'x-codes': '1,2' }),
      facts('GET', '/permits/2024/%31%37'),
      facts('GET', '/files/report.pdf'),
      facts('POST', '/permits', json, '{"code":"DT-12","area":3.5}'),
      facts('POST', '/permits', { 'content-type': 'application/json; charset=utf-8' }, '{"code":"DT-12"}'),
      facts('POST', '/permits', form, 'code=DT-1&area=2.5&tags=a&tags=b'),
      facts('POST', '/permits', { 'content-type': 'application/xml' }, '<permit/>'),
      facts('POST', '/permits', { 'content-type': 'text/plain' }, 'DT-12'),
      facts('PUT', '/permits', { 'content-type': 'application/octet-stream' }, 'bytes'),
      facts('PUT', '/permits'),
      facts('DELETE', '/permits'),
    ];
    for (const request of accepted) assert.equal(check(request), undefined, `${request.method} ${request.path}?${request.query}`);
  });

  it('refuses each kind of mismatch with a reason', () => {
    const refused: [RequestFacts, RegExp][] = [
      [facts('GET', '/licences'), /No operation .* matches \/licences/],
      [facts('PATCH', '/permits'), /no PATCH operation on \/permits/],
      [facts('GET', '/permits/1999/17'), /path parameter year must be >= 2000/],
      [facts('GET', '/permits/year/17'), /path parameter year must be integer/],
      [facts('GET', '/permits/2024/abc'), /path parameter id must match pattern/],
      [facts('GET', '/permits/2024/%E0%A4%A'), /path parameter id is not valid percent-encoding/],
      [facts('GET', '/files/report.doc'), /path parameter ext must be equal to one of the allowed values/],
      [facts('GET', '/permits/2024/17?fields=code&fields=owner'), /query parameter fields\/1 must be equal to one of the allowed values/],
      [facts('GET', '/permits/2024/17?ids=1,x'), /query parameter ids\/1 must be integer/],
      [facts('GET', '/permits/2024/17?ids=1,2,3,4'), /query parameter ids must NOT have more than 3 items/],
      [facts('GET', '/permits/2024/17?filter[max]=4'), /query parameter filter must NOT have additional properties/],
      [facts('GET', '/permits/2024/17?where={bad'), /query parameter where is not valid JSON/],
      [facts('GET', `/permits/2024/17?where=${encodeURIComponent('{"p":1}')}`), /query parameter where must have required property 'q'/],
      [{ ...facts('GET', '/permits/2024/17'), headers: {} }, /The header X-Trace-Id is required/],
      [facts('GET', '/permits/2024/17', { 'x-trace-id': 'not-a-uuid' }), /header X-Trace-Id must match format "uuid"/],
      [facts('GET', '/permits/2024/17', { 'x-codes': '1,two' }), /header X-Codes\/1 must be integer/],
      [facts('POST', '/permits', json), /A request body is required/],
      [facts('POST', '/permits', {}, '{"code":"DT-1"}'), /media type \(none\) is not one the operation accepts: application\/json, application\/x-www-form-urlencoded, application\/xml, text\/\*/],
      [facts('POST', '/permits', { 'content-type': 'application/pdf' }, '%PDF'), /media type application\/pdf is not one the operation accepts/],
      [facts('POST', '/permits', json, '{not json'), /not valid JSON/],
      [facts('POST', '/permits', json, '{"code":"DT-1","area":"3"}'), /body\/area must be number/],
      [facts('POST', '/permits', json, '{"code":"DT-1","owner":"x"}'), /body must NOT have additional properties/],
      [facts('POST', '/permits', form, 'code=DT-1&tags=a'), /body\/tags must NOT have fewer than 2 items/],
      [facts('POST', '/permits', form, 'code=DT-1&tags=a&tags=b&area=wide'), /body\/area must be number/],
      [facts('PUT', '/permits', json, '{}'), /media type application\/json is not one the operation accepts: application\/octet-stream/],
      [facts('DELETE', '/permits', json, '{}'), /DELETE \/permits takes no request body/],
    ];
    for (const [request, reason] of refused) assert.match(check(request) ?? 'accepted', reason, `${request.method} ${request.path}?${request.query}`);
  });

  it('ignores Accept, Content-Type and Authorization header parameters, as OpenAPI says', () => {
    assert.equal(check(facts('GET', '/permits/2024/17', { accept: 'application/json' })), undefined);
  });

  it('checks nothing it cannot compile, and a document without paths refuses every path', () => {
    const loose = compileRequestCheck(indexDescription({ openapi: '3.0.3', paths: { '/x': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { a: { $ref: '#/nowhere' } } } } } } } } } }));
    assert.equal(loose(facts('POST', '/x', json, '{"a":1}')), undefined);
    assert.match(compileRequestCheck(indexDescription(undefined))(facts('GET', '/')) ?? '', /No operation/);
  });
});
