import { namedComponents } from '../../packages/platform/index.ts';
import type { Sandbox } from './sandbox.ts';

/**
 * How a sandbox's OpenAPI document is built from its routes. The imitated systems authenticate
 * with headers (`X-Client-Id` + `X-Api-Key`, `X-Road-Client`, `X-Merchant-Code` + `X-Signature`)
 * or bearer tokens; the document declares those as security schemes, not as header parameters,
 * so clients and tools know they are credentials. The routes keep validating the headers.
 */

export type SecurityScheme =
  | { type: 'apiKey'; in: 'header'; name: string; description?: string }
  | { type: 'http'; scheme: 'bearer' | 'basic'; description?: string }
  | { type: 'oauth2'; description?: string; flows: { clientCredentials: { tokenUrl: string; scopes: Record<string, string> } } };

export type SecurityRequirement = Record<string, string[]>;

/** Registered callers send their client id and API key (population, business registry, SMS, CA). */
export const CLIENT_KEY_SCHEMES: Record<string, SecurityScheme> = {
  clientId: { type: 'apiKey', in: 'header', name: 'X-Client-Id', description: 'The registered client' },
  apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'The client’s API key' },
};

/** An X-Road member identifies itself; the key stands in for its TLS client certificate (NDXP). */
export const X_ROAD_SCHEMES: Record<string, SecurityScheme> = {
  xRoadClient: { type: 'apiKey', in: 'header', name: 'X-Road-Client', description: 'The calling subsystem, INSTANCE/CLASS/MEMBER/SUBSYSTEM' },
  xRoadClientKey: { type: 'apiKey', in: 'header', name: 'X-Road-Client-Key', description: 'Stands in for the member’s TLS client certificate' },
};

/** A merchant signs each request: HMAC-SHA256 over the timestamp and body with its secret (payment platform). */
export const MERCHANT_SCHEMES: Record<string, SecurityScheme> = {
  merchantCode: { type: 'apiKey', in: 'header', name: 'X-Merchant-Code', description: 'The merchant' },
  signature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'HMAC-SHA256 of the request (see X-Timestamp) with the merchant secret' },
};

/** OAuth 2.0 client credentials at the sandbox's own token endpoint (DVCQG, VNPost). */
export const clientCredentials = (tokenUrl: string): Record<string, SecurityScheme> => ({
  oauth2: { type: 'oauth2', description: 'Bearer token from the client-credentials grant', flows: { clientCredentials: { tokenUrl, scopes: {} } } },
});

/** The sandboxes' admin API (faults, tester actions) takes the sandbox admin token. */
const ADMIN_SCHEME: SecurityScheme = { type: 'http', scheme: 'bearer', description: 'The sandbox admin token (SANDBOX_ADMIN_TOKEN)' };
const METHOD_WORDS: Record<string, string> = { get: 'get', post: 'post', put: 'put', patch: 'patch', delete: 'delete', head: 'head', options: 'options' };

const words = (text: string) => text.split(/[^A-Za-z0-9]+/).filter(Boolean);
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A stable operationId from the method and the path within the sandbox, for routes that do not
 * name theirs: `GET /_admin/orders/:orderId` → `getAdminOrdersByOrderId`.
 */
export function derivedOperationId(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean).map((segment) =>
    segment === '*' ? 'Path' : segment.startsWith(':') ? `By${words(segment).map(capital).join('')}` : words(segment).map(capital).join(''));
  return `${METHOD_WORDS[method.toLowerCase()] ?? method.toLowerCase()}${parts.join('') || 'Index'}`;
}

type Paths = Record<string, Record<string, { operationId?: string }>>;

/** One route serving several methods shares one operationId: each method gets its own. */
function distinctOperationIds(paths: Paths): Paths {
  const counts = new Map<string, number>();
  for (const item of Object.values(paths)) for (const op of Object.values(item)) if (op.operationId) counts.set(op.operationId, (counts.get(op.operationId) ?? 0) + 1);
  return Object.fromEntries(Object.entries(paths).map(([path, item]) => [path, Object.fromEntries(Object.entries(item).map(([method, op]) =>
    [method, op.operationId && (counts.get(op.operationId) ?? 0) > 1 ? { ...op, operationId: `${method}${capital(op.operationId.replace(/^[a-z]+(?=[A-Z])/, ''))}` } : op]))]));
}

/** The @fastify/swagger options of one sandbox's document. */
export function sandboxSwaggerOptions(sandbox: Sandbox) {
  const schemes: Record<string, SecurityScheme> = { ...sandbox.securitySchemes, sandboxAdmin: ADMIN_SCHEME };
  const headerSchemes = Object.entries(schemes).flatMap(([id, s]) => (s.type === 'apiKey' ? [[s.name.toLowerCase(), id] as const] : []));
  const prefix = `/${sandbox.name}`;
  const { transform, transformObject } = namedComponents({
    route({ schema, url, route }) {
      const rewritten = { ...schema };
      const path = url.startsWith(prefix) ? url.slice(prefix.length) || '/' : url;
      const used: string[] = [];
      const headers = rewritten.headers as { properties?: Record<string, unknown>; required?: string[] } | undefined;
      if (headers?.properties) {
        const properties = Object.fromEntries(Object.entries(headers.properties).filter(([name]) => {
          const scheme = headerSchemes.find(([header]) => header === name.toLowerCase());
          if (scheme) used.push(scheme[1]);
          return !scheme;
        }));
        rewritten.headers = { ...headers, properties, required: (headers.required ?? []).filter((name) => name in properties) };
      }
      if (rewritten.security === undefined) {
        if (/(^|\/)_admin(\/|$)/.test(path)) rewritten.security = [{ sandboxAdmin: [] }];
        else if (used.length > 0) rewritten.security = [Object.fromEntries(used.map((id) => [id, []]))];
        else if (path.startsWith('/api/') && !(route.config as { tester?: boolean } | undefined)?.tester) rewritten.security = sandbox.apiSecurity ?? [];
        else rewritten.security = [];
      }
      if (rewritten.operationId === undefined) {
        const method = Array.isArray(route.method) ? route.method[0]! : route.method;
        rewritten.operationId = derivedOperationId(method, path);
      }
      return { schema: rewritten, url: `${prefix}${path}` };
    },
    document(doc) {
      // The admin scheme is offered to every sandbox; a document lists only the schemes it uses.
      const used = JSON.stringify(doc.paths);
      const components = doc.components as { securitySchemes?: Record<string, unknown> };
      const securitySchemes = Object.fromEntries(Object.entries(components.securitySchemes ?? {}).filter(([id]) => used.includes(`"${id}":[]`)));
      return { ...doc, paths: distinctOperationIds(doc.paths as Paths), components: { ...components, securitySchemes } };
    },
  });
  return {
    transform,
    transformObject,
    openapi: {
      info: { title: `${sandbox.titleEn} (Sen sandbox)`, description: sandbox.description, version: '1.0.0', license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' } },
      servers: [{ url: prefix, description: 'This sandbox on the sandbox server' }],
      components: { securitySchemes: schemes },
    },
  };
}
