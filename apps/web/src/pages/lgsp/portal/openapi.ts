// Reading a service's OpenAPI 3 document for its documentation page (decision 0037): the
// operations with their parameters, bodies and responses, local `$ref`s resolved (bounded), an
// example for each body, and copyable request examples through the LGSP gateway.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const MAX_DEPTH = 8;

export interface DocParameter {
  name: string;
  in: string;
  required: boolean;
  description: string;
  schema: Json | null;
  example: unknown;
}

export interface DocBody {
  contentType: string;
  schema: Json | null;
  example: unknown;
}

export interface DocResponse {
  status: string;
  description: string;
  body: DocBody | null;
}

export interface DocOperation {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: DocParameter[];
  requestBody: DocBody | null;
  responses: DocResponse[];
}

/** `#/components/schemas/X` within the document; anything else (remote refs) is left as it is. */
function follow(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const part of ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** The node with its local `$ref`s replaced, following at most MAX_DEPTH references in a row (cycles stop there). */
export function resolve(document: Json, node: unknown, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((item) => resolve(document, item, depth));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    // Only a reference can make a cycle: count the references followed.
    if (depth >= MAX_DEPTH) return {};
    const target = follow(document, node.$ref);
    return target === undefined ? node : resolve(document, target, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(document, value, depth)]));
}

/** An example of a schema: its own example, else one built from its type and properties. */
export function exampleOf(schema: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > MAX_DEPTH) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[key];
    if (Array.isArray(list) && list.length > 0) {
      if (key !== 'allOf') return exampleOf(list[0], depth + 1);
      return Object.assign({}, ...list.map((part) => exampleOf(part, depth + 1)).filter(isObject));
    }
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || isObject(schema.properties)) {
    return Object.fromEntries(Object.entries(isObject(schema.properties) ? schema.properties : {}).map(([name, prop]) => [name, exampleOf(prop, depth + 1)]));
  }
  if (type === 'array') return [exampleOf(schema.items, depth + 1)];
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return true;
  if (type === 'string') {
    if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
    if (schema.format === 'date') return '2026-01-01';
    if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
    return 'string';
  }
  return null;
}

function bodyOf(document: Json, content: unknown): DocBody | null {
  if (!isObject(content)) return null;
  const [contentType, media] = Object.entries(content)[0] ?? [];
  if (!contentType || !isObject(media)) return null;
  const schema = isObject(media.schema) ? (resolve(document, media.schema) as Json) : null;
  const named = isObject(media.examples) ? Object.values(media.examples).find(isObject) : undefined;
  const example = media.example !== undefined ? media.example : named && 'value' in named ? named.value : exampleOf(schema);
  return { contentType, schema, example };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Every operation of the document, by path then method, with path-level parameters merged in. */
export function operationsOf(raw: unknown): DocOperation[] {
  if (!isObject(raw) || !isObject(raw.paths)) return [];
  const document = raw;
  const operations: DocOperation[] = [];
  for (const [path, itemRaw] of Object.entries(raw.paths)) {
    const item = resolve(document, itemRaw);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].filter(isObject);
      const requestBody = isObject(op.requestBody) ? bodyOf(document, op.requestBody.content) : null;
      const responses = Object.entries(isObject(op.responses) ? op.responses : {}).filter(([, r]) => isObject(r)).map(([status, r]) => ({
        status, description: text((r as Json).description), body: bodyOf(document, (r as Json).content),
      }));
      operations.push({
        method: method.toUpperCase(), path, summary: text(op.summary), description: text(op.description), requestBody, responses,
        parameters: params.map((p) => {
          const schema = isObject(p.schema) ? (p.schema as Json) : null;
          return {
            name: text(p.name), in: text(p.in), required: p.required === true || p.in === 'path', description: text(p.description), schema,
            example: p.example !== undefined ? p.example : exampleOf(schema),
          };
        }),
      });
    }
  }
  // The registry keeps the document as jsonb, which does not keep key order: sort by path, then method.
  const rank = (method: string) => METHODS.indexOf(method.toLowerCase() as (typeof METHODS)[number]);
  return operations.sort((a, b) => (a.path === b.path ? rank(a.method) - rank(b.method) : a.path < b.path ? -1 : 1));
}

/** A short type label of a schema: `string (date-time)`, `array<object>`, `integer`. */
export function typeLabel(schema: Json | null): string {
  if (!schema) return '';
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : text(schema.type) || (isObject(schema.properties) ? 'object' : '');
  if (type === 'array') return `array<${typeLabel(isObject(schema.items) ? schema.items : null) || 'any'}>`;
  return schema.format ? `${type} (${text(schema.format)})` : type;
}

/** The operation's path with its path parameters filled by their examples (`{name}` → `an`). */
export function examplePath(operation: DocOperation): string {
  const query = operation.parameters.filter((p) => p.in === 'query' && p.required);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    const value = param?.example;
    return encodeURIComponent(value === null || value === undefined || typeof value === 'object' ? name : String(value as string | number));
  });
  if (query.length === 0) return path;
  return `${path}?${query.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.example ?? ''))}`).join('&')}`;
}

export interface SampleInput {
  /** The gateway's origin, e.g. https://lgsp.example.gov.vn. */
  origin: string;
  /** The X-Road service id without version: `VN/GOV/000.00.00.H19/DATA/citizens`. */
  serviceId: string;
  /** The consumer subsystem's X-Road id (`X-Road-Client`). */
  client: string;
  method: string;
  /** Path after the service code, with its query. */
  path: string;
  body: string | null;
  contentType: string;
}

export const LANGUAGES = ['curl', 'typescript', 'java', 'csharp'] as const;
export type SampleLanguage = (typeof LANGUAGES)[number];

export const gatewayUrl = (origin: string, serviceId: string, path: string) => `${origin.replace(/\/+$/, '')}/lgsp/r1/${serviceId}${path}`;

const quoteShell = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
const quoteC = (value: string) => JSON.stringify(value);

/** A request through the gateway, in one of four languages; the token comes from client credentials (resource …/lgsp, scope lgsp). */
export function requestSample(language: SampleLanguage, input: SampleInput): string {
  const url = gatewayUrl(input.origin, input.serviceId, input.path);
  const hasBody = input.body !== null && input.method !== 'GET' && input.method !== 'HEAD';
  const purpose = 'Giai quyet ho so TTHC';
  switch (language) {
    case 'curl':
      return [
        `curl -X ${input.method} ${quoteShell(url)} \\`,
        '  -H "Authorization: Bearer $TOKEN" \\',
        `  -H ${quoteShell(`X-Road-Client: ${input.client}`)} \\`,
        `  -H ${quoteShell(`X-Purpose: ${purpose}`)}${hasBody ? ' \\' : ''}`,
        ...(hasBody ? [`  -H ${quoteShell(`Content-Type: ${input.contentType}`)} \\`, `  --data ${quoteShell(input.body!)}`] : []),
      ].join('\n');
    case 'typescript':
      return [
        `const response = await fetch(${quoteC(url)}, {`,
        `  method: ${quoteC(input.method)},`,
        '  headers: {',
        '    Authorization: `Bearer ${token}`,',
        `    'X-Road-Client': ${quoteC(input.client)},`,
        `    'X-Purpose': ${quoteC(purpose)},`,
        ...(hasBody ? [`    'Content-Type': ${quoteC(input.contentType)},`] : []),
        '  },',
        ...(hasBody ? [`  body: ${quoteC(input.body!)},`] : []),
        '});',
        "console.log(response.status, response.headers.get('X-Road-Id'), await response.text());",
      ].join('\n');
    case 'java':
      return [
        'HttpRequest request = HttpRequest.newBuilder()',
        `    .uri(URI.create(${quoteC(url)}))`,
        '    .header("Authorization", "Bearer " + token)',
        `    .header("X-Road-Client", ${quoteC(input.client)})`,
        `    .header("X-Purpose", ${quoteC(purpose)})`,
        ...(hasBody ? [`    .header("Content-Type", ${quoteC(input.contentType)})`] : []),
        `    .method(${quoteC(input.method)}, ${hasBody ? `HttpRequest.BodyPublishers.ofString(${quoteC(input.body!)})` : 'HttpRequest.BodyPublishers.noBody()'})`,
        '    .build();',
        'HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());',
        'System.out.println(response.statusCode() + " " + response.headers().firstValue("X-Road-Id").orElse("") + " " + response.body());',
      ].join('\n');
    case 'csharp':
      return [
        'using var client = new HttpClient();',
        `using var request = new HttpRequestMessage(new HttpMethod(${quoteC(input.method)}), ${quoteC(url)});`,
        'request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);',
        `request.Headers.Add("X-Road-Client", ${quoteC(input.client)});`,
        `request.Headers.Add("X-Purpose", ${quoteC(purpose)});`,
        ...(hasBody ? [`request.Content = new StringContent(${quoteC(input.body!)}, System.Text.Encoding.UTF8, ${quoteC(input.contentType.split(';')[0]!)});`] : []),
        'using var response = await client.SendAsync(request);',
        'Console.WriteLine($"{(int)response.StatusCode} {string.Join(",", response.Headers.GetValues("X-Road-Id"))} {await response.Content.ReadAsStringAsync()}");',
      ].join('\n');
  }
}
