// The one HTTP client of the web app: bearer token, a single retry after refresh on 401,
// and the platform's error shape `{ code, message, details?, requestId }` as ApiError.
import createClient, { type Middleware } from 'openapi-fetch';
import { accessToken, refresh } from '../auth/oidc.ts';
import type { paths } from './schema.d.ts';

export interface FieldIssue {
  /** Like `body/username` or `query/limit`. */
  field: string;
  rule?: string;
  message: string;
}

interface RawIssue extends FieldIssue {
  params?: { missingProperty?: string; additionalProperty?: string };
}

/** A missing property is reported on its parent (`body`); point it at the field itself. */
function normaliseIssue({ field, rule, message, params }: RawIssue): FieldIssue {
  const property = params?.missingProperty;
  return { field: property ? `${field}/${property}` : field, rule, message };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly details: FieldIssue[];
  /** `details` as the server sent it: some modules answer an object (e.g. `{ parts: [...] }`), not field issues. */
  readonly rawDetails: unknown;
  constructor(status: number, body: { code?: string; message?: string; requestId?: string; details?: unknown }) {
    super(body.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? 'http.error';
    this.requestId = body.requestId;
    this.rawDetails = body.details;
    this.details = Array.isArray(body.details) ? (body.details as RawIssue[]).filter((d) => d && typeof d.field === 'string').map(normaliseIssue) : [];
  }

  /** The message for one form field (`username` matches `body/username`). */
  fieldMessage(name: string): string | undefined {
    return this.details.find((d) => d.field === name || d.field.endsWith(`/${name}`))?.message;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, such as `Idempotency-Key`. */
  headers?: Record<string, string>;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, url: string, body: unknown, signal: AbortSignal | undefined, token: string | null, extra?: Record<string, string>) {
  const headers: Record<string, string> = { ...extra, accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData || body instanceof Blob) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // no-cache: revalidate (ETag → 304) rather than trust max-age, so an admin sees their own edits.
  return fetch(url, { method, headers, body: payload, signal, cache: 'no-cache' });
}

/** Sends a request and returns the raw Response after auth handling (for downloads). */
export async function rawRequest(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const url = withQuery(path, options.query);
  const token = await accessToken();
  let response = await send(method, url, options.body, options.signal, token, options.headers);
  if (response.status === 401 && token) {
    const renewed = await refresh();
    if (renewed) response = await send(method, url, options.body, options.signal, renewed.accessToken, options.headers);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ConstructorParameters<typeof ApiError>[1];
    throw new ApiError(response.status, body);
  }
  return response;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await rawRequest(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

const bearer: Middleware = {
  async onRequest({ request }) {
    const token = await accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

/**
 * Typed client generated from openapi.json (`npx openapi-typescript openapi.json -o
 * apps/web/src/api/schema.d.ts`). Use it for every route the document describes.
 */
export const openapi = createClient<paths>({ baseUrl: typeof location === 'undefined' ? '' : location.origin });
openapi.use(bearer);
