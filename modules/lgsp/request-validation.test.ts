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

  it('reads cookie parameters as form values, and label and matrix path parameters in their style (OpenAPI 3 § Style Values)', () => {
    const styled = compileRequestCheck(indexDescription({
      openapi: '3.1.0', info: { title: 'Styles', version: '1' },
      paths: {
        '/label/{one}/{many}/{exploded}/{obj}': { get: { parameters: [
          { name: 'one', in: 'path', required: true, style: 'label', schema: { type: 'integer' } },
          { name: 'many', in: 'path', required: true, style: 'label', schema: { type: 'array', items: { type: 'integer' }, maxItems: 3 } },
          { name: 'exploded', in: 'path', required: true, style: 'label', explode: true, schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } } },
          { name: 'obj', in: 'path', required: true, style: 'label', explode: true, schema: { type: 'object', required: ['role'], properties: { role: { enum: ['admin', 'desk'] } } } },
        ] } },
        '/matrix/{id}/{ids}/{each}/{obj}': { get: { parameters: [
          { name: 'id', in: 'path', required: true, style: 'matrix', schema: { type: 'integer' } },
          { name: 'ids', in: 'path', required: true, style: 'matrix', schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'each', in: 'path', required: true, style: 'matrix', explode: true, schema: { type: 'array', items: { type: 'integer' }, minItems: 2 } },
          { name: 'obj', in: 'path', required: true, style: 'matrix', schema: { type: 'object', properties: { year: { type: 'integer' } } } },
        ] } },
        '/session': { get: { parameters: [
          { name: 'session', in: 'cookie', required: true, schema: { type: 'string', pattern: '^[a-f0-9]{8}$' } },
          { name: 'page', in: 'cookie', schema: { type: 'integer', minimum: 1 } },
          { name: 'tabs', in: 'cookie', explode: false, schema: { type: 'array', items: { type: 'integer' } } },
        ] } },
      },
    }));
    const get = (target: string, headers: Record<string, string> = {}) => styled(facts('GET', target, headers));
    assert.equal(get('/label/.5/.1,2,3/.a.b/.role=admin'), undefined);
    assert.equal(get('/matrix/;id=5/;ids=3,4/;each=1;each=2/;obj=year,2026'), undefined);
    assert.equal(get('/session', { cookie: 'theme=dark; session=0a1b2c3d; page=2; tabs=1,2' }), undefined);
    assert.equal(get('/session', { cookie: 'session="0a1b2c3d"' }), undefined);
    const refused: [string, Record<string, string>, RegExp][] = [
      ['/label/5/.1/.a/.role=admin', {}, /path parameter one is not in label style: the value starts with "\."/],
      ['/label/.x/.1/.a/.role=admin', {}, /path parameter one must be integer/],
      ['/label/.5/.1,2,3,4/.a/.role=admin', {}, /path parameter many must NOT have more than 3 items/],
      ['/label/.5/.1/.a.c/.role=admin', {}, /path parameter exploded\/1 must be equal to one of the allowed values/],
      ['/label/.5/.1/.a/.role=owner', {}, /path parameter obj\/role must be equal to one of the allowed values/],
      ['/matrix/id=5/;ids=3/;each=1;each=2/;obj=year,1', {}, /path parameter id is not in matrix style: the value starts with ";"/],
      ['/matrix/;other=5/;ids=3/;each=1;each=2/;obj=year,1', {}, /path parameter id is not in matrix style: the value names the parameter/],
      ['/matrix/;id=5/;ids=3,x/;each=1;each=2/;obj=year,1', {}, /path parameter ids\/1 must be integer/],
      ['/matrix/;id=5/;ids=3/;each=1/;obj=year,1', {}, /path parameter each must NOT have fewer than 2 items/],
      ['/matrix/;id=5/;ids=3/;each=1;each=2/;obj=year,next', {}, /path parameter obj\/year must be integer/],
      ['/session', {}, /The cookie parameter session is required/],
      ['/session', { cookie: 'session=zz' }, /cookie parameter session must match pattern/],
      ['/session', { cookie: 'session=0a1b2c3d; page=0' }, /cookie parameter page must be >= 1/],
      ['/session', { cookie: 'session=0a1b2c3d; tabs=1,two' }, /cookie parameter tabs\/1 must be integer/],
    ];
    for (const [target, headers, reason] of refused) assert.match(get(target, headers) ?? 'accepted', reason, target);
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
