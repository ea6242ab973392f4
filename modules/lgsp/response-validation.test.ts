import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexDescription } from './openapi-schemas.ts';
import { compileResponseCheck, type ResponseFacts } from './response-validation.ts';

/** The response check: declared statuses (exact, ranges, default), headers, media types and JSON bodies. */

const document = {
  openapi: '3.0.3', info: { title: 'Permits', version: '1' },
  components: {
    schemas: { Permit: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, area: { type: 'number', nullable: true } } } },
    headers: { ETag: { schema: { type: 'string', pattern: '^"[0-9a-f]+"$' } } },
    responses: { Problem: { description: 'a problem', content: { 'application/problem+json': { schema: { type: 'object', required: ['title'] } } } } },
  },
  paths: {
    '/permits/{id}': {
      get: {
        responses: {
          200: { description: 'the permit', headers: { 'X-Rate-Remaining': { required: true, schema: { type: 'integer', minimum: 0 } }, 'Content-Type': { required: true, schema: { enum: ['never'] } }, ETag: { $ref: '#/components/headers/ETag' } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Permit' } }, 'application/xml': {} } },
          404: { $ref: '#/components/responses/Problem' },
          '5XX': { description: 'failure' },
        },
      },
      delete: { responses: { 204: { description: 'gone' }, default: { description: 'anything else', content: { 'application/json': { schema: { type: 'object', required: ['message'] } } } } } },
    },
    '/loose': { get: {} },
  },
};

const check = compileResponseCheck(indexDescription(document));
const answer = (method: string, path: string, status: number, contentType: string | undefined, body = '', headers: Record<string, string> = { 'x-rate-remaining': '9' }): ResponseFacts =>
  ({ method, path, status, contentType, headers: contentType ? { ...headers, 'content-type': contentType } : headers, body: Buffer.from(body) });

describe('response validation against an OpenAPI document', () => {
  it('passes answers the operation declares', () => {
    const accepted = [
      answer('GET', '/permits/7', 200, 'application/json; charset=utf-8', '{"code":"A","area":null}'),
      answer('GET', '/permits/7', 200, 'application/xml', '<permit/>'),
      answer('GET', '/permits/7', 200, 'application/xml', '<permit/>', { 'x-rate-remaining': '0', etag: '"9f"' }),
      answer('HEAD', '/permits/7', 200, 'application/json'),
      answer('GET', '/permits/7', 404, 'application/problem+json', '{"title":"not found"}'),
      answer('GET', '/permits/7', 503, 'text/html', '<h1>down</h1>'),
      answer('DELETE', '/permits/7', 204, undefined),
      answer('DELETE', '/permits/7', 409, 'application/json', '{"message":"in use"}'),
      answer('GET', '/loose', 418, 'text/plain', 'no responses declared: nothing to check'),
    ];
    for (const a of accepted) assert.equal(check(a), undefined, `${a.method} ${a.path} ${a.status}`);
  });

  it('refuses an undeclared status, a missing or invalid declared header, an undeclared media type and a JSON body off its schema', () => {
    const refused: [ResponseFacts, RegExp][] = [
      [answer('GET', '/permits/7', 400, 'application/json', '{}'), /GET \/permits\/\{id\} declares no response 400 \(declared: 200, 404, 5XX\)/],
      [answer('GET', '/permits/7', 200, 'text/html', '<p>'), /media type text\/html is not one the response 200 declares: application\/json, application\/xml/],
      [answer('GET', '/permits/7', 200, undefined, '{"code":"A"}'), /media type \(none\)/],
      [answer('GET', '/permits/7', 200, 'application/json', '{"area":1}'), /response 200 body must have required property 'code'/],
      [answer('GET', '/permits/7', 200, 'application/json', '{"code":"A","area":"big"}'), /response 200 body\/area must be number/],
      [answer('GET', '/permits/7', 200, 'application/json', 'not json'), /not valid JSON/],
      [answer('GET', '/permits/7', 404, 'application/problem+json', '{}'), /response 404 body must have required property 'title'/],
      [answer('DELETE', '/permits/7', 500, 'application/json', '{}'), /response 500 body must have required property 'message'/],
      [answer('GET', '/permits/7', 200, 'application/xml', '<permit/>', {}), /The response 200 header X-Rate-Remaining is required/],
      [answer('GET', '/permits/7', 200, 'application/xml', '<permit/>', { 'x-rate-remaining': '-1' }), /response 200 header X-Rate-Remaining must be >= 0/],
      [answer('GET', '/permits/7', 200, 'application/xml', '<permit/>', { 'x-rate-remaining': '1', etag: 'W/"9f"' }), /response 200 header ETag must match pattern/],
      [answer('GET', '/elsewhere', 200, 'application/json', '{}'), /No operation .* matches \/elsewhere/],
    ];
    for (const [a, reason] of refused) assert.match(check(a) ?? 'accepted', reason, `${a.method} ${a.path} ${a.status}`);
  });
});
