/**
 * Named component schemas for the OpenAPI documents built by @fastify/swagger.
 *
 * A route schema names a reusable part by giving it an `$id` (TypeBox: `{ $id: 'Dossier' }`);
 * validation and serialisation ignore the name. @fastify/swagger would print such a part
 * inline wherever it appears, so the document would repeat `Dossier` in every operation and
 * clients would get no type called `Dossier`. `namedComponents()` gives the plugin a route
 * `transform` that replaces every named part of a body or response with
 * `$ref: '#/components/schemas/<name>'`, and a `transformObject` that lists each named part
 * once under `components.schemas`.
 */

import type { FastifySchema, RouteOptions } from 'fastify';
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';

const COMPONENTS = '#/components/schemas/';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A component name from `$id` (a fragment-only `$id` is an anchor, not a name). */
function nameOf(schema: Record<string, unknown>): string | undefined {
  const id = schema.$id;
  return typeof id === 'string' && id !== '' && !id.startsWith('#') ? id : undefined;
}

export interface NamedComponents {
  /** The @fastify/swagger `transform` option: named parts of bodies and responses become `$ref`s. */
  transform: SwaggerTransform;
  /** The @fastify/swagger `transformObject` option: adds the collected components to the document. */
  transformObject: SwaggerTransformObject;
}

export interface NamedComponentsOptions {
  /** Rewrites a route before it is documented (path renames, extra fields); after the named parts are replaced. */
  route?: (input: { schema: Record<string, unknown>; url: string; route: RouteOptions }) => { schema: Record<string, unknown>; url: string };
  /** Last touches to the whole document (servers, security schemes). */
  document?: (doc: Record<string, unknown>) => Record<string, unknown>;
}

export function namedComponents(options: NamedComponentsOptions = {}): NamedComponents {
  const components = new Map<string, JsonObject>();

  /** A plain JSON copy of a schema in which every named part is a `$ref` (the named parts are collected). */
  function referenced(value: unknown, root = false): Json {
    if (Array.isArray(value)) return value.map((item) => referenced(item));
    if (!isObject(value)) return value as Json;
    const name = root ? undefined : nameOf(value);
    if (name !== undefined) {
      collect(name, value);
      return { $ref: `${COMPONENTS}${name}` };
    }
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$id' || item === undefined) continue;
      copy[key] = referenced(item);
    }
    return copy;
  }

  function collect(name: string, schema: Record<string, unknown>): void {
    const body = referenced(schema, true) as JsonObject;
    const known = components.get(name);
    if (known === undefined) components.set(name, body);
    else if (JSON.stringify(known) !== JSON.stringify(body)) {
      // Two different schemas under one name would silently document the wrong one.
      throw new Error(`two different schemas are named "${name}" in the API description`);
    }
  }

  /** A response keeps its description (the document shows it) when its schema becomes a `$ref`. */
  function referencedResponse(value: unknown): Json {
    const result = referenced(value);
    if (isObject(value) && isObject(result) && typeof result.$ref === 'string' && typeof value.description === 'string') {
      return { $ref: result.$ref, description: value.description };
    }
    return result;
  }

  return {
    transform({ schema: routeSchema, url, route }) {
      const schema = routeSchema as Record<string, unknown>;
      const rewritten: Record<string, unknown> = { ...schema };
      // A wildcard route (`/r1/*`) gets a named parameter the document can declare.
      if (url.endsWith('/*')) {
        url = `${url.slice(0, -1)}:path`;
        rewritten.params = { type: 'object', required: ['path'], properties: { path: { type: 'string', description: 'The rest of the path, "/" included' } } };
      }
      if (schema.body !== undefined) rewritten.body = referenced(schema.body);
      if (isObject(schema.response)) {
        rewritten.response = Object.fromEntries(Object.entries(schema.response).map(([status, value]) => [status, referencedResponse(value)]));
      }
      const result = options.route ? options.route({ schema: rewritten, url, route }) : { schema: rewritten, url };
      return { schema: result.schema as FastifySchema, url: result.url };
    },
    transformObject(documentObject) {
      if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
      const openapiObject = documentObject.openapiObject as Record<string, unknown>;
      const existing = isObject(openapiObject.components) ? openapiObject.components : {};
      const schemas = { ...(isObject(existing.schemas) ? existing.schemas : {}) };
      for (const name of [...components.keys()].sort()) schemas[name] = components.get(name);
      const doc = { ...openapiObject, components: { ...existing, schemas } };
      return (options.document ? options.document(doc) : doc) as ReturnType<SwaggerTransformObject>;
    },
  };
}
