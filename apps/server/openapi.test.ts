import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { platformOpenapi, sandboxOpenapi } from './openapi.ts';

// The API description is a contract clients generate code from: these are the properties that
// make it usable (names for operations and types, one path per operation, declared credentials).

type Doc = Record<string, unknown> & { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, SecurityScheme> } };
type Schema = Record<string, unknown>;
type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
type SecurityScheme = { type: string; in?: string; name?: string };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

function operations(doc: Doc): { where: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([method]) => METHODS.has(method)).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })));
}

const isScalar = (s: Schema): boolean => s.$ref === undefined &&
  s.properties === undefined && s.type !== 'object' && (s.type !== 'array' || isScalar(s.items as Schema)) &&
  ((s.anyOf as Schema[] | undefined) ?? []).every(isScalar);

/**
 * A body is described by name: a `$ref`, a list of `$ref`s, or a wrapper (a page: items and
 * totals) whose every structured field is a `$ref`; a bare string (a CSV export) needs no name.
 */
function named(s: Schema, root = true): boolean {
  if (typeof s.$ref === 'string') return true;
  if (s.type === 'array') return named(s.items as Schema, false);
  if (root && s.type === 'object' && s.properties) {
    const fields = Object.values(s.properties as Record<string, Schema>);
    return fields.some((f) => !isScalar(f)) && fields.every((f) => isScalar(f) || named(f, false));
  }
  return root && isScalar(s) && s.type !== undefined;
}

/** Bodies with a JSON schema that is not described by name. */
function unnamedBodies(doc: Doc): string[] {
  const found: string[] = [];
  for (const { where, op } of operations(doc)) {
    const bodies = [['request', op.requestBody?.content] as const, ...Object.entries(op.responses).map(([status, r]) => [status, r.content] as const)];
    for (const [which, content] of bodies) {
      const schema = content?.['application/json']?.schema;
      if (schema && !named(schema)) found.push(`${where} ${which}`);
    }
  }
  return found;
}

/**
 * Two paths are ambiguous when a request could match both and neither is more specific: the
 * same number of segments, the same number of parameters, and where they differ one of them
 * has a parameter (`/a/by-code/{code}` and `/a/{id}/offerings`). Redocly's no-ambiguous-paths.
 */
function ambiguousPairs(paths: string[]): string[] {
  const isParam = (segment: string) => /^\{.+\}$/.test(segment);
  const pairs: string[] = [];
  for (const [i, a] of paths.entries()) {
    for (const b of paths.slice(i + 1)) {
      const sa = a.split('/');
      const sb = b.split('/');
      if (sa.length !== sb.length || sa.filter(isParam).length !== sb.filter(isParam).length) continue;
      if (sa.every((s, k) => s === sb[k] || isParam(s) || isParam(sb[k]!))) pairs.push(`${a} ~ ${b}`);
    }
  }
  return pairs;
}

function checkCommon(name: string, doc: Doc): void {
  assert.ok(Array.isArray(doc.servers) && doc.servers.length > 0, `${name}: servers are set`);
  const ops = operations(doc);
  const missing = ops.filter(({ op }) => !op.operationId).map(({ where }) => where);
  assert.deepEqual(missing, [], `${name}: operations without an operationId`);
  const ids = ops.map(({ op }) => op.operationId);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], `${name}: operationIds are unique`);
  assert.deepEqual(ambiguousPairs(Object.keys(doc.paths)), [], `${name}: no ambiguous paths`);
}

describe('the checks themselves', () => {
  it('see the ambiguous pairs the paths used to have, and accept a literal beside a parameter', () => {
    assert.equal(ambiguousPairs(['/api/tthc/procedures/by-code/{code}', '/api/tthc/procedures/{id}/offerings']).length, 1);
    assert.equal(ambiguousPairs(['/calendar/exceptions/{id}', '/calendar/{year}/rules']).length, 1);
    assert.deepEqual(ambiguousPairs(['/dossiers/{id}', '/dossiers/mine', '/procedure-codes/{code}', '/procedures/{id}/offerings']), []);
  });

  it('accept a $ref, a list of them or a page wrapping them, and refuse an inline object', () => {
    assert.ok(named({ $ref: '#/components/schemas/Dossier' }));
    assert.ok(named({ type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Dossier' } }, total: { type: 'integer' } } }));
    assert.ok(!named({ type: 'object', properties: { code: { type: 'string' } } }));
    assert.ok(!named({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: {} } } } }));
  });
});

describe('the platform API description', () => {
  let doc: Doc;
  before(async () => {
    doc = (await platformOpenapi()) as Doc;
  });

  it('names every operation, sets servers and has no ambiguous paths', () => {
    checkCommon('openapi.json', doc);
    assert.equal(doc.paths['/api/tthc/procedures/by-code/{code}'], undefined);
    assert.ok(doc.paths['/api/tthc/procedure-codes/{code}']?.get);
  });

  it('describes request and response bodies with named component schemas', () => {
    assert.deepEqual(unnamedBodies(doc), []);
    const schemas = doc.components?.schemas ?? {};
    for (const name of ['Error', 'Dossier', 'Procedure', 'Agency', 'Official']) assert.ok(schemas[name], `component ${name}`);
    const notFound = doc.paths['/api/tthc/dossiers/{id}']!.get!.responses['404']!.content!['application/json']!.schema;
    assert.deepEqual(notFound, { $ref: '#/components/schemas/Error' });
  });

  it('refers only to components it defines', () => {
    const text = JSON.stringify(doc);
    const refs = new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
    const defined = new Set(Object.keys(doc.components?.schemas ?? {}));
    assert.deepEqual([...refs].filter((r) => !defined.has(r)), []);
    assert.deepEqual([...defined].filter((d) => !refs.has(d)), [], 'every component is used');
  });
});

describe('the sandboxes’ API descriptions', () => {
  let docs: Record<string, Doc>;
  before(async () => {
    docs = (await sandboxOpenapi()) as Record<string, Doc>;
  });

  it('name every operation, set servers and have no ambiguous paths', () => {
    assert.ok(Object.keys(docs).length >= 10);
    for (const [name, doc] of Object.entries(docs)) checkCommon(name, doc);
  });

  it('declare credentials as security schemes, not as header parameters', () => {
    for (const [name, doc] of Object.entries(docs)) {
      const schemes = doc.components?.securitySchemes ?? {};
      const credentialHeaders = new Set(Object.values(schemes).filter((s) => s.type === 'apiKey' && s.in === 'header').map((s) => s.name!.toLowerCase()));
      for (const { where, op } of operations(doc)) {
        assert.ok(Array.isArray(op.security), `${name}: ${where} says how it is authenticated`);
        for (const requirement of op.security) for (const scheme of Object.keys(requirement)) assert.ok(schemes[scheme], `${name}: ${where} uses a declared scheme ${scheme}`);
        const headers = (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
        assert.deepEqual(headers.filter((h) => credentialHeaders.has(h) || h === 'authorization'), [], `${name}: ${where} has no credential header parameters`);
      }
    }
    const population = docs.population!;
    const lookup = population.paths['/v1/citizens/lookup']!.post!;
    assert.deepEqual(lookup.security, [{ clientId: [], apiKey: [] }]);
    const { type, in: where, name } = population.components!.securitySchemes!.apiKey!;
    assert.deepEqual({ type, where, name }, { type: 'apiKey', where: 'header', name: 'X-Api-Key' });
  });
});
