import { object, type Json } from './openapi-schemas.ts';

/**
 * A parameter's value as its schema expects it, from the strings of a request, following
 * OpenAPI 3's serialisation (§ Style Values): `simple` for path and header parameters
 * (`1,2,3`; an object `a,1,b,2`, exploded `a=1,b=2`), `form` for query parameters (an exploded
 * array repeats the name, an exploded object spreads its properties; unexploded both are
 * comma-separated), `spaceDelimited`, `pipeDelimited` and `deepObject` (`p[a]=1`). Primitives stay
 * strings here: the coercing validator turns them into the schema's type. `undefined`: absent.
 */

type Shape = 'array' | 'object' | 'primitive';

function shapeOf(schema: Json | undefined): Shape {
  const type = schema?.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('array') || schema?.items !== undefined) return 'array';
  if (types.includes('object') || object(schema?.properties)) return 'object';
  return 'primitive';
}

const pairs = (tokens: string[]): Json => {
  const result: Json = {};
  for (let i = 0; i + 1 < tokens.length; i += 2) result[tokens[i]!] = tokens[i + 1];
  return result;
};

const assignments = (tokens: string[]): Json =>
  Object.fromEntries(tokens.map((token) => {
    const at = token.indexOf('=');
    return at < 0 ? [token, ''] : [token.slice(0, at), token.slice(at + 1)];
  }));

/** A path or header parameter (`style: simple`, the only style OpenAPI allows for headers and the default for paths). */
export function simpleValue(raw: string, schema: Json | undefined, explode: boolean): unknown {
  const shape = shapeOf(schema);
  if (shape === 'array') return raw === '' ? [] : raw.split(',');
  if (shape === 'object') return explode ? assignments(raw.split(',')) : pairs(raw.split(','));
  return raw;
}

const DELIMITERS: Record<string, string> = { form: ',', spaceDelimited: ' ', pipeDelimited: '|' };

/** A query parameter. */
export function queryValue(query: URLSearchParams, parameter: Json, schema: Json | undefined): unknown {
  const name = parameter.name as string;
  const style = typeof parameter.style === 'string' ? parameter.style : 'form';
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  const shape = shapeOf(schema);
  if (style === 'deepObject') {
    const found: Json = {};
    for (const [key, value] of query) {
      const property = key.startsWith(`${name}[`) && key.endsWith(']') ? key.slice(name.length + 1, -1) : undefined;
      if (property !== undefined) found[property] = value;
    }
    return Object.keys(found).length > 0 ? found : undefined;
  }
  if (shape === 'object' && explode) {
    // Exploded form objects have no name of their own: their properties are the query's keys.
    const properties = Object.keys(object(schema?.properties) ?? {});
    const found = Object.fromEntries(properties.filter((p) => query.has(p)).map((p) => [p, query.get(p)]));
    return Object.keys(found).length > 0 ? found : undefined;
  }
  if (!query.has(name)) return undefined;
  if (shape === 'array' && explode) return query.getAll(name);
  const raw = query.get(name)!;
  const tokens = raw === '' ? [] : raw.split(DELIMITERS[style] ?? ',');
  if (shape === 'array') return tokens;
  if (shape === 'object') return pairs(tokens);
  return raw;
}

/** An `application/x-www-form-urlencoded` body as the object its schema describes (array properties take every value). */
export function formObject(text: string, schema: Json | undefined, resolve: (value: unknown) => Json | undefined): Json {
  const form = new URLSearchParams(text);
  const properties = object(schema?.properties) ?? {};
  const result: Json = {};
  for (const key of new Set(form.keys())) {
    result[key] = shapeOf(resolve(properties[key])) === 'array' ? form.getAll(key) : form.get(key);
  }
  return result;
}
