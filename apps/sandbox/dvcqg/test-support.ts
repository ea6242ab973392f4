import assert from 'node:assert/strict';
import { DEFAULT_ADMIN_TOKEN, startSandbox, type RunningSandbox } from '../server.ts';
import type { DvcqgClient } from './clients.ts';
import { dvcqgSandbox, type DvcqgOptions } from './sandbox.ts';

/** Shared set-up of the DVCQG test files: a real server and small HTTP helpers. */

export const SEN: DvcqgClient = {
  id: 'test-sen', secret: 'test-secret-h19', name: 'Sen (test)', provinceCode: 'H19', receiverSecret: 'test-push-secret-h19',
  redirectUris: ['http://127.0.0.1:9/oidc/dvcqg/callback'],
};
export const OTHER_PROVINCE: DvcqgClient = { id: 'test-h29', secret: 'test-secret-h29', provinceCode: 'H29', receiverSecret: 'test-push-secret-h29' };

export interface TestPortal {
  sandbox: RunningSandbox;
  base: string;
  close(): Promise<void>;
}

export async function startPortal(options: DvcqgOptions = {}): Promise<TestPortal> {
  const sandbox = await startSandbox({
    port: 0, host: '127.0.0.1', logLevel: 'silent', seed: 'dvcqg-test',
    sandboxes: [dvcqgSandbox({ clients: [SEN, OTHER_PROVINCE], ...options })],
  });
  return { sandbox, base: `http://127.0.0.1:${sandbox.port}/dvcqg`, close: () => sandbox.close() };
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
}

export async function accessToken(base: string, client: DvcqgClient = SEN): Promise<string> {
  const response = await postForm(`${base}/oauth/token`, { grant_type: 'client_credentials' }, { authorization: basic(client.id, client.secret) });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

export function sendJson(url: string, method: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export async function admin<T = Record<string, unknown>>(base: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}/_admin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${DEFAULT_ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
