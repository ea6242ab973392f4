import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { namedComponents } from './openapi.ts';

const route = {} as RouteOptions;
const Fee = Type.Object({ amountVnd: Type.Integer() }, { $id: 'Fee' });
const Procedure = Type.Object({ name: Type.String(), fees: Type.Array(Fee) }, { $id: 'Procedure' });

test('named parts of bodies and responses become $refs, each component listed once', () => {
  const { transform, transformObject } = namedComponents();
  const { schema } = transform({ schema: { body: Procedure, response: { 200: Type.Object({ items: Type.Array(Procedure) }) } }, url: '/p', route, openapiObject: {} });
  assert.deepEqual((schema as { body: unknown }).body, { $ref: '#/components/schemas/Procedure' });
  assert.deepEqual((schema as { response: Record<number, unknown> }).response[200], {
    type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Procedure' } } },
  });
  const doc = transformObject({ openapiObject: { openapi: '3.1.0' } }) as { components: { schemas: Record<string, unknown> } };
  assert.deepEqual(Object.keys(doc.components.schemas), ['Fee', 'Procedure']);
  assert.deepEqual(doc.components.schemas.Procedure, {
    type: 'object', required: ['name', 'fees'], properties: { name: { type: 'string' }, fees: { type: 'array', items: { $ref: '#/components/schemas/Fee' } } },
  });
});

test('two different schemas under one name stop the generation', () => {
  const { transform } = namedComponents();
  transform({ schema: { body: Fee }, url: '/a', route, openapiObject: {} });
  const other = Type.Object({ amountVnd: Type.String() }, { $id: 'Fee' });
  assert.throws(() => transform({ schema: { body: other }, url: '/b', route, openapiObject: {} }), /two different schemas are named "Fee"/);
});
