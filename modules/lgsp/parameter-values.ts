import { object, type Json } from './openapi-schemas.ts';

/**
 * A parameter's value as its schema expects it, from the strings of a request, following
 * OpenAPI 3's serialisation (§ Style Values): `simple` for path and header parameters
 * (`1,2,3`; an object `a,1,b,2`, exploded `a=1,b=2`), `form` for query parameters (an exploded
 * array repeats the name, an exploded object spreads its properties; unexploded both are
 * comma-separated), `spaceDelimited`, `pipeDelimited` and `deepObject` (`p[a]=1`); `label`
 * (`.1.2`) and `matrix` (`;id=1;id=2`) path parameters; cookies as `form` (decision 0048).
 * Primitives stay strings here: the coercing validator turns them into the schema's type.
 * `undefined`: absent.
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

/** `name=value` as a pair; a token without `=` is a name with an empty value. */
const keyValue = (token: string): [string, string] => {
  const at = token.indexOf('=');
  return at < 0 ? [token, ''] : [token.slice(0, at), token.slice(at + 1)];
};

const assignments = (tokens: string[]): Json => Object.fromEntries(tokens.map(keyValue));

/** A path or header parameter (`style: simple`, the only style OpenAPI allows for headers and the default for paths). */
export function simpleValue(raw: string, schema: Json | undefined, explode: boolean): unknown {
  const shape = shapeOf(schema);
  if (shape === 'array') return raw === '' ? [] : raw.split(',');
  if (shape === 'object') return explode ? assignments(raw.split(',')) : pairs(raw.split(','));
  return raw;
}

/** A value a `label` or `matrix` path parameter does not start as its style says. */
export class StyleMismatch extends Error {}

/**
 * A path parameter in `label` style: `.5`; an array `.3,4,5`, exploded `.3.4.5`; an object
 * `.role,admin,firstName,Alex`, exploded `.role=admin.firstName=Alex`.
 */
function labelValue(raw: string, schema: Json | undefined, explode: boolean): unknown {
  if (!raw.startsWith('.')) throw new StyleMismatch('label style: the value starts with "."');
  const rest = raw.slice(1);
  const shape = shapeOf(schema);
  if (shape === 'primitive') return rest;
  const tokens = rest === '' ? [] : rest.split(explode ? '.' : ',');
  if (shape === 'array') return tokens;
  return explode ? assignments(tokens) : pairs(tokens);
}

/**
 * A path parameter in `matrix` style: `;id=5`; an array `;id=3,4,5`, exploded `;id=3;id=4;id=5`;
 * an object `;id=role,admin,firstName,Alex`, exploded `;role=admin;firstName=Alex`.
 */
function matrixValue(raw: string, name: string, schema: Json | undefined, explode: boolean): unknown {
  if (!raw.startsWith(';')) throw new StyleMismatch('matrix style: the value starts with ";"');
  const entries = raw.slice(1).split(';').map(keyValue);
  const shape = shapeOf(schema);
  if (shape === 'object' && explode) return Object.fromEntries(entries);
  const own = entries.filter(([key]) => key === name).map(([, value]) => value);
  if (own.length === 0) throw new StyleMismatch(`matrix style: the value names the parameter (;${name}=…)`);
  if (shape === 'array') return explode ? own : own[0] === '' ? [] : own[0]!.split(',');
  if (shape === 'object') return pairs(own[0]!.split(','));
  return own[0];
}

/** A path parameter in its style (`simple` unless the parameter says `label` or `matrix`); StyleMismatch when the value is not in it. */
export function pathValue(raw: string, parameter: Json, schema: Json | undefined): unknown {
  const explode = parameter.explode === true;
  if (parameter.style === 'label') return labelValue(raw, schema, explode);
  if (parameter.style === 'matrix') return matrixValue(raw, parameter.name as string, schema, explode);
  return simpleValue(raw, schema, explode);
}

/** A request's cookies as a query: a cookie parameter is read as a `form` query parameter is (its only style). */
export function cookiesOf(cookieHeader: string | string[] | undefined): URLSearchParams {
  const cookies = new URLSearchParams();
  for (const pair of [cookieHeader ?? []].flat().join(';').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) cookies.append(pair.slice(0, at).trim(), pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1')); // RFC 6265: a value may be quoted
  }
  return cookies;
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
